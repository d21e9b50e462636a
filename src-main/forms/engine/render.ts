import { PDFDocument, type PDFEmbeddedPage, type PDFFont } from 'pdf-lib';
import { isReadingOnly } from '../binding/reading';
import { bindValues, type FormData } from '../binding/bind';
import { checkValues, type FieldIssue } from '../binding/check-values';
import { fieldTypes, type FieldTypeRegistry } from '../field-types';
import type { FieldValue } from '../field-types/field-type';
import { pageSizeMm, type RectMm } from '../model/geometry';
import { placeGridCells } from '../model/layout';
import type { Template } from '../model/template';
import { deflateContentStreams, deflateWithZlib } from './deflate';
import { drawLayout, layoutTexts } from './draw-layout';
import { codePointLabel, type FontSet } from './fonts';
import { mm, PdfCanvas } from './pdf-canvas';
import { drawStaffStrip, staffStripTexts, type StaffStrip } from './staff-strip';

// Template objects + data + parsed fonts → PDF bytes, deterministically: the same input gives the same bytes
// (dates come from `today`; pdf-lib's subset-name suffixes come from a fixed-seed generator per document).

export type GlyphReport = { templateId: string; fieldId: string; codePoint: string };

export type RenderInput = {
  /** One or more forms (a bundle renders into one PDF, sharing the font subsets). */
  templates: readonly Template[];
  data: FormData;
  fonts: FontSet;
  /** Background PDFs by the template's `background.pdf` path. */
  backgrounds?: ReadonlyMap<string, Uint8Array>;
  title?: string;
  /** The field types the templates were parsed with: the app's unless a test brings its own. */
  fieldTypes?: Pick<FieldTypeRegistry, 'of'>;
  /** The desk's re-render: field id → value per template id, used instead of binding `data` (a correction's values). */
  boundValues?: ReadonlyMap<string, Readonly<Record<string, FieldValue>>>;
  /** The desk's 職員記入欄, drawn in the top margin of each form's first page. */
  staffStrip?: StaffStrip;
  /**
   * Per template id, the `kanji: "clerk"` fields whose value a clerk wrote. Any other such field holds only the
   * reading the resident typed: its box stays empty for the kanji, with the reading small in its corner, marked.
   */
  clerkWritten?: ReadonlyMap<string, ReadonlySet<string>>;
};

export type RenderResult = {
  pdf: Uint8Array;
  pageCount: number;
  /** Characters no font can draw; their fields are left blank for the clerk to write by hand. */
  missingGlyphs: GlyphReport[];
  /** Values that fail validation, and texts shrunk below their minimum size. */
  issues: FieldIssue[];
};

export async function renderForms(input: RenderInput): Promise<RenderResult> {
  const { fonts, data } = input;
  const types = input.fieldTypes ?? fieldTypes;
  const doc = await PDFDocument.create({ updateMetadata: false });
  deflateWithZlib(doc);
  // Reuse the parsed fonts: pdf-lib asks fontkit to parse the bytes again for every document otherwise.
  doc.registerFontkit({ create: (bytes: Uint8Array) => fonts.faces.find((f) => f.bytes === bytes)!.font } as never);
  const visitDay = new Date(`${data.today}T00:00:00Z`);
  doc.setCreationDate(visitDay);
  doc.setModificationDate(visitDay);
  doc.setProducer('Kakanai');
  doc.setCreator('Kakanai');
  doc.setTitle(input.title ?? input.templates.map((t) => t.title.ja).join(' / '));

  const missingGlyphs: GlyphReport[] = [];
  const issues: FieldIssue[] = [];
  const embedded: (PDFFont | undefined)[] = [];
  for (const template of input.templates) fonts.keepTexts(templateTexts(template, types));
  try {
    for (const template of input.templates) {
      const given = input.boundValues?.get(template.id);
      const values = given ? new Map(Object.entries(given)) : bindValues(template, data, types);
      issues.push(...checkValues(template, values, data.today, types));
      const readings = readingsToWrite(template, values, input.clerkWritten?.get(template.id));
      const { faces, blank } = coverage(template, values, fonts, missingGlyphs, types);
      for (const id of blank) values.delete(id);
      for (const note of readings.values()) for (const run of fonts.runs(note)) faces.add(run.face);
      if (input.staffStrip) for (const text of staffStripTexts(input.staffStrip)) for (const run of fonts.runs(text)) faces.add(run.face);
      await renderTemplate(doc, template, values, fonts, faces, embedded, input.backgrounds, issues, types, input.staffStrip, readings);
    }
    deflateContentStreams(doc);
    const pdf = await doc.save({ useObjectStreams: true });
    return { pdf, pageCount: doc.getPageCount(), missingGlyphs, issues };
  } finally {
    // Widths and shapings of the resident's values must not outlive the render (see FontSet).
    fonts.releaseScratch();
  }
}

const READING_STYLE = { fontSize: 6, minFontSize: 4, align: 'left', valign: 'top', fit: 'shrink', padding: 0.6 } as const;

/**
 * The kana-only values of `kanji: "clerk"` fields a clerk has not written yet: taken out of `values` (the kanji box stays
 * empty) and returned as the small note printed in the box's corner, so the paper is never final with kana in it.
 */
function readingsToWrite(template: Template, values: Map<string, FieldValue>, written: ReadonlySet<string> | undefined): Map<string, string> {
  const readings = new Map<string, string>();
  for (const field of template.fields) {
    const value = values.get(field.id);
    if (field.kanji !== 'clerk' || written?.has(field.id) || !isReadingOnly(value)) continue;
    values.delete(field.id);
    readings.set(field.id, `よみ：${value.replace(/\s*\n\s*/g, ' ')}（漢字は職員が記入）`);
  }
  return readings;
}

/** The template's own printed texts (labels, captions, option names): the same for every resident. */
function templateTexts(template: Template, types: Pick<FieldTypeRegistry, 'of'>): string[] {
  const texts = layoutTexts(template.layout).map((t) => t.text);
  for (const field of template.fields) texts.push(...types.of(field.type).printedTexts(field as never, undefined));
  return texts;
}

/** Checks every printed text against the fonts before anything is drawn; fields with a missing glyph go blank. */
function coverage(template: Template, values: Map<string, FieldValue>, fonts: FontSet, reports: GlyphReport[], types: Pick<FieldTypeRegistry, 'of'>) {
  const faces = new Set<number>([0]);
  const blank = new Set<string>();
  const check = (where: string, text: string) => {
    const missing = fonts.missing(text);
    for (const cp of missing) reports.push({ templateId: template.id, fieldId: where, codePoint: codePointLabel(cp) });
    for (const run of fonts.runs(text)) faces.add(run.face);
    return missing.length === 0;
  };
  for (const { where, text } of layoutTexts(template.layout)) check(where, text);
  for (const field of template.fields) {
    const texts = types.of(field.type).printedTexts(field as never, values.get(field.id));
    if (!texts.map((t) => check(field.id, t)).every(Boolean)) blank.add(field.id);
  }
  return { faces, blank };
}

async function renderTemplate(
  doc: PDFDocument,
  template: Template,
  values: Map<string, FieldValue>,
  fonts: FontSet,
  faces: Set<number>,
  embedded: (PDFFont | undefined)[],
  backgrounds: ReadonlyMap<string, Uint8Array> | undefined,
  issues: FieldIssue[],
  types: Pick<FieldTypeRegistry, 'of'>,
  staffStrip?: StaffStrip,
  readings: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  const [wMm, hMm] = pageSizeMm(template.paper);
  const cells = new Map<string, RectMm>(placeGridCells(template.layout).cells.flatMap((c) => (c.cell.id ? [[c.cell.id, c.rect] as const] : [])));
  const canvas = new PdfCanvas(doc, fonts, cells, embedded);
  await canvas.embedFaces(faces);
  const background = await embedBackground(doc, template, backgrounds);

  for (let page = 1; page <= template.paper.pages; page++) {
    const pdfPage = doc.addPage([mm(wMm), mm(hMm)]);
    await canvas.usePage(pdfPage, hMm);
    const bg = background[page - 1];
    if (bg) pdfPage.drawPage(bg, { x: 0, y: 0, width: mm(wMm), height: mm(hMm) });
    canvas.onText = undefined;
    drawLayout(canvas, template.layout, page);
    for (const field of template.fields) {
      if (field.page !== page) continue;
      let shrunk = false;
      canvas.onText = (drawn, style) => {
        if (drawn.fontSize < style.minFontSize) shrunk = true;
      };
      await types.of(field.type).draw(canvas, field as never, values.get(field.id));
      if (shrunk) issues.push({ templateId: template.id, fieldId: field.id, code: 'fontShrunkBelowMinimum' });
      const reading = readings.get(field.id);
      const place = reading === undefined ? undefined : types.of(field.type).places(field as never)[0]?.[0];
      if (reading !== undefined && place !== undefined) {
        canvas.onText = undefined;
        const [x, y, w, h] = canvas.rect(place);
        canvas.text([x, y, w, Math.min(h, 4.5)], reading, READING_STYLE);
      }
    }
    canvas.onText = undefined;
    if (staffStrip && page === 1) drawStaffStrip(canvas, staffStrip, wMm);
  }
}

async function embedBackground(doc: PDFDocument, template: Template, backgrounds: ReadonlyMap<string, Uint8Array> | undefined): Promise<(PDFEmbeddedPage | undefined)[]> {
  if (!template.background) return [];
  const bytes = backgrounds?.get(template.background.pdf);
  if (!bytes) throw new Error(`template ${template.id}: background ${template.background.pdf} was not loaded`);
  const indices = template.background.pages ?? Array.from({ length: template.paper.pages }, (_, i) => i + 1);
  return doc.embedPdf(bytes, indices.map((p) => p - 1));
}

export async function renderForm(template: Template, data: FormData, fonts: FontSet, backgrounds?: ReadonlyMap<string, Uint8Array>): Promise<RenderResult> {
  return renderForms({ templates: [template], data, fonts, backgrounds });
}

/** One form as it prints once a clerk wrote every kanji the kiosk took as a reading (the layout tests' reference). */
export async function renderFinalForm(template: Template, data: FormData, fonts: FontSet): Promise<RenderResult> {
  const written = new Set(template.fields.filter((f) => f.kanji === 'clerk').map((f) => f.id));
  return renderForms({ templates: [template], data, fonts, clerkWritten: new Map([[template.id, written]]) });
}

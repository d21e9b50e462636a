// What the designer does to a template draft, as pure functions: its boxes on each page, moving one, adding and
// removing fields. A box ("place") is named by its field id and its path in the field: "name@at",
// "sex@options.1.at", "born@parts.year".
import { fieldPanels, layoutCells, panelOf, type DraftField, type DraftTemplate } from '../../field-types';
import type { Rect } from './snapping';

export type PaperSize = 'A4' | 'A3' | 'B4' | 'B5';
const paperMm: Record<PaperSize, readonly [number, number]> = { A4: [210, 297], A3: [297, 420], B4: [257, 364], B5: [182, 257] };

export interface Place {
  key: string;
  fieldIndex: number;
  fieldId: string;
  type: string;
  path: (string | number)[];
  page: number;
  rect: Rect;
  /** In a layout cell (its "at" is the cell's id): shown, not moved. */
  inCell: string | null;
  caption?: string;
}

export const placeKey = (fieldId: string, path: readonly (string | number)[]) => `${fieldId}@${path.join('.')}`;
export const fieldIdOfKey = (key: string) => key.slice(0, key.lastIndexOf('@'));

export function pageSizeOf(doc: Pick<DraftTemplate, 'paper'>): { widthMm: number; heightMm: number } {
  const [w, h] = paperMm[doc.paper?.size ?? 'A4'];
  return doc.paper?.orientation === 'landscape' ? { widthMm: h, heightMm: w } : { widthMm: w, heightMm: h };
}

export const pageCountOf = (doc: Pick<DraftTemplate, 'paper'>) => doc.paper?.pages ?? 1;

/** The paper size (and orientation) a background page of this size is, within 3 mm; undefined for other sizes. */
export function paperFor(widthMm: number, heightMm: number): { size: PaperSize; orientation: 'portrait' | 'landscape' } | undefined {
  for (const [size, [w, h]] of Object.entries(paperMm) as [PaperSize, readonly [number, number]][]) {
    if (Math.abs(widthMm - w) <= 3 && Math.abs(heightMm - h) <= 3) return { size, orientation: 'portrait' };
    if (Math.abs(widthMm - h) <= 3 && Math.abs(heightMm - w) <= 3) return { size, orientation: 'landscape' };
  }
  return undefined;
}

export function placesOf(doc: DraftTemplate): Place[] {
  const cells = layoutCells((doc.layout ?? []) as never);
  const out: Place[] = [];
  doc.fields.forEach((field, fieldIndex) => {
    const panel = panelOf(field.type);
    if (!panel) return;
    for (const p of panel.places(field)) {
      const cell = typeof p.at === 'string' ? cells.get(p.at) : undefined;
      const rect = typeof p.at === 'string' ? cell?.rect : p.at;
      if (!rect) continue;
      out.push({
        key: placeKey(field.id, p.path),
        fieldIndex,
        fieldId: field.id,
        type: field.type,
        path: p.path,
        page: field.page ?? 1,
        rect: [...rect] as Rect,
        inCell: typeof p.at === 'string' ? p.at : null,
        ...(p.caption ? { caption: p.caption } : {}),
      });
    }
  });
  return out;
}

function setIn(value: unknown, path: readonly (string | number)[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setIn(v, rest, next) : v));
  const obj = (value ?? {}) as Record<string, unknown>;
  return { ...obj, [head]: setIn(obj[head], rest, next) };
}

/** The draft with the given boxes at new rectangles (several at once: a multi-selection moved together). */
export function movePlaces(doc: DraftTemplate, moves: ReadonlyMap<string, Rect>): DraftTemplate {
  if (moves.size === 0) return doc;
  const fields = doc.fields.map((field) => {
    let f: unknown = field;
    for (const [key, rect] of moves) {
      if (fieldIdOfKey(key) !== field.id) continue;
      const path = key.slice(key.lastIndexOf('@') + 1).split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      f = setIn(f, path, rect);
    }
    return f as DraftField;
  });
  return { ...doc, fields };
}

/** A field id not yet used: text1, text2… */
export function freeFieldId(doc: DraftTemplate, type: string): string {
  const base = type.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  const used = new Set(doc.fields.map((f) => f.id));
  for (let n = 1; ; n++) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}

export function addField(doc: DraftTemplate, type: keyof typeof fieldPanels, page: number, rect: Rect): { doc: DraftTemplate; field: DraftField } {
  const field = fieldPanels[type].create({ id: freeFieldId(doc, type), page, rect }) as DraftField;
  return { doc: { ...doc, fields: [...doc.fields, field] }, field };
}

export function removeFields(doc: DraftTemplate, ids: ReadonlySet<string>): DraftTemplate {
  return { ...doc, fields: doc.fields.filter((f) => !ids.has(f.id)) };
}

/** A copy of the fields 5 mm down and right, with new ids (Ctrl+D). */
export function duplicateFields(doc: DraftTemplate, ids: ReadonlySet<string>): { doc: DraftTemplate; newIds: string[] } {
  let next = doc;
  const newIds: string[] = [];
  for (const f of doc.fields.filter((f) => ids.has(f.id))) {
    const id = freeFieldId(next, f.type);
    const shifted = JSON.parse(JSON.stringify(f), (k, v: unknown) =>
      (k === 'at' || k === 'era' || k === 'year' || k === 'month' || k === 'day') && Array.isArray(v) && v.length === 4 ? [v[0] + 5, v[1] + 5, v[2], v[3]] : v,
    ) as DraftField;
    next = { ...next, fields: [...next.fields, { ...shifted, id }] };
    newIds.push(id);
  }
  return { doc: next, newIds };
}

/** A new template on the city's PDF: its pages are the paper, no fields yet. */
export function newTemplateOnBackground(init: {
  id: string;
  titleJa: string;
  category: DraftTemplate['category'];
  legalBasis: string;
  myNumberUse: boolean;
  hash: string;
  pagesMm: { widthMm: number; heightMm: number }[];
}): DraftTemplate {
  const first = init.pagesMm[0] ?? { widthMm: 210, heightMm: 297 };
  const paper = paperFor(first.widthMm, first.heightMm) ?? { size: 'A4' as const, orientation: 'portrait' as const };
  const pages = Math.min(Math.max(init.pagesMm.length, 1), 20);
  return {
    id: init.id,
    version: 1,
    title: { ja: init.titleJa, easy: init.titleJa, en: init.titleJa },
    category: init.category,
    legalBasis: init.legalBasis,
    myNumberUse: init.myNumberUse,
    paper: { size: paper.size, ...(paper.orientation === 'landscape' ? { orientation: 'landscape' } : {}), ...(pages > 1 ? { pages } : {}) },
    background: { pdf: `designer/${init.hash}.pdf` },
    fields: [],
  };
}

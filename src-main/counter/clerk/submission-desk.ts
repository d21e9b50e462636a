// The opened submission as the paper reads it (labels, option names, 和暦), the clerk's corrections and the
// 職員記入欄. A correction renders the form again from the template version it was made with and waits beside the
// original until the clerk confirms it; the queue audits field ids, never values.
import type { DeskField, DeskForm, IdDocument, QueueItem, SubmissionView } from '../../contract/clerk';
import { ID_DOCUMENTS } from '../../contract/clerk';
import { formatSeireki, formatWareki } from '../../forms/binding/wareki';
import type { FontSet } from '../../forms/engine/fonts';
import { renderForms } from '../../forms/engine/render';
import type { StaffStrip } from '../../forms/engine/staff-strip';
import { loadBackgrounds, loadFonts } from '../../forms/load';
import { fieldTypes } from '../../forms/field-types';
import { feeOf } from '../../forms/model/fee';
import { parseSource } from '../../forms/model/source';
import { isReadingOnly } from '../../forms/binding/reading';
import type { Template } from '../../forms/model/template';
import type { Actor, FieldValues, OpenedForm, OpenedSubmission, SubmissionSummary } from '../queue';
import { decodeImageValue, imagesKept } from '../queue/image-values';
import type { FieldValue } from '../../forms/field-types/field-type';
import { ClerkRequestError } from './desk-service';

/** What the desk needs of the forms library: the template a form was made with, and the engine. */
export interface DeskForms {
  /** The template at exactly this version; undefined when the library no longer has it (the hall reads its store). */
  templateAt(id: string, version: number | null): Template | undefined | Promise<Template | undefined>;
  /**
   * Renders one form from its values (not from a resident's data) with the staff strip; `today` is the visit's day;
   * `clerkWritten`: the kanji fields a clerk wrote (the others print only their reading, marked).
   */
  render(template: Template, values: FieldValues, staffStrip: StaffStrip | undefined, today: string, clerkWritten?: ReadonlySet<string>): Promise<Uint8Array>;
}

/** The staff area rides in a form's sealed values under a key no template field id can take (ids have no colon). */
const ID_DOCUMENT_KEY = 'staff:idDocument';

/** The printed words of the strip: the paper is Japanese whatever the desk's language. */
const ID_DOCUMENT_JA: Record<IdDocument, string> = {
  'my-number-card': 'マイナンバーカード',
  'driver-license': '運転免許証',
  passport: 'パスポート',
  'residence-card': '在留カード',
  'health-insurance': '健康保険証',
  other: 'その他',
};

/** What the desk needs of a queue: a kiosk's own (synchronous SQLite) or the hall's (PostgreSQL). */
export interface DeskQueue {
  open(id: number, actor: Actor): OpenedSubmission | Promise<OpenedSubmission>;
  stageCorrection(id: number, change: { position: number; changedFields: readonly string[]; values: FieldValues; pdf: Uint8Array }, actor: Actor): void | Promise<void>;
  confirmCorrections(id: number, actor: Actor): number | Promise<number>;
}

type Templates = ReadonlyMap<number, Template | undefined>;

export class SubmissionDesk<S extends SubmissionSummary = SubmissionSummary> {
  constructor(
    private readonly queue: () => DeskQueue,
    private readonly forms: DeskForms | undefined,
    private readonly itemOf: (summary: S) => QueueItem | Promise<QueueItem>,
  ) {}

  async view(id: number, actor: Actor): Promise<SubmissionView> {
    const opened = await this.queue().open(id, actor);
    return this.viewOf(opened);
  }

  /** The clerk's changes to one form's fields (null clears one); staged until confirmCorrections. */
  async correct(id: number, position: number, fields: Readonly<Record<string, string | boolean | null>>, actor: Actor): Promise<SubmissionView> {
    const opened = await this.queue().open(id, actor);
    const form = opened.reveal().find((f) => f.position === position);
    if (!form) throw new ClerkRequestError('not-found');
    const template = await this.templateOf(form);
    const kinds = new Map(template.fields.map((f) => [f.id, fieldTypes.of(f.type).valueKind]));
    const changed = Object.keys(fields);
    // Only the template's own fields, each with its kind of value: text for text, true/false for a checkbox.
    const fits = (id: string, v: string | boolean | null) => v === null || (kinds.get(id) === 'boolean' ? typeof v === 'boolean' : kinds.get(id) === 'text' && typeof v === 'string');
    if (changed.length === 0 || changed.some((f) => !kinds.has(f) || !fits(f, fields[f] ?? null))) throw new ClerkRequestError('invalid-request');
    const before = current(form);
    const values: FieldValues = { ...before };
    for (const [fieldId, value] of Object.entries(fields)) {
      if (value === null || value === '') delete values[fieldId];
      else values[fieldId] = value;
    }
    // A person's or an address's kanji is written once for the visit: every other kanji box still holding the same
    // reading, on this form or another of the submission, takes it too (the family is on several forms of a 転入).
    const kanjiOf = new Map<string, string>();
    for (const [fieldId, value] of Object.entries(fields)) {
      const old = before[fieldId];
      if (template.fields.find((f) => f.id === fieldId)?.kanji === 'clerk' && isReadingOnly(old) && typeof value === 'string' && value.trim() !== '' && !isReadingOnly(value)) kanjiOf.set(sameReading(old), value);
    }
    const alsoHere = this.sameReadingFields(template, form, values, kanjiOf, changed);
    await this.stage(opened, form, template, { ...values, ...alsoHere }, [...changed, ...Object.keys(alsoHere)], actor);
    if (kanjiOf.size > 0) {
      for (const other of opened.reveal()) {
        if (other.position === position) continue;
        const otherTemplate = await this.forms?.templateAt(other.templateId, other.templateVersion);
        if (!otherTemplate) continue;
        const also = this.sameReadingFields(otherTemplate, other, current(other), kanjiOf, []);
        if (Object.keys(also).length === 0) continue;
        // An old signed form that cannot be drawn again keeps its box for the clerk to write there.
        await this.stage(opened, other, otherTemplate, { ...current(other), ...also }, Object.keys(also), actor).catch((e: unknown) => {
          if (!(e instanceof ClerkRequestError && e.code === 'signed-form')) throw e;
        });
      }
    }
    return this.view(id, actor);
  }

  /** The kanji boxes of a form, not written by a clerk nor now, whose value is one of the readings just written. */
  private sameReadingFields(template: Template, form: OpenedForm, values: FieldValues, kanjiOf: ReadonlyMap<string, string>, changed: readonly string[]): FieldValues {
    const written = new Set([...form.clerkFields, ...changed]);
    const out: FieldValues = {};
    for (const field of template.fields) {
      const value = values[field.id];
      const kanji = field.kanji === 'clerk' && !written.has(field.id) && isReadingOnly(value) ? kanjiOf.get(sameReading(value)) : undefined;
      if (kanji !== undefined) out[field.id] = kanji;
    }
    return out;
  }

  /** Records the identity document checked and draws the staff strip on every form of the submission. */
  async staffArea(id: number, idDocument: IdDocument, actor: Actor): Promise<SubmissionView> {
    const opened = await this.queue().open(id, actor);
    for (const form of opened.reveal()) {
      const template = await this.templateOf(form);
      await this.stage(opened, form, template, { ...current(form), [ID_DOCUMENT_KEY]: idDocument }, ['staff.idDocument'], actor);
    }
    return this.view(id, actor);
  }

  async confirmCorrections(id: number, actor: Actor): Promise<SubmissionView> {
    await this.queue().confirmCorrections(id, actor);
    return this.view(id, actor);
  }

  /** Refuses a step that makes the submission final (confirm, done, print) while a kanji field waits for the clerk. */
  async assertFinal(id: number, actor: Actor): Promise<void> {
    const forms = (await this.queue().open(id, actor)).reveal();
    if (this.kanjiPending(forms, await this.templatesOf(forms)).length > 0) throw new ClerkRequestError('kanji-pending');
  }

  private async stage(opened: OpenedSubmission, form: OpenedForm, template: Template, values: FieldValues, changed: string[], actor: Actor): Promise<void> {
    // A form queued before signatures were kept in its values has its signature only in the PDF: rendering it again would lose it.
    if (!imagesKept(form.values) && template.fields.some((f) => fieldTypes.of(f.type).valueKind === 'image')) throw new ClerkRequestError('signed-form');
    if (!this.forms) throw new ClerkRequestError('template-changed');
    // The kanji a clerk wrote before, and the fields written now, are drawn; other kana-only fields keep their note.
    const written = new Set([...form.clerkFields, ...changed]);
    const pdf = await this.forms.render(template, { ...fieldValues(values), ...staffFieldValues(template, values) }, stripOf(template, values, opened.summary.ticketNumber), opened.summary.day, written);
    try {
      await this.queue().stageCorrection(opened.summary.id, { position: form.position, changedFields: changed, values, pdf }, actor);
    } finally {
      pdf.fill(0);
    }
  }

  private async templateOf(form: OpenedForm): Promise<Template> {
    const template = await this.forms?.templateAt(form.templateId, form.templateVersion);
    if (!template) throw new ClerkRequestError('template-changed');
    return template;
  }

  /** The template each form was made with, by position (undefined: the library no longer has it). */
  private async templatesOf(forms: readonly OpenedForm[]): Promise<Templates> {
    return new Map(await Promise.all(forms.map(async (f) => [f.position, await this.forms?.templateAt(f.templateId, f.templateVersion)] as const)));
  }

  /** The kanji fields holding the resident's reading that no clerk has written yet (an empty one waits for nothing). */
  private kanjiPending(forms: readonly OpenedForm[], templates: Templates): { position: number; fieldId: string }[] {
    return forms.flatMap((form) => {
      const template = templates.get(form.position);
      const written = new Set(form.clerkFields);
      const values = current(form);
      const typed = (id: string) => isReadingOnly(values[id]);
      return (template?.fields ?? []).filter((f) => f.kanji === 'clerk' && typed(f.id) && !written.has(f.id)).map((f) => ({ position: form.position, fieldId: f.id }));
    });
  }

  private async viewOf(opened: OpenedSubmission): Promise<SubmissionView> {
    const forms = opened.reveal();
    const templates = await this.templatesOf(forms);
    const first = forms[0] && current(forms[0])[ID_DOCUMENT_KEY];
    return {
      item: await this.itemOf(opened.summary as S),
      forms: forms.map((f) => deskForm(f, templates.get(f.position))),
      staff: { idDocument: typeof first === 'string' && (ID_DOCUMENTS as readonly string[]).includes(first) ? (first as IdDocument) : null },
      kanjiPending: this.kanjiPending(forms, templates),
    };
  }
}

/** Two readings name the same person or place when they differ only in width and spaces. */
function sameReading(reading: string): string {
  return reading.normalize('NFKC').replace(/\s+/gu, '');
}

/** The values the form prints with now: the waiting correction's, else the original's. */
function current(form: OpenedForm): FieldValues {
  return form.pending?.values ?? form.values;
}

/** The template's fields only (the staff area's key is not a field). */
function fieldValues(values: FieldValues): FieldValues {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !k.includes(':')));
}

/** A field of the paper's own 職員記入欄 (source staff.*): the desk fills it, the clerk never corrects it as a field. */
function isStaffField(field: Template['fields'][number]): boolean {
  return parseSource(field.source, field.id).kind === 'staff';
}

/** The paper's own 職員記入欄 fields, filled once the clerk recorded the identity document. */
function staffFieldValues(template: Template, values: FieldValues): FieldValues {
  const doc = values[ID_DOCUMENT_KEY];
  if (typeof doc !== 'string' || !(doc in ID_DOCUMENT_JA)) return {};
  const fee = feeOf(template.fee, values);
  const out: FieldValues = {};
  for (const field of template.fields) {
    const source = parseSource(field.source, field.id);
    if (source.kind !== 'staff') continue;
    if (source.item === 'idDocument') out[field.id] = doc;
    else if (fee !== undefined) out[field.id] = fee.toLocaleString('ja-JP');
  }
  return out;
}

/** A form without its own 職員記入欄 fields gets the line in the top margin instead. */
function stripOf(template: Template, values: FieldValues, ticketNumber: string): StaffStrip | undefined {
  const doc = values[ID_DOCUMENT_KEY];
  if (typeof doc !== 'string' || !(doc in ID_DOCUMENT_JA)) return undefined;
  if (template.fields.some(isStaffField)) return undefined;
  const fee = feeOf(template.fee, values);
  return {
    title: '職員記入欄',
    entries: [
      { caption: '本人確認書類', text: ID_DOCUMENT_JA[doc as IdDocument] },
      { caption: '手数料', text: fee === undefined ? '—' : `${fee.toLocaleString('ja-JP')}円` },
      { caption: '受付番号', text: ticketNumber },
    ],
  };
}

/**
 * The fields of the people read from their own My Number Card: the kiosk has no kanji keyboard, so a person's name in
 * kanji that no clerk wrote came from that person's card, and with it their birth date, sex and My Number.
 */
function fromPersonCard(template: Template | undefined, values: FieldValues, written: ReadonlySet<string>): Set<string> {
  const sources = (template?.fields ?? []).map((f) => ({ id: f.id, source: parseSource(f.source, f.id) }));
  const people = new Set<string>();
  for (const { id, source } of sources) {
    const value = values[id];
    if (source.kind === 'person' && source.item === 'name' && typeof value === 'string' && value.trim() !== '' && !written.has(id) && !isReadingOnly(value)) people.add(`${source.role}[${source.index}]`);
  }
  const items = new Set(['name', 'birthDate', 'sex', 'myNumber']);
  return new Set(sources.filter(({ source }) => source.kind === 'person' && items.has(source.item) && people.has(`${source.role}[${source.index}]`)).map(({ id }) => id));
}

function deskForm(form: OpenedForm, template: Template | undefined): DeskForm {
  const values = current(form);
  const pdf = form.pending?.pdf ?? form.pdf;
  const written = new Set(form.clerkFields);
  const fromCard = fromPersonCard(template, values, written);
  const groups: DeskForm['groups'] = [];
  const groupOf = (id: string, label: DeskForm['groups'][number]['label']) => {
    let g = groups.find((x) => x.id === id);
    if (!g) groups.push((g = { id, label, fields: [] }));
    return g;
  };
  for (const field of template?.fields ?? []) {
    if (isStaffField(field)) continue; // the staff area has its own controls on the desk
    // A person or an address is the fields of one template group, or of one id prefix (applicant.name, applicant.kana).
    const groupId = field.group ?? (field.id.includes('.') ? field.id.slice(0, field.id.indexOf('.')) : '');
    const label = template?.groups?.find((g) => g.id === groupId)?.label ?? null;
    const image = fieldTypes.of(field.type).valueKind === 'image';
    // The signature's bytes stay out of the desk's view: the paper beside the fields shows it.
    const value = image ? null : (values[field.id] ?? null);
    const options = (field as { options?: { value: string; label: DeskField['label'] }[] }).options;
    const option = typeof value === 'string' ? options?.find((o) => o.value === value)?.label : undefined;
    const wareki = field.type === 'date' && typeof value === 'string' ? formatWareki(value) : undefined;
    const seireki = field.type === 'date' && typeof value === 'string' ? formatSeireki(value) : undefined;
    groupOf(label ? groupId : '', label).fields.push({
      id: field.id,
      label: field.label,
      type: field.type,
      value,
      ...(option ? { option } : {}),
      ...(wareki && seireki ? { date: { wareki, seireki } } : {}),
      // The kanji mark only where the resident typed a reading (a card's address is already in kanji) or a clerk wrote it.
      ...(field.kanji === 'clerk' && (written.has(field.id) || isReadingOnly(value)) ? { kanji: { written: written.has(field.id) } } : {}),
      ...(image ? { image: { present: decodeImageValue(values[field.id]) !== undefined } } : {}),
      ...(fromCard.has(field.id) ? { fromPersonCard: true as const } : {}),
    });
  }
  return {
    position: form.position,
    templateId: form.templateId,
    templateVersion: form.templateVersion,
    title: template?.title ?? { ja: form.templateId, easy: form.templateId, en: form.templateId },
    groups: groups.filter((g) => g.fields.length > 0),
    feeYen: template ? (feeOf(template.fee, values) ?? null) : null,
    pdfBase64: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('base64'),
    pending: form.pending !== undefined,
  };
}

/**
 * The desk's forms from the kiosk's live library: a form is corrected only against the version it was made with
 * (another version could move or rename its fields), rendered in this process from its stored values.
 */
export function libraryDeskForms(options: { library: () => { templates: ReadonlyMap<string, Template> }; fontsConfig: string; backgroundBytes: (path: string) => Uint8Array }): DeskForms {
  return {
    templateAt: (id, version) => {
      const template = options.library().templates.get(id);
      return template && template.version === version ? template : undefined;
    },
    render: deskRenderer(options.fontsConfig, (template) => loadBackgrounds([template], options.backgroundBytes)),
  };
}

/** One form rendered again from its stored values: the local desk's and the hall's (backgrounds from its store). */
export function deskRenderer(fontsConfig: string, backgroundsOf: (template: Template) => Map<string, Uint8Array> | Promise<Map<string, Uint8Array>>): DeskForms['render'] {
  let fonts: FontSet | undefined;
  return async (template, values, staffStrip, today, clerkWritten) => {
    fonts ??= loadFonts(fontsConfig).fonts;
    const r = await renderForms({
      templates: [template],
      data: { today },
      fonts,
      backgrounds: await backgroundsOf(template),
      boundValues: new Map([[template.id, withImages(template, values)]]),
      ...(clerkWritten ? { clerkWritten: new Map([[template.id, clerkWritten]]) } : {}),
      ...(staffStrip ? { staffStrip } : {}),
    });
    return r.pdf;
  };
}

/** Stored values as the engine draws them: a kept signature back to its PNG bytes. */
function withImages(template: Template, values: FieldValues): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = { ...values };
  for (const field of template.fields) {
    if (fieldTypes.of(field.type).valueKind !== 'image') continue;
    const image = decodeImageValue(values[field.id]);
    if (image) out[field.id] = image;
    else delete out[field.id];
  }
  return out;
}

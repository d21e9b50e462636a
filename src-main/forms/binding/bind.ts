import type { MyNumber, ResidentInfo } from '../../../card-reader/personal-data';
import { fieldTypes, type FieldTypeRegistry } from '../field-types';
import type { FieldValue } from '../field-types/field-type';
import { conditionHolds } from '../model/condition';
import { personValue } from '../model/people';
import { parseSource } from '../model/source';
import type { Field, Template } from '../model/template';
import { ageOn } from './wareki';

// Card data, answers, the visit and computed values → one value per field. This is one of the two places that
// unwrap personal data (reveal()); the values it returns live only as long as a render.

export type AnswerValue = string | number | boolean | Uint8Array | null;

/** What a form is filled from. `today` (YYYY-MM-DD) is an input, so a render never depends on the clock. */
export type FormData = {
  resident?: ResidentInfo;
  myNumber?: MyNumber;
  answers?: Readonly<Record<string, AnswerValue>>;
  session?: { ticketNumber?: string; cityName?: string; windowName?: string };
  today: string;
};

export type BoundValues = Map<string, FieldValue>;

/** The field's `sourceIf` source while its condition holds on these answers, else its own source. */
export function sourceOf(field: Field, data: Pick<FormData, 'answers'>): string | undefined {
  const other = field.sourceIf;
  if (!other || 'computed' in other.when) return field.source;
  return conditionHolds(other.when, data.answers?.[other.when.answer]) ? other.source : field.source;
}

export function bindValues(template: Template, data: FormData, types: Pick<FieldTypeRegistry, 'of'> = fieldTypes): BoundValues {
  const values: BoundValues = new Map();
  for (const field of template.fields) {
    const raw = rawValue(template, field, data);
    const value = raw === undefined || raw === null ? undefined : coerce(raw, types.of(field.type).valueKind);
    if (value !== undefined && value !== '') values.set(field.id, value);
  }
  return values;
}

function rawValue(template: Template, field: Field, data: FormData): AnswerValue | undefined {
  const source = parseSource(sourceOf(field, data), field.id);
  switch (source.kind) {
    case 'card': {
      if (source.item === 'myNumber') {
        // The model already rejects this; a hand-built template object must not slip past it either.
        if (!template.myNumberUse) throw new Error(`template ${template.id} is not a 番号利用事務 form; field ${field.id} may not hold the My Number`);
        return data.myNumber?.reveal();
      }
      return data.resident?.reveal()[source.item];
    }
    case 'computed': {
      if (source.item === 'today') return data.today;
      const birth = data.resident?.reveal().birthDate;
      const age = birth === undefined ? undefined : ageOn(birth, data.today);
      return age === undefined ? undefined : String(age);
    }
    case 'session':
      return data.session?.[source.item];
    case 'visit':
      return visitAddress(source.item, data);
    case 'staff':
      // The 職員記入欄 stays blank at the kiosk; the desk's re-render brings its values (see submission-desk.ts).
      return undefined;
    case 'answer':
      return data.answers?.[source.key];
    case 'person':
      return personValue(source, data.answers, field.relationshipVia === undefined ? undefined : { holderToHead: data.answers?.[field.relationshipVia] }) as AnswerValue | undefined;
    case 'value':
      return source.text;
  }
}

/** The answer key of the new address a move notification asks; in a 転入/転居 bundle every form shares it. */
export const NEW_ADDRESS_KEY = 'move.newAddress';

// The card holds the address before the visit; a 転入/転居 makes the typed new address the one every other form prints.
function visitAddress(item: 'address' | 'addressBefore', data: FormData): AnswerValue | undefined {
  const card = data.resident?.reveal().address;
  if (item === 'addressBefore') return card;
  const moving = data.answers?.['move.kind'] !== 'out';
  const after = data.answers?.[NEW_ADDRESS_KEY];
  return moving && typeof after === 'string' && after.trim() !== '' ? after : card;
}

function coerce(raw: Exclude<AnswerValue, null>, kind: 'text' | 'boolean' | 'image'): FieldValue | undefined {
  switch (kind) {
    case 'text':
      return raw instanceof Uint8Array ? undefined : String(raw);
    case 'boolean':
      return raw === true || raw === 'true' || raw === '1' ? true : raw === false || raw === 'false' || raw === '0' ? false : undefined;
    case 'image':
      if (raw instanceof Uint8Array) return raw;
      return typeof raw === 'string' ? decodePngDataUrl(raw) : undefined;
  }
}

/** "data:image/png;base64,…" → bytes (answers arrive as JSON). atob keeps this runnable in the browser too. */
export function decodePngDataUrl(url: string): Uint8Array | undefined {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=\s]+)$/.exec(url);
  if (!m) return undefined;
  const bin = atob(m[1]!.replace(/\s/g, ''));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

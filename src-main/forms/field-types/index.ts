// The registry: field type name → its module. The template model builds its field union from this list.
import { checkbox } from './checkbox';
import { choice } from './choice';
import { circle } from './circle';
import { date } from './date';
import { digits } from './digits';
import { kana } from './kana';
import { multiline } from './multiline';
import { number } from './number';
import { phone } from './phone';
import { postalCode } from './postal-code';
import { signature } from './signature';
import { text } from './text';
import type { FieldType } from './field-type';

export const fieldTypes = [text, multiline, kana, date, choice, checkbox, circle, number, phone, postalCode, digits, signature] as const;

export type FieldTypeName = (typeof fieldTypes)[number]['type'];

const byName = new Map<string, FieldType>(fieldTypes.map((t) => [t.type, t as unknown as FieldType]));

export function fieldTypeOf(name: string): FieldType {
  const t = byName.get(name);
  if (!t) throw new Error(`unknown field type ${name}`);
  return t;
}

export type { DrawContext, FieldType, FieldValue, ValueIssueCode } from './field-type';

// The registry: every field type of the app, in palette order. The template model, the engine, binding, the
// catalogue and the preview read field types through it; the browser's registry (src-renderer/field-types) is
// derived from it. Adding a type: its folder here, its folder there, and one line in this list.
import { address } from './address';
import { checkbox } from './checkbox';
import { choice } from './choice';
import { circle } from './circle';
import { date } from './date';
import { digits } from './digits';
import type { FieldType } from './field-type';
import { kana } from './kana';
import { multiline } from './multiline';
import { number } from './number';
import { phone } from './phone';
import { postalCode } from './postal-code';
import { fieldTypeRegistry, type FieldTypeNameOf } from './registry';
import { signature } from './signature';
import { text } from './text';

export const fieldTypes = fieldTypeRegistry([text, multiline, kana, date, choice, checkbox, circle, number, phone, postalCode, address, digits, signature]);

export type FieldTypeName = FieldTypeNameOf<(typeof fieldTypes.list)[number]>;

export function fieldTypeOf(name: string): FieldType {
  return fieldTypes.of(name);
}

export { fieldTypeRegistry, type FieldTypeNameOf, type FieldTypeRegistry } from './registry';
export type { DrawContext, FieldType, FieldValue, QuestionDetails, ValueIssueCode } from './field-type';

import { z } from 'zod';
import { fieldBase } from '../../model/field-base';
import { At, TextStyle } from '../../model/geometry';
import { atPlace, defineFieldType } from '../field-type';

/** 郵便番号: seven digits, printed 123-4567 (with 〒 when the form does not print it). */
export const postalCodeField = z
  .strictObject({
    type: z.literal('postal-code'),
    ...fieldBase,
    at: At,
    ...TextStyle.shape,
    mark: z.boolean().default(false).meta({ description: 'Print 〒 before the code.' }),
  })
  .meta({ id: 'PostalCodeField', title: 'postal-code', description: 'Seven digits, printed as 123-4567.' });

export function formatPostalCode(value: string): string {
  const digits = value.replace(/[^0-9]/g, '');
  return digits.length === 7 ? `${digits.slice(0, 3)}-${digits.slice(3)}` : value;
}

function printed(field: { mark: boolean }, value: string): string {
  return (field.mark ? '〒' : '') + formatPostalCode(value);
}

export const postalCode = defineFieldType({
  type: 'postal-code',
  schema: postalCodeField,
  valueKind: 'text',
  textLike: true,
  places: atPlace,
  sample: () => '2870000',
  check: (_field, value) => (typeof value !== 'string' ? ['wrongValueKind'] : /^\d{3}-?\d{4}$/.test(value) ? [] : ['notAPostalCode']),
  printedTexts: (field, value) => (typeof value === 'string' && value !== '' ? [printed(field, value)] : []),
  draw(ctx, field, value) {
    if (typeof value === 'string' && value !== '') ctx.text(ctx.rect(field.at), printed(field, value), field);
  },
});

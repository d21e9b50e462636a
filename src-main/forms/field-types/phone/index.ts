import { z } from 'zod';
import { fieldBase } from '../../model/field-base';
import { At, TextStyle } from '../../model/geometry';
import { atPlace, defineFieldType } from '../field-type';

/** A Japanese phone number, printed as the resident typed it (with or without hyphens). */
export const phoneField = z
  .strictObject({ type: z.literal('phone'), ...fieldBase, at: At, ...TextStyle.shape })
  .meta({ id: 'PhoneField', title: 'phone', description: 'A Japanese phone number: 10 or 11 digits starting with 0, hyphens allowed.' });

export const phone = defineFieldType({
  type: 'phone',
  schema: phoneField,
  valueKind: 'text',
  textLike: true,
  places: atPlace,
  sample: () => '0478-00-0000',
  check: (_field, value) => {
    if (typeof value !== 'string') return ['wrongValueKind'];
    const digits = value.replace(/[-‐－()（） ]/g, '');
    return /^0\d{9,10}$/.test(digits) && /^[0-9\-‐－()（） ]+$/.test(value) ? [] : ['notAPhoneNumber'];
  },
  printedTexts: (_field, value) => (typeof value === 'string' && value !== '' ? [value] : []),
  draw(ctx, field, value) {
    if (typeof value === 'string' && value !== '') ctx.text(ctx.rect(field.at), value, field);
  },
});

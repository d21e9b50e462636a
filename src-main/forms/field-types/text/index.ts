import { z } from 'zod';
import { fieldBase } from '../../model/field-base';
import { At, TextStyle } from '../../model/geometry';
import { atPlace, clipToMaxLength, defineFieldType } from '../field-type';

/** One line of text (a name, an address…), shrunk to fit its box. */
export const textField = z
  .strictObject({ type: z.literal('text'), ...fieldBase, at: At, ...TextStyle.shape })
  .meta({ id: 'TextField', title: 'text', description: 'One line of text, shrunk until it fits its box.' });

export const text = defineFieldType({
  type: 'text',
  schema: textField,
  valueKind: 'text',
  textLike: true,
  places: atPlace,
  sample: (field) => clipToMaxLength(field, '見本'),
  check: () => [],
  printedTexts: (_field, value) => (typeof value === 'string' && value !== '' ? [value] : []),
  draw(ctx, field, value) {
    if (typeof value === 'string' && value !== '') ctx.text(ctx.rect(field.at), value, field);
  },
});

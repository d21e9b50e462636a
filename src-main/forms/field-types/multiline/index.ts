import { z } from 'zod';
import { fieldBase } from '../../model/field-base';
import { At, TextStyle } from '../../model/geometry';
import { atPlace, clipToMaxLength, defineFieldType } from '../field-type';

/** Several lines (a reason, a long address with 方書): wrapped, then shrunk until all lines fit. */
export const multilineField = z
  .strictObject({
    type: z.literal('multiline'),
    ...fieldBase,
    at: At,
    ...TextStyle.shape,
    fit: TextStyle.shape.fit.default('wrap'),
    valign: TextStyle.shape.valign.default('top'),
  })
  .meta({ id: 'MultilineField', title: 'multiline', description: 'Wrapped text, shrunk until every line fits its box.' });

export const multiline = defineFieldType({
  type: 'multiline',
  schema: multilineField,
  valueKind: 'text',
  textLike: true,
  places: atPlace,
  sample: (field) => clipToMaxLength(field, '見本の記入例です。'),
  check: () => [],
  printedTexts: (_field, value) => (typeof value === 'string' && value !== '' ? [value] : []),
  draw(ctx, field, value) {
    if (typeof value === 'string' && value !== '') ctx.text(ctx.rect(field.at), value, field);
  },
});

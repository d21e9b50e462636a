import { z } from 'zod';
import { fieldBase } from '../../model/field-base';
import { At, TextStyle } from '../../model/geometry';
import { atPlace, defineFieldType } from '../field-type';

/** A count or an amount (通数, 妊娠週数…); validation.min / max bound it. */
export const numberField = z
  .strictObject({
    type: z.literal('number'),
    ...fieldBase,
    at: At,
    ...TextStyle.shape,
    align: TextStyle.shape.align.default('right'),
    integer: z.boolean().default(true),
    unit: z.string().optional().meta({ description: 'Printed after the number, e.g. "通" (omit when the form prints it).' }),
  })
  .meta({ id: 'NumberField', title: 'number', description: 'A number printed right-aligned; validation.min and max bound it.' });

export const number = defineFieldType({
  type: 'number',
  schema: numberField,
  valueKind: 'text',
  textLike: true,
  places: atPlace,
  sample: (field) => {
    const min = field.validation?.min;
    const max = field.validation?.max;
    return String(min ?? (max !== undefined && max < 1 ? max : 1));
  },
  check: (field, value) => {
    if (typeof value !== 'string') return ['wrongValueKind'];
    return (field.integer ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/).test(value) ? [] : ['notANumber'];
  },
  printedTexts: (field, value) => (typeof value === 'string' && value !== '' ? [value + (field.unit ?? '')] : []),
  draw(ctx, field, value) {
    if (typeof value === 'string' && value !== '') ctx.text(ctx.rect(field.at), value + (field.unit ?? ''), field);
  },
});

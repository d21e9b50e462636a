import { z } from 'zod';
import { fieldBase } from '../../model/field-base';
import { At } from '../../model/geometry';
import { atPlace, defineFieldType } from '../field-type';
import { optionRect, squareAtLeft } from '../option-geometry';

/** A yes/no tick: □ 個人番号を記載する. "at" is the whole area; the square sits at its left. */
export const checkboxField = z
  .strictObject({
    type: z.literal('checkbox'),
    ...fieldBase,
    at: At,
    caption: z.string().optional().meta({ description: 'Printed after the □ (omit when the form prints it).' }),
    drawBox: z.boolean().default(true),
    fontSize: z.number().min(4).max(40).default(9),
  })
  .meta({ id: 'CheckboxField', title: 'checkbox', description: 'A □ ticked with ✓ when the value is true.' });

export const checkbox = defineFieldType({
  type: 'checkbox',
  schema: checkboxField,
  valueKind: 'boolean',
  textLike: false,
  places: atPlace,
  sample: () => true,
  check: (_field, value) => (typeof value === 'boolean' ? [] : ['wrongValueKind']),
  printedTexts: (field) => (field.caption ? [field.caption] : []),
  draw(ctx, field, value) {
    const area = ctx.rect(field.at);
    const square = squareAtLeft(area);
    if (field.drawBox) ctx.box(square, 0.25);
    if (field.caption) {
      ctx.text(optionRect(area, square), field.caption, { fontSize: field.fontSize, minFontSize: 4, align: 'left', valign: 'middle', fit: 'shrink', padding: 0.5 });
    }
    if (value === true) ctx.checkMark(square);
  },
});

import { z } from 'zod';
import { FieldOption, fieldBase } from '../../model/field-base';
import { defineFieldType } from '../field-type';
import { optionRect, squareAtLeft } from '../option-geometry';

/** One of several, ticked: □本人 □同一世帯 □代理人. Each option's "at" is its whole area, the square at its left. */
export const choiceField = z
  .strictObject({
    type: z.literal('choice'),
    ...fieldBase,
    options: z.array(FieldOption).min(2),
    drawBoxes: z.boolean().default(true).meta({ description: 'Draw each option\'s □ (false when the form prints them).' }),
    drawLabels: z.boolean().default(true).meta({ description: 'Print each option\'s label after its □.' }),
    fontSize: z.number().min(4).max(40).default(9),
  })
  .meta({ id: 'ChoiceField', title: 'choice', description: 'One of several options, marked with ✓ in its □.' });

export const choice = defineFieldType({
  type: 'choice',
  schema: choiceField,
  valueKind: 'text',
  textLike: false,
  places: (field) => field.options.map((o, i) => [o.at, ['options', i, 'at']]),
  sample: (field) => field.options[0]!.value,
  question: (field) => ({ options: field.options.filter((o) => o.kiosk !== false).map((o) => ({ value: o.value, label: o.label })) }),
  check: (field, value) => (field.options.some((o) => o.value === value) ? [] : ['notAnOption']),
  printedTexts: (field) => (field.drawLabels ? field.options.map((o) => o.label.ja) : []),
  draw(ctx, field, value) {
    for (const option of field.options) {
      const area = ctx.rect(option.at);
      const square = squareAtLeft(area);
      if (field.drawBoxes) ctx.box(square, 0.25);
      if (field.drawLabels) {
        ctx.text(optionRect(area, square), option.label.ja, { fontSize: field.fontSize, minFontSize: 4, align: 'left', valign: 'middle', fit: 'shrink', padding: 0.5 });
      }
      if (option.value === value) ctx.checkMark(square);
    }
  },
});

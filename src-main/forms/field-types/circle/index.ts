import { z } from 'zod';
import { FieldOption, fieldBase } from '../../model/field-base';
import { defineFieldType } from '../field-type';

/** One of several, circled: 男・女, 本人・代理人. Each option's "at" is the area the ○ goes around. */
export const circleField = z
  .strictObject({
    type: z.literal('circle'),
    ...fieldBase,
    options: z.array(FieldOption).min(2),
    drawLabels: z.boolean().default(true).meta({ description: 'Print the labels (false when the form prints them).' }),
    fontSize: z.number().min(4).max(40).default(10),
  })
  .meta({ id: 'CircleField', title: 'circle', description: 'One of several options, with a ○ drawn around the chosen one.' });

export const circle = defineFieldType({
  type: 'circle',
  schema: circleField,
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
      if (field.drawLabels) {
        ctx.text(area, option.label.ja, { fontSize: field.fontSize, minFontSize: 4, align: 'center', valign: 'middle', fit: 'shrink', padding: 0.3 });
      }
      if (option.value === value) ctx.ellipse(area, 0.3);
    }
  },
});

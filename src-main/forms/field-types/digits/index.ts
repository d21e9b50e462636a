import { z } from 'zod';
import { fieldBase } from '../../model/field-base';
import { At } from '../../model/geometry';
import { atPlace, defineFieldType } from '../field-type';

/** Digits one per box: the 12-box 個人番号, 被保険者番号, 口座番号. The area is split into `count` equal boxes. */
export const digitsField = z
  .strictObject({
    type: z.literal('digits'),
    ...fieldBase,
    at: At,
    count: z.int().min(1).max(40),
    drawBoxes: z.boolean().default(true).meta({ description: 'Draw the boxes (false when the form prints them).' }),
    groupEvery: z.int().min(1).optional().meta({ description: 'A thicker line every N boxes (4 for the My Number).' }),
    fontSize: z.number().min(4).max(40).default(12),
    exact: z.boolean().default(true).meta({ description: 'The value must have exactly `count` digits (else at most).' }),
  })
  .meta({ id: 'DigitsField', title: 'digits', description: 'One digit per box, as on the 12-box 個人番号 line.' });
type DigitsField = z.infer<typeof digitsField>;

export function digitBoxes(field: DigitsField, [x, y, w, h]: [number, number, number, number]): [number, number, number, number][] {
  const bw = w / field.count;
  return Array.from({ length: field.count }, (_, i) => [x + i * bw, y, bw, h]);
}

export const digits = defineFieldType({
  type: 'digits',
  schema: digitsField,
  valueKind: 'text',
  textLike: true,
  places: atPlace,
  sample: (field) => '1234567890'.repeat(Math.ceil(field.count / 10)).slice(0, field.count),
  question: (field) => ({ digitCount: field.count }),
  check: (field, value) => {
    if (typeof value !== 'string') return ['wrongValueKind'];
    if (!/^\d*$/.test(value)) return ['wrongDigitCount'];
    return (field.exact ? value.length === field.count : value.length <= field.count) ? [] : ['wrongDigitCount'];
  },
  printedTexts: (_field, value) => (typeof value === 'string' && value !== '' ? [value] : []),
  draw(ctx, field, value) {
    const boxes = digitBoxes(field, ctx.rect(field.at));
    if (field.drawBoxes) {
      boxes.forEach((b, i) => ctx.box(b, field.groupEvery && i % field.groupEvery === 0 && i > 0 ? 0.25 : 0.2));
      if (field.groupEvery) {
        for (let i = field.groupEvery; i < field.count; i += field.groupEvery) {
          const [bx, by, , bh] = boxes[i]!;
          ctx.line([bx, by], [bx, by + bh], 0.6);
        }
      }
    }
    if (typeof value !== 'string') return;
    // Right-aligned when shorter (account numbers), as a clerk would write them.
    const offset = field.count - value.length;
    [...value].forEach((d, i) => {
      const box = boxes[offset + i];
      if (box) ctx.text(box, d, { fontSize: field.fontSize, minFontSize: 4, align: 'center', valign: 'middle', fit: 'shrink', padding: 0.3 });
    });
  },
});

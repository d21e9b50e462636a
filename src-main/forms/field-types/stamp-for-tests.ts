// A field type that exists only for tests: a 済 mark in a circle when its answer is true. It is in no registry; a
// test builds one with it to show that a type's folder and one line in the registry list are all a type needs.
import { z } from 'zod';
import { fieldBase } from '../model/field-base';
import { At } from '../model/geometry';
import { atPlace, defineFieldType } from './field-type';

export const stampField = z.strictObject({ type: z.literal('stamp'), ...fieldBase, at: At, mark: z.string().min(1).default('済') });

export const stamp = defineFieldType({
  type: 'stamp',
  schema: stampField,
  valueKind: 'boolean',
  textLike: false,
  check: (_field, value) => (typeof value === 'boolean' ? [] : ['wrongValueKind']),
  printedTexts: (field, value) => (value === true ? [field.mark] : []),
  draw(ctx, field, value) {
    if (value !== true) return;
    const rect = ctx.rect(field.at);
    ctx.ellipse(rect, 0.4);
    ctx.text(rect, field.mark, { fontSize: 12, minFontSize: 6, align: 'center', valign: 'middle', fit: 'shrink', padding: 0.5 });
  },
  places: atPlace,
  sample: () => true,
});

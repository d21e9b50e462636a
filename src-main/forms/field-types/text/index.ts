import { z } from 'zod';
import { fieldBase } from '../../model/field-base';
import { At, TextStyle } from '../../model/geometry';
import { LocalizedText } from '../../model/localized';
import { atPlace, clipToMaxLength, defineFieldType } from '../field-type';

/** An answer picked from a list and printed as its value: 妻, not the kana a keyboard would give. */
const PickOption = z
  .strictObject({
    value: z.string().min(1).meta({ description: 'Printed as it is (in kanji: 妻, 子).' }),
    label: LocalizedText.meta({ description: 'The button at the kiosk.' }),
  })
  .meta({ id: 'PickOption' });

/** One line of text (a name, an address…), shrunk to fit its box. */
export const textField = z
  .strictObject({
    type: z.literal('text'),
    ...fieldBase,
    at: At,
    ...TextStyle.shape,
    options: z
      .array(PickOption)
      .min(2)
      .optional()
      .meta({ description: 'A pick list (続柄: 本人, 妻, 子…): the kiosk offers these instead of a keyboard, and the value picked is printed.' }),
    typedOther: LocalizedText.optional().meta({
      description: 'With "options": the button (その他) that opens the keyboard for an answer not in the list; with kanji "clerk", the clerk writes its kanji. Without it, only the options are taken.',
    }),
  })
  .meta({ id: 'TextField', title: 'text', description: 'One line of text, shrunk until it fits its box; or picked from "options".' });

type TextField = z.infer<typeof textField>;

export const text = defineFieldType({
  type: 'text',
  schema: textField,
  valueKind: 'text',
  textLike: true,
  places: atPlace,
  sample: (field) => field.options?.[0]?.value ?? clipToMaxLength(field, '見本'),
  check: (field: TextField, value) =>
    field.options && !field.typedOther && !field.options.some((o) => o.value === value) ? ['notAnOption'] : [],
  printedTexts: (_field, value) => (typeof value === 'string' && value !== '' ? [value] : []),
  draw(ctx, field, value) {
    if (typeof value === 'string' && value !== '') ctx.text(ctx.rect(field.at), value, field);
  },
  question: (field) =>
    field.options ? { options: field.options.map((o) => ({ value: o.value, label: o.label })), ...(field.typedOther ? { typedOther: field.typedOther } : {}) } : {},
});

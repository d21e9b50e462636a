import { z } from 'zod';
import { fieldBase } from '../../model/field-base';
import { At, TextStyle } from '../../model/geometry';
import { defineFieldType } from '../field-type';

/** ふりがな / フリガナ: the card has none, so the resident types it; the form decides the script. */
export const kanaField = z
  .strictObject({
    type: z.literal('kana'),
    ...fieldBase,
    at: At,
    ...TextStyle.shape,
    fontSize: TextStyle.shape.fontSize.default(8),
    script: z.enum(['hiragana', 'katakana']).default('hiragana'),
  })
  .meta({ id: 'KanaField', title: 'kana', description: 'A reading in hiragana or katakana (spaces, ー and ・ allowed).' });

const hiragana = /^[\u3041-\u3096\u309D\u309E\u30FC\u30FB\u3000 ]+$/u;
const katakana = /^[\u30A1-\u30FA\u30FD\u30FE\u30FC\u30FB\u3000 ]+$/u;

export const kana = defineFieldType({
  type: 'kana',
  schema: kanaField,
  valueKind: 'text',
  check: (field, value) => {
    if (typeof value !== 'string') return ['wrongValueKind'];
    return (field.script === 'hiragana' ? hiragana : katakana).test(value) ? [] : ['notKana'];
  },
  printedTexts: (_field, value) => (typeof value === 'string' && value !== '' ? [value] : []),
  draw(ctx, field, value) {
    if (typeof value === 'string' && value !== '') ctx.text(ctx.rect(field.at), value, field);
  },
});

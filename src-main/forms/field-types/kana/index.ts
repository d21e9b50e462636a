import { z } from 'zod';
import { fieldBase } from '../../model/field-base';
import { At, TextStyle } from '../../model/geometry';
import { atPlace, clipToMaxLength, defineFieldType } from '../field-type';

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
  .meta({ id: 'KanaField', title: 'kana', description: 'A reading, printed in the form\'s script (hiragana or katakana) whichever the resident typed.' });

const anyKana = /^[\u3041-\u3096\u309D\u309E\u30A1-\u30FA\u30FD\u30FE\u30FC\u30FB\u3000 ]+$/u;

/** The reading in the form's script: residents type either, the paper asks for one (ア U+30A2 = あ U+3042 + 0x60). */
export function toScript(text: string, script: 'hiragana' | 'katakana'): string {
  return text.replace(script === 'hiragana' ? /[\u30A1-\u30F6\u30FD\u30FE]/gu : /[\u3041-\u3096\u309D\u309E]/gu, (c) =>
    String.fromCharCode(c.charCodeAt(0) + (script === 'hiragana' ? -0x60 : 0x60)),
  );
}

export const kana = defineFieldType({
  type: 'kana',
  schema: kanaField,
  valueKind: 'text',
  textLike: true,
  places: atPlace,
  sample: (field) => clipToMaxLength(field, field.script === 'katakana' ? 'ミホン' : 'みほん'),
  check: (field, value) => {
    if (typeof value !== 'string') return ['wrongValueKind'];
    return anyKana.test(value) ? [] : ['notKana'];
  },
  printedTexts: (field, value) => (typeof value === 'string' && value !== '' ? [toScript(value, field.script)] : []),
  draw(ctx, field, value) {
    if (typeof value === 'string' && value !== '') ctx.text(ctx.rect(field.at), toScript(value, field.script), field);
  },
});

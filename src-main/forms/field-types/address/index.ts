import { z } from 'zod';
import { fieldBase } from '../../model/field-base';
import { At, TextStyle } from '../../model/geometry';
import { atPlace, clipToMaxLength, defineFieldType } from '../field-type';

/**
 * An address: picked from the city's 町字 list with 番地・号 on a keypad (so it prints in kanji), or, for one not in
 * the list, typed as its reading (the clerk writes the kanji). Either way the answer is one plain string.
 */
export const addressField = z
  .strictObject({
    type: z.literal('address'),
    ...fieldBase,
    at: At,
    ...TextStyle.shape,
    fit: TextStyle.shape.fit.default('wrap'),
  })
  .meta({ id: 'AddressField', title: 'address', description: "An address picked from the city's 町字 list plus 番地・号, or typed as its reading; printed as answered." });

/** The parts the kiosk's picker puts together; `number` is what the keypad typed (1234番地5, 12-3, 5の2). */
export interface AddressParts {
  prefecture: string;
  city: string;
  area: string;
  number: string;
  building?: string;
}

/** The address as printed on the form and bound by the other forms: 千葉県香取市佐原イ1234番地5. */
export function formatAddress(p: AddressParts): string {
  const building = p.building?.trim() ?? '';
  return `${p.prefecture}${p.city}${p.area}${p.number}${building === '' ? '' : `\u3000${building}`}`;
}

/** The first kana of each row of the 50音 table: the picker's tabs あ か さ た な は ま や ら わ. */
export const KANA_ROWS = ['あ', 'か', 'さ', 'た', 'な', 'は', 'ま', 'や', 'ら', 'わ'] as const;
const rowMembers = ['あいうえおぁぃぅぇぉゔ', 'かきくけこがぎぐげご', 'さしすせそざじずぜぞ', 'たちつてとだぢづでどっ', 'なにぬねの', 'はひふへほばびぶべぼぱぴぷぺぽ', 'まみむめも', 'やゆよゃゅょ', 'らりるれろ', 'わをんゎ'];

/** Which row (あ か さ …) a reading starts in: が counts under か, ぱ under は, as a school dictionary files them. */
export function kanaRowOf(reading: string): (typeof KANA_ROWS)[number] | undefined {
  const first = reading.charAt(0);
  const i = rowMembers.findIndex((m) => m.includes(first));
  return i < 0 ? undefined : KANA_ROWS[i];
}

export const address = defineFieldType({
  type: 'address',
  schema: addressField,
  valueKind: 'text',
  textLike: true,
  places: atPlace,
  sample: (field) => clipToMaxLength(field, formatAddress({ prefecture: '千葉県', city: '香取市', area: '佐原イ', number: '1234番地5' })),
  check: (_field, value) => (typeof value === 'string' ? [] : ['wrongValueKind']),
  printedTexts: (_field, value) => (typeof value === 'string' && value !== '' ? [value] : []),
  draw(ctx, field, value) {
    if (typeof value === 'string' && value !== '') ctx.text(ctx.rect(field.at), value, field);
  },
});

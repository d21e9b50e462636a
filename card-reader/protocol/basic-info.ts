// EF 0002 of the 券面事項入力補助AP: the 4 basic items (基本4情報) as BER-TLV, FF 20 { DF 21 … DF 25 }.
// Text is kept code point for code point: a resident's 髙 or 𠮷 must reach the form exactly as the card holds it.

import { CardError } from '../errors';
import { ResidentInfo } from '../personal-data';
import { TAG } from './constants';
import { readTlv, readTlvList } from './tlv';

const tagHex = (tag: number) => tag.toString(16).toUpperCase();

const malformed = (what: string) => new CardError('MalformedData', `EF 0002: ${what}`, { step: 'parse EF 0002' });

// fatal: invalid UTF-8 is damage, never U+FFFD; ignoreBOM: keep a leading U+FEFF rather than silently drop it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array, tag: number): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw malformed(`item ${tagHex(tag)} is not valid UTF-8`);
  }
}

/** 'YYYYMMDD' (Gregorian) → 'YYYY-MM-DD', or null when it is not a real calendar date. */
export function birthDateToIso(yyyymmdd: string): string | null {
  const m = /^([0-9]{4})([0-9]{2})([0-9]{2})$/.exec(yyyymmdd);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

export function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

const ITEMS = [
  { tag: TAG.name, label: 'name' },
  { tag: TAG.address, label: 'address' },
  { tag: TAG.birthDate, label: 'birth date' },
  { tag: TAG.sex, label: 'sex' },
] as const;

/**
 * Parses the content of EF 0002 (anything after the FF 20 container, such as FF padding, is ignored). Items are
 * found by tag; unknown tags and the DF 21 header are skipped. Throws CardError('MalformedData') naming the tag,
 * never a value.
 */
export function parseBasicInfo(ef: Uint8Array): ResidentInfo {
  const container = readTlv(ef, 0);
  if (!container) throw malformed('no complete TLV at the start');
  if (container.tag !== TAG.basicInfo) throw malformed(`expected tag ${tagHex(TAG.basicInfo)}, found ${tagHex(container.tag)}`);
  const items = readTlvList(container.value);
  if (!items) throw malformed(`the content of ${tagHex(TAG.basicInfo)} is not a TLV list`);

  const found = new Map<number, Uint8Array>();
  for (const item of items) {
    if (!ITEMS.some((i) => i.tag === item.tag)) continue;
    // Two names on one card is damage; picking one would silently choose whose data fills the form.
    if (found.has(item.tag)) throw malformed(`item ${tagHex(item.tag)} occurs twice`);
    found.set(item.tag, item.value);
  }
  const [name, address, birth, sex] = ITEMS.map(({ tag, label }) => {
    const value = found.get(tag);
    if (!value) throw malformed(`item ${tagHex(tag)} (${label}) missing`);
    return decodeUtf8(value, tag);
  }) as [string, string, string, string];

  const birthDate = birthDateToIso(birth);
  if (!birthDate) throw malformed(`item ${tagHex(TAG.birthDate)} (birth date) is not a real YYYYMMDD date`);
  return new ResidentInfo({ name, address, birthDate, sex });
}

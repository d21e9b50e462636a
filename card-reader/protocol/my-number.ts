// EF 0001 of the 券面事項入力補助AP: one TLV whose value is the 12-digit 個人番号. The tag is DF 10 in public notes
// but unconfirmed, so any tag is accepted and the value is what we check.

import { CardError } from '../errors';
import { MyNumber } from '../personal-data';
import { readTlv } from './tlv';

/** Check digit (the 12th digit) for the first 11 digits, as the ordinance defines it. */
export function myNumberCheckDigit(first11: string): number {
  if (!/^[0-9]{11}$/.test(first11)) throw new RangeError('expected 11 ASCII digits');
  let sum = 0;
  // P_n is the n-th digit from the right of the 11; Q_n = n + 1 for n ≤ 6, n − 5 for n ≥ 7.
  for (let n = 1; n <= 11; n++) sum += Number(first11[11 - n]) * (n <= 6 ? n + 1 : n - 5);
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

export function isValidMyNumber(digits: string): boolean {
  return /^[0-9]{12}$/.test(digits) && myNumberCheckDigit(digits.slice(0, 11)) === Number(digits[11]);
}

const step = 'parse EF 0001';

/** Parses the content of EF 0001; bytes after the TLV (padding) are ignored. Errors never hold a digit. */
export function parseMyNumber(ef: Uint8Array): MyNumber {
  const tlv = readTlv(ef, 0);
  if (!tlv) throw new CardError('MalformedData', 'EF 0001: no complete TLV at the start', { step });
  const value = tlv.value;
  if (value.length !== 12 || !value.every((b) => b >= 0x30 && b <= 0x39)) {
    throw new CardError('MalformedData', 'EF 0001: the value is not 12 ASCII digits', { step });
  }
  const digits = String.fromCharCode(...value);
  if (!isValidMyNumber(digits)) throw new CardError('InvalidMyNumber', 'EF 0001: the check digit does not match', { step });
  return new MyNumber(digits);
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MyNumber } from '../personal-data';
import { hex } from './constants';
import { isValidMyNumber, myNumberCheckDigit, parseMyNumber } from './my-number';
import { myNumberEf } from './testing/recorded-card';
import { concatBytes, encodeTlv } from './tlv';

// Worked by hand from the ordinance's formula (P_n from the right, Q_n = n+1 for n ≤ 6, n−5 for n ≥ 7):
// 12345678901 → Σ = 1·2+0·3+9·4+8·5+7·6+6·7+5·2+4·3+3·4+2·5+1·6 = 212, 212 mod 11 = 3, digit 11−3 = 8.
// 11111111111 → Σ = 2+3+4+5+6+7+2+3+4+5+6 = 47, mod 11 = 3 → 8.  00000000006 → 6·2 = 12, mod 11 = 1 → 0.
// 00000000005 → 10, mod 11 = 10 → 1.  00000000000 → 0 → 0.
const HAND_WORKED: [first11: string, check: number][] = [
  ['12345678901', 8],
  ['11111111111', 8],
  ['00000000006', 0],
  ['00000000005', 1],
  ['00000000000', 0],
];

// The same rule written left to right: weights 6 5 4 3 2 7 6 5 4 3 2 over digits 1..11.
function checkDigitLeftToRight(first11: string): number {
  const weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const r = weights.reduce((sum, w, i) => sum + w * Number(first11[i]), 0) % 11;
  return r <= 1 ? 0 : 11 - r;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('myNumberCheckDigit', () => {
  it.each(HAND_WORKED)('gives %s the check digit %i', (first11, check) => {
    expect(myNumberCheckDigit(first11)).toBe(check);
    expect(isValidMyNumber(first11 + check)).toBe(true);
  });

  it('agrees with the rule written left to right for any 11 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{11}$/), (first11) => myNumberCheckDigit(first11) === checkDigitLeftToRight(first11)),
      { seed: 20260401, numRuns: 2000 },
    );
  });

  it('refuses anything but 11 ASCII digits', () => {
    for (const bad of ['1234567890', '123456789012', '1234567890a', '１２３４５６７８９０１']) {
      expect(() => myNumberCheckDigit(bad)).toThrow(RangeError);
    }
  });
});

describe('isValidMyNumber', () => {
  it('rejects every wrong check digit, other lengths and non-digits', () => {
    for (let d = 0; d <= 9; d++) expect(isValidMyNumber(`12345678901${d}`)).toBe(d === 8);
    expect(isValidMyNumber('12345678901')).toBe(false);
    expect(isValidMyNumber('1234567890180')).toBe(false);
    expect(isValidMyNumber('12345678901８')).toBe(false);
  });
});

describe('parseMyNumber', () => {
  it('reads DF 10 with 12 digits, ignoring the padding after it', () => {
    const n = parseMyNumber(myNumberEf('123456789018'));
    expect(n).toBeInstanceOf(MyNumber);
    expect(n.reveal()).toBe('123456789018');
    expect(String(n)).not.toContain('9018');
  });

  it('accepts another tag, since DF 10 is unconfirmed', () => {
    expect(parseMyNumber(myNumberEf('111111111118', 0xdf11)).reveal()).toBe('111111111118');
    expect(parseMyNumber(encodeTlv(0x04, ascii('000000000060'))).reveal()).toBe('000000000060');
  });

  it('reports a wrong check digit as InvalidMyNumber without any digit in the message', () => {
    try {
      parseMyNumber(myNumberEf('123456789017'));
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'InvalidMyNumber' });
      const message = (e as Error).message;
      for (const part of ['1234', '5678', '9017', '017']) expect(message).not.toContain(part);
    }
  });

  it.each([
    ['11 digits', encodeTlv(0xdf10, ascii('12345678901'))],
    ['13 digits', encodeTlv(0xdf10, ascii('1234567890180'))],
    ['a letter', encodeTlv(0xdf10, ascii('12345678901X'))],
    ['full-width digits', encodeTlv(0xdf10, new TextEncoder().encode('１２３４５６７８９０１８'))],
    ['a cut-off TLV', myNumberEf('123456789018').subarray(0, 10)],
    ['nothing', new Uint8Array()],
    ['padding only', hex('FF FF FF FF')],
    ['a constructed TLV around the digits', encodeTlv(0xff10, concatBytes(encodeTlv(0xdf10, ascii('123456789018'))))],
  ])('rejects %s as MalformedData', (_what, ef) => {
    expect(() => parseMyNumber(ef)).toThrow(expect.objectContaining({ code: 'MalformedData' }));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex } from './constants';
import { concatBytes, encodeTlv, readTlv, readTlvList, tlvTotalLength } from './tlv';

describe('readTlv', () => {
  it('reads a one-byte tag with a short length', () => {
    const t = readTlv(hex('04 02 AA BB CC'));
    expect(t).toMatchObject({ tag: 0x04, constructed: false, end: 4 });
    expect(Array.from(t!.value)).toEqual([0xaa, 0xbb]);
  });

  it('reads two-byte private tags and marks FF 20 as constructed', () => {
    expect(readTlv(hex('DF 22 01 41'))).toMatchObject({ tag: 0xdf22, constructed: false, end: 4 });
    expect(readTlv(hex('FF 20 00'))).toMatchObject({ tag: 0xff20, constructed: true, end: 3 });
  });

  it('reads a three-byte tag whose middle byte says more follow', () => {
    expect(readTlv(hex('5F 81 01 01 00'))).toMatchObject({ tag: 0x5f8101, end: 5 });
  });

  it('reads 81, 82 and 83 long-form lengths, including non-minimal ones', () => {
    const v200 = new Uint8Array(200).fill(7);
    expect(readTlv(concatBytes(hex('DF 23 81 C8'), v200))?.value.length).toBe(200);
    const v300 = new Uint8Array(300).fill(7);
    expect(readTlv(concatBytes(hex('DF 23 82 01 2C'), v300))?.value.length).toBe(300);
    expect(readTlv(concatBytes(hex('DF 23 83 00 01 2C'), v300))?.value.length).toBe(300);
    expect(readTlv(hex('DF 24 81 01 31'))?.value.length).toBe(1);
  });

  it('reads at an offset', () => {
    expect(readTlv(hex('00 00 04 01 09'), 2)).toMatchObject({ tag: 4, end: 5 });
  });

  it.each([
    ['an empty buffer', ''],
    ['a tag without a length', 'DF 22'],
    ['a tag cut in its subsequent bytes', 'DF 81'],
    ['a tag longer than 4 bytes', '5F 81 81 81 01 00'],
    ['a value shorter than its length', 'DF 22 03 41 42'],
    ['the indefinite length form', 'FF 20 80 00 00'],
    ['a long form with 4 length bytes', 'DF 22 84 00 00 00 01 41'],
    ['a long form cut in its length bytes', 'DF 22 82 01'],
  ])('returns null for %s', (_what, bytes) => {
    expect(readTlv(bytes ? hex(bytes) : new Uint8Array())).toBeNull();
  });
});

describe('readTlvList', () => {
  it('reads consecutive TLVs and stops at FF FF or 00 padding', () => {
    expect(readTlvList(hex('01 01 AA 02 00 FF FF FF'))?.map((t) => t.tag)).toEqual([1, 2]);
    expect(readTlvList(hex('01 01 AA 00 00'))?.map((t) => t.tag)).toEqual([1]);
    expect(readTlvList(hex('01 01 AA FF'))?.map((t) => t.tag)).toEqual([1]);
    expect(readTlvList(new Uint8Array())).toEqual([]);
  });

  it('returns null when a TLV in the list is cut off', () => {
    expect(readTlvList(hex('01 01 AA 02 05 00'))).toBeNull();
  });
});

describe('tlvTotalLength', () => {
  it('tells the whole size from the header alone', () => {
    expect(tlvTotalLength(hex('FF 20 82 01 2C'))).toBe(5 + 300);
    expect(tlvTotalLength(hex('FF 20 81 C8'))).toBe(4 + 200);
    expect(tlvTotalLength(hex('DF 10 0C'))).toBe(15);
    expect(tlvTotalLength(hex('FF 20'))).toBeNull();
    expect(tlvTotalLength(hex('FF 20 82 01'))).toBeNull();
  });
});

describe('encodeTlv', () => {
  it('uses the shortest length form', () => {
    expect(Array.from(encodeTlv(0xdf22, new Uint8Array(0x7f)).subarray(0, 3))).toEqual([0xdf, 0x22, 0x7f]);
    expect(Array.from(encodeTlv(0xdf22, new Uint8Array(0x80)).subarray(0, 4))).toEqual([0xdf, 0x22, 0x81, 0x80]);
    expect(Array.from(encodeTlv(0xdf22, new Uint8Array(0x100)).subarray(0, 5))).toEqual([0xdf, 0x22, 0x82, 0x01, 0x00]);
  });

  it('round-trips through readTlv and tlvTotalLength for any private tag and value', () => {
    fc.assert(
      fc.property(fc.constantFrom(0xdf10, 0xdf21, 0xdf22, 0xff20, 0x04, 0x5f8101), fc.uint8Array({ maxLength: 700 }), (tag, value) => {
        const encoded = encodeTlv(tag, value);
        const t = readTlv(encoded);
        expect(t?.tag).toBe(tag);
        expect(Array.from(t!.value)).toEqual(Array.from(value));
        expect(t?.end).toBe(encoded.length);
        expect(tlvTotalLength(encoded)).toBe(encoded.length);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('concatBytes', () => {
  it('joins parts in order', () => {
    expect(Array.from(concatBytes(hex('01 02'), new Uint8Array(), hex('03')))).toEqual([1, 2, 3]);
  });
});

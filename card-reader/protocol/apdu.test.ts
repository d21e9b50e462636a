import { describe, expect, it } from 'vitest';
import { CardError, type CardErrorCode } from '../errors';
import {
  parseResponse,
  readBinary,
  selectApplication,
  selectEf,
  statusToError,
  verify,
  verifyProbe,
  type CommandKind,
} from './apdu';
import { AID, hex } from './constants';

const bytes = (s: string) => Array.from(hex(s));

describe('command APDUs', () => {
  it('selects the card info input AP by AID with P2 0C (no FCI)', () => {
    expect(Array.from(selectApplication(AID.cardInfoInputAp))).toEqual(bytes('00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08'));
  });

  it('selects an EF of the current application by its 2-byte id', () => {
    expect(Array.from(selectEf(0x0011))).toEqual(bytes('00 A4 02 0C 02 00 11'));
    expect(Array.from(selectEf(0x1234))).toEqual(bytes('00 A4 02 0C 02 12 34'));
  });

  it('builds VERIFY from a string or from bytes, and a probe without data', () => {
    expect(Array.from(verify('1234'))).toEqual(bytes('00 20 00 80 04 31 32 33 34'));
    expect(Array.from(verify(Uint8Array.of(0x39, 0x38, 0x37, 0x36)))).toEqual(bytes('00 20 00 80 04 39 38 37 36'));
    expect(Array.from(verifyProbe())).toEqual(bytes('00 20 00 80'));
  });

  it('returns a fresh VERIFY buffer each time, so zeroing one never touches another', () => {
    const a = verify('1234');
    a.fill(0);
    expect(Array.from(verify('1234'))).toEqual(bytes('00 20 00 80 04 31 32 33 34'));
  });

  it('sends Le 256 as 00 and the offset in P1-P2', () => {
    expect(Array.from(readBinary(0, 256))).toEqual(bytes('00 B0 00 00 00'));
    expect(Array.from(readBinary(0x0123, 0x45))).toEqual(bytes('00 B0 01 23 45'));
  });

  it('refuses READ BINARY arguments a short APDU cannot carry', () => {
    expect(() => readBinary(0x8000, 1)).toThrow(RangeError);
    expect(() => readBinary(-1, 1)).toThrow(RangeError);
    expect(() => readBinary(0, 0)).toThrow(RangeError);
    expect(() => readBinary(0, 257)).toThrow(RangeError);
    expect(() => selectEf(0x10000)).toThrow(RangeError);
    expect(() => verify('')).toThrow(RangeError);
  });
});

describe('responses', () => {
  it('splits the data from the status word', () => {
    const r = parseResponse(hex('01 02 03 90 00'), 'READ');
    expect(Array.from(r.data)).toEqual([1, 2, 3]);
    expect(r.sw).toBe(0x9000);
    expect(parseResponse(hex('63 C2'), 'VERIFY')).toMatchObject({ sw: 0x63c2 });
  });

  it.each([[new Uint8Array()], [Uint8Array.of(0x90)]])('treats a response shorter than 2 bytes as the card removed', (raw) => {
    expect(() => parseResponse(raw, 'READ BINARY EF 0002 at 0')).toThrow(expect.objectContaining({ code: 'CardRemoved', step: 'READ BINARY EF 0002 at 0' }));
  });
});

describe('status words to typed errors', () => {
  const cases: [sw: number, kind: CommandKind, code: CardErrorCode, triesLeft?: number][] = [
    [0x63c2, 'verifyPin', 'WrongPin', 2],
    [0x63c1, 'verifyPin', 'WrongPin', 1],
    [0x63c9, 'verifyCheckCodeB', 'WrongCheckCodeB', 9],
    [0x63c0, 'verifyPin', 'PinBlocked', 0],
    [0x6983, 'verifyPin', 'PinBlocked', 0],
    [0x6984, 'verifyPin', 'PinBlocked', 0],
    [0x63c0, 'verifyCheckCodeB', 'CheckCodeBBlocked', 0],
    [0x6983, 'verifyCheckCodeB', 'CheckCodeBBlocked', 0],
    [0x6984, 'verifyCheckCodeB', 'CheckCodeBBlocked', 0],
    [0x6982, 'readBinary', 'SecurityStatusNotSatisfied'],
    [0x6986, 'readBinary', 'CommandNotAllowed'],
    [0x6a82, 'selectEf', 'FileNotFound'],
    [0x6a82, 'selectApplication', 'NotMyNumberCard'],
    [0x6a86, 'readBinary', 'WrongParameters'],
    [0x6b00, 'readBinary', 'WrongParameters'],
    [0x6700, 'selectEf', 'WrongLength'],
    [0x6c10, 'readBinary', 'WrongLength'],
    [0x6d00, 'selectEf', 'NotMyNumberCard'],
    [0x6e00, 'verifyPin', 'NotMyNumberCard'],
    [0x6e00, 'selectApplication', 'NotMyNumberCard'],
    [0x6999, 'selectApplication', 'NotMyNumberCard'],
    [0x6f00, 'readBinary', 'UnexpectedStatus'],
    [0x6282, 'selectEf', 'UnexpectedStatus'],
    [0x6300, 'verifyPin', 'UnexpectedStatus'],
  ];

  it.each(cases)('maps %s after %s to %s', (sw, kind, code, triesLeft) => {
    const e = statusToError(sw, 'STEP X', kind);
    expect(e).toBeInstanceOf(CardError);
    expect(e).toMatchObject({ code, step: 'STEP X', sw: sw.toString(16).toUpperCase(), triesLeft });
  });

  it('names an unknown status word in hex, padded to 4 digits', () => {
    expect(statusToError(0x0001, 'X', 'selectEf')).toMatchObject({ code: 'UnexpectedStatus', sw: '0001' });
  });

  it('treats 90 00 as success, and 62 82 as success on READ BINARY only', () => {
    for (const kind of ['selectApplication', 'selectEf', 'verifyPin', 'verifyCheckCodeB', 'readBinary'] as const) {
      expect(statusToError(0x9000, 'X', kind)).toBeNull();
    }
    expect(statusToError(0x6282, 'X', 'readBinary')).toBeNull();
    expect(statusToError(0x6282, 'X', 'verifyPin')).not.toBeNull();
  });
});

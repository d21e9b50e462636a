import { describe, expect, it } from 'vitest';
import { isCardError } from '../errors';
import { ResidentInfo } from '../personal-data';
import { birthDateToIso, parseBasicInfo } from './basic-info';
import { TAG, hex } from './constants';
import { basicInfoEf, TARO, type BasicInfoItems } from './testing/recorded-card';
import { concatBytes, encodeTlv } from './tlv';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8 = (s: string) => new TextEncoder().encode(s);
const codePoints = (s: string) => Array.from(s, (c) => c.codePointAt(0));

function malformedMessage(ef: Uint8Array): string {
  try {
    parseBasicInfo(ef);
  } catch (e) {
    if (isCardError(e, 'MalformedData')) return e.message;
    throw e;
  }
  throw new Error('parsed without an error');
}

const withItems = (...items: Uint8Array[]) => encodeTlv(TAG.basicInfo, concatBytes(...items));

describe('parseBasicInfo', () => {
  it('reads the 4 items into a ResidentInfo with an ISO birth date', () => {
    const info = parseBasicInfo(basicInfoEf(TARO));
    expect(info).toBeInstanceOf(ResidentInfo);
    expect(info.reveal()).toEqual({ name: TARO.name, address: TARO.address, birthDate: '1980-04-01', sex: '1' });
  });

  it('redacts what it returns when printed', () => {
    const info = parseBasicInfo(basicInfoEf(TARO));
    expect(String(info)).not.toContain('髙橋');
    expect(JSON.stringify({ info })).not.toContain('髙橋');
  });

  it('finds items by tag in any order, skips the header and unknown tags, and ignores FF padding', () => {
    const ef = concatBytes(
      withItems(
        encodeTlv(TAG.sex, ascii('2')),
        encodeTlv(0xdf30, hex('01 02 03')),
        encodeTlv(TAG.birthDate, ascii('20000229')),
        encodeTlv(TAG.address, utf8('東京都千代田区')),
        encodeTlv(TAG.basicInfoHeader, hex('DF 22 DF 23')),
        encodeTlv(TAG.name, utf8('山田　花子')),
      ),
      new Uint8Array(40).fill(0xff),
    );
    expect(parseBasicInfo(ef).reveal()).toEqual({ name: '山田　花子', address: '東京都千代田区', birthDate: '2000-02-29', sex: '2' });
  });

  it('reads 81 and 82 long-form lengths (addresses with 方書 pass 127 bytes)', () => {
    const address = '千葉県香取市佐原イ１２３４番地の５６　'.repeat(8) + 'コーポ香取第二１０２号室';
    const ef = basicInfoEf({ ...TARO, address });
    expect(utf8(address).length).toBeGreaterThan(255);
    expect(ef[2]).toBe(0x82); // FF 20 82 xx xx: the container's length
    expect(parseBasicInfo(ef).reveal().address).toBe(address);
    const address81 = '千葉県香取市佐原イ１２３４番地の５６'.repeat(3); // 162 bytes: DF 23 81 A2
    const ef81 = basicInfoEf({ ...TARO, address: address81 });
    expect(Buffer.from(ef81).includes(Buffer.from([0xdf, 0x23, 0x81, 0xa2]))).toBe(true);
    expect(parseBasicInfo(ef81).reveal().address).toBe(address81);
  });

  it('keeps every code point exactly: non-BMP, old forms, U+3000, full-width digits, compatibility ideographs', () => {
    const name = '𠮷田　髙﨑齋藤\u{FA10}\u{845B}\u{E0100}' + 'e\u0301'; // 塚 (FA10) and 葛+IVS, decomposed é
    const address = '１丁目２番３号－４　\uFEFF';
    const info = parseBasicInfo(basicInfoEf({ ...TARO, name, address })).reveal();
    expect(codePoints(info.name)).toEqual(codePoints(name));
    expect(codePoints(info.address)).toEqual(codePoints(address));
    expect(info.name).not.toBe(name.normalize('NFC'));
    expect(info.name.codePointAt(0)).toBe(0x20bb7);
  });

  it('keeps Latin names of foreign residents with a 通称 as they come', () => {
    const name = 'SMITH JOHN ALEXANDER（通称　スミス　ジョン）';
    expect(parseBasicInfo(basicInfoEf({ ...TARO, name })).reveal().name).toBe(name);
  });

  it.each([
    ['an overlong encoding', hex('C0 80')],
    ['a lone continuation byte', hex('80')],
    ['a truncated sequence', hex('E3 81')],
    ['an encoded surrogate', hex('ED A0 80')],
    ['a code point beyond U+10FFFF', hex('F4 90 80 80')],
  ])('rejects %s in the name as MalformedData, never U+FFFD', (_what, bad) => {
    const ef = withItems(encodeTlv(TAG.name, concatBytes(utf8('山田'), bad)), encodeTlv(TAG.address, utf8('東京')), encodeTlv(TAG.birthDate, ascii('19700101')), encodeTlv(TAG.sex, ascii('1')));
    const message = malformedMessage(ef);
    expect(message).toContain('DF22');
    expect(message).not.toContain('山田');
  });

  it.each(['1', '2', '9', '0', '3'])('keeps the sex code %s as it came', (sex) => {
    expect(parseBasicInfo(basicInfoEf({ ...TARO, sex })).reveal().sex).toBe(sex);
  });

  it.each([
    ['DF22', 'name'],
    ['DF23', 'address'],
    ['DF24', 'birth date'],
    ['DF25', 'sex'],
  ])('names the missing item %s and no value', (tag, label) => {
    const all: [number, Uint8Array][] = [
      [TAG.name, utf8(TARO.name)],
      [TAG.address, utf8(TARO.address)],
      [TAG.birthDate, ascii(TARO.birth)],
      [TAG.sex, ascii(TARO.sex)],
    ];
    const ef = withItems(...all.filter(([t]) => t.toString(16).toUpperCase() !== tag).map(([t, v]) => encodeTlv(t, v)));
    const message = malformedMessage(ef);
    expect(message).toContain(tag);
    expect(message).toContain(label);
    for (const value of [TARO.name, TARO.address, TARO.birth]) expect(message).not.toContain(value);
  });

  it('rejects a duplicated item rather than choose one', () => {
    const items = (n: string) => encodeTlv(TAG.name, utf8(n));
    const ef = withItems(items('甲'), items('乙'), encodeTlv(TAG.address, utf8('東京')), encodeTlv(TAG.birthDate, ascii('19700101')), encodeTlv(TAG.sex, ascii('1')));
    expect(malformedMessage(ef)).toContain('twice');
  });

  it.each([
    ['another container tag', encodeTlv(0xff30, hex('DF 31 00'))],
    ['an empty file', new Uint8Array()],
    ['a file of padding', new Uint8Array(32).fill(0xff)],
    ['a cut-off container', basicInfoEf(TARO).subarray(0, 40)],
    ['items that do not parse', encodeTlv(TAG.basicInfo, hex('DF 22 05 41'))],
  ])('rejects %s as MalformedData', (_what, ef) => {
    expect(() => parseBasicInfo(ef)).toThrow(expect.objectContaining({ code: 'MalformedData' }));
  });

  it.each(['20230229', '19000229', '20231301', '20230431', '20230001', '20230100', '00000101', '1980041', '1980-4-1', '１９８００４０１', '19800401 '])(
    'rejects the birth date %s',
    (birth) => {
      const message = malformedMessage(basicInfoEf({ ...TARO, birth } as BasicInfoItems));
      expect(message).toContain('DF24');
      expect(message).not.toContain(birth.trim());
    },
  );
});

describe('birthDateToIso', () => {
  it.each([
    ['20240229', '2024-02-29'],
    ['20000229', '2000-02-29'],
    ['19120730', '1912-07-30'],
    ['20231231', '2023-12-31'],
  ])('turns %s into %s', (raw, iso) => {
    expect(birthDateToIso(raw)).toBe(iso);
  });
});

// Recorded exchanges of a 券面事項入力補助AP session, as scripts for ScriptedChannel. Tests only; the virtual card
// has its own encoder, so a shared mistake here cannot hide one there.

import { TAG, hex } from '../constants';
import { concatBytes, encodeTlv } from '../tlv';
import type { ScriptedExchange } from './scripted-channel';

export const COMMAND = {
  selectAp: '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08',
  selectPin: '00 A4 02 0C 02 00 11',
  selectCheckCodeB: '00 A4 02 0C 02 00 15',
  selectBasicInfo: '00 A4 02 0C 02 00 02',
  selectMyNumber: '00 A4 02 0C 02 00 01',
  verifyProbe: '00 20 00 80',
  readBinary256: '00 B0 00 00 00',
} as const;

const utf8 = new TextEncoder();
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** VERIFY with an ASCII secret, as the card should receive it. */
export const verifyCommand = (secret: string) => concatBytes(hex('00 20 00 80'), Uint8Array.of(secret.length), ascii(secret));

/** A response: data followed by a status word ('90 00' unless given). */
export const answer = (data: Uint8Array, sw = '90 00') => concatBytes(data, hex(sw));

export interface BasicInfoItems {
  name: string;
  address: string;
  /** YYYYMMDD as on the card. */
  birth: string;
  sex: string;
}

/** EF 0002 content: FF 20 { DF 21 header, DF 22…DF 25 }, optionally with extra TLVs and FF padding after. */
export function basicInfoEf(items: BasicInfoItems, options: { padding?: number; extra?: Uint8Array } = {}): Uint8Array {
  const header = encodeTlv(TAG.basicInfoHeader, hex('00 11 22 33 44 55 66 77 88 99 AA BB CC DD'));
  const body = concatBytes(
    header,
    encodeTlv(TAG.name, utf8.encode(items.name)),
    encodeTlv(TAG.address, utf8.encode(items.address)),
    encodeTlv(TAG.birthDate, ascii(items.birth)),
    encodeTlv(TAG.sex, ascii(items.sex)),
    options.extra ?? new Uint8Array(),
  );
  return concatBytes(encodeTlv(TAG.basicInfo, body), new Uint8Array(options.padding ?? 0).fill(0xff));
}

/** EF 0001 content: DF 10 0C <12 digits>, then FF padding to 17 bytes like the real file. */
export const myNumberEf = (digits: string, tag: number = TAG.myNumber) =>
  concatBytes(encodeTlv(tag, ascii(digits)), new Uint8Array(2).fill(0xff));

export const TARO: BasicInfoItems = {
  name: '髙橋　𠮷太郎',
  address: '千葉県香取市佐原ロ２１２７番地　﨑町ハイツ１０１号',
  birth: '19800401',
  sex: '1',
};
// 123456789018 is the usual documentation example: check digit 8 by the ordinance's formula.
export const TARO_MY_NUMBER = '123456789018';

/**
 * The exchanges of a successful readResident: 6, or 8 with the My Number. EF contents must fit one READ BINARY.
 */
export function residentScript(options: {
  pin: string;
  triesLeft?: number;
  ef0002?: Uint8Array;
  myNumber?: Uint8Array;
}): ScriptedExchange[] {
  const script: ScriptedExchange[] = [
    { command: COMMAND.selectAp, response: '90 00' },
    { command: COMMAND.selectPin, response: '90 00' },
    { command: COMMAND.verifyProbe, response: `63 C${(options.triesLeft ?? 3).toString(16)}` },
    { command: verifyCommand(options.pin), response: '90 00' },
    { command: COMMAND.selectBasicInfo, response: '90 00' },
    { command: COMMAND.readBinary256, response: answer(options.ef0002 ?? basicInfoEf(TARO)) },
  ];
  if (options.myNumber) {
    script.push(
      { command: COMMAND.selectMyNumber, response: '90 00' },
      { command: COMMAND.readBinary256, response: answer(options.myNumber) },
    );
  }
  return script;
}

// What the card is, as docs/card.md describes it. Shared by the reader (protocol) and the
// virtual card, so both sides speak from one table.

export const hex = (s: string): Uint8Array => Uint8Array.from(s.split(' ').map((b) => parseInt(b, 16)));

/** Application identifiers. cardInfoInputAp = 券面事項入力補助AP, the one Kakanai reads. */
export const AID = {
  cardInfoInputAp: hex('D3 92 10 00 31 00 01 01 04 08'),
  cardFaceAp: hex('D3 92 10 00 31 00 01 01 04 02'),
  jpkiAp: hex('D3 92 F0 00 26 01 00 00 00 01'),
} as const;

/** Elementary files of the 券面事項入力補助AP (2-byte ids). */
export const EF = {
  myNumber: 0x0001,
  basicInfo: 0x0002, // 基本4情報
  signature: 0x0003,
  apInfo: 0x0005,
  pin: 0x0011, // 券面事項入力補助用暗証番号
  checkCodeA: 0x0014, // 照合番号A
  checkCodeB: 0x0015, // 照合番号B
} as const;

/** The contact ATR pcsc-tools lists for JPKI cards; the virtual card answers with it. Never used for detection. */
export const MY_NUMBER_CARD_ATR = hex('3B F5 91 00 FF 91 81 71 FE 40 00 42 00 01 00 D1 D6');

export const PIN_MAX_TRIES = 3;
export const CHECK_CODE_B_MAX_TRIES = 10;

/** BER-TLV tags (two-byte private class). */
export const TAG = {
  basicInfo: 0xff20,
  basicInfoHeader: 0xdf21,
  name: 0xdf22,
  address: 0xdf23,
  birthDate: 0xdf24,
  sex: 0xdf25,
  myNumber: 0xdf10,
} as const;

/** Status words (SW1 << 8 | SW2). */
export const SW = {
  ok: 0x9000,
  endOfFileBeforeLe: 0x6282, // a warning: READ BINARY returned fewer bytes than Le; the data is good
  correctLeBase: 0x6c00, // | the Le the card wants: resend once with it
  wrongLength: 0x6700,
  verifyFailedBase: 0x63c0, // | tries left
  authMethodBlocked: 0x6983,
  referenceDataUnusable: 0x6984,
  securityStatusNotSatisfied: 0x6982,
  commandNotAllowed: 0x6986,
  fileNotFound: 0x6a82,
  wrongP1P2: 0x6a86,
  offsetBeyondFile: 0x6b00,
  insNotSupported: 0x6d00,
  claNotSupported: 0x6e00,
} as const;

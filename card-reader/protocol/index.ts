// The public face of the card protocol: pure, bytes in and typed values out, over any CardChannel.

export {
  MAX_READ_OFFSET,
  MAX_SHORT_LE,
  parseResponse,
  readBinary,
  selectApplication,
  selectEf,
  statusToError,
  swHex,
  triesLeftFromStatus,
  verify,
  verifyProbe,
} from './apdu';
export type { CommandKind, ResponseApdu } from './apdu';
export { birthDateToIso, parseBasicInfo } from './basic-info';
export { isValidMyNumber, myNumberCheckDigit, parseMyNumber } from './my-number';
export { identifyCard, pinTriesLeft, readResident, readWithCheckCodeB } from './session';
export type { CheckCodeB, CheckCodeBRead, PinTries, ReadResidentOptions, ResidentRead } from './session';
export { AID, CHECK_CODE_B_MAX_TRIES, EF, MY_NUMBER_CARD_ATR, PIN_MAX_TRIES, SW, TAG, hex } from './constants';
export { concatBytes, encodeTlv, readTlv, readTlvList, tlvTotalLength } from './tlv';
export type { Tlv } from './tlv';

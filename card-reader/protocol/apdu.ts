// Command APDUs the 券面事項入力補助AP needs, and what a response's status word means (docs/card.md).
// Builders return fresh buffers so the caller can zero a VERIFY right after sending it.

import { CardError } from '../errors';
import { SW } from './constants';

/** The short READ BINARY offset lives in P1-P2 with P1's top bit clear (set would mean a short EF id). */
export const MAX_READ_OFFSET = 0x7fff;
/** Le 00 asks for 256 bytes, the most a short READ BINARY returns. */
export const MAX_SHORT_LE = 256;

export function selectApplication(aid: Uint8Array): Uint8Array {
  if (aid.length < 1 || aid.length > 16) throw new RangeError('an AID is 1 to 16 bytes');
  const apdu = new Uint8Array(5 + aid.length);
  apdu.set([0x00, 0xa4, 0x04, 0x0c, aid.length], 0);
  apdu.set(aid, 5);
  return apdu;
}

export function selectEf(id: number): Uint8Array {
  if (!Number.isInteger(id) || id < 0 || id > 0xffff) throw new RangeError('an EF id is 2 bytes');
  return Uint8Array.of(0x00, 0xa4, 0x02, 0x0c, 0x02, id >> 8, id & 0xff);
}

/**
 * VERIFY against the selected PIN EF with `secret` as ASCII bytes (a string is taken char code by char code, so no
 * intermediate buffer holds it). The caller zero-fills the returned APDU after transmitting it.
 */
export function verify(secret: Uint8Array | string): Uint8Array {
  if (secret.length < 1 || secret.length > 255) throw new RangeError('VERIFY data is 1 to 255 bytes');
  const apdu = new Uint8Array(5 + secret.length);
  apdu.set([0x00, 0x20, 0x00, 0x80, secret.length], 0);
  for (let i = 0; i < secret.length; i++) {
    apdu[5 + i] = typeof secret === 'string' ? secret.charCodeAt(i) & 0xff : secret[i]!;
  }
  return apdu;
}

/** VERIFY with no data: the card answers 63 Cx (x tries left) without spending one. */
export function verifyProbe(): Uint8Array {
  return Uint8Array.of(0x00, 0x20, 0x00, 0x80);
}

/** READ BINARY of the current EF; `le` 1..256 (256 is sent as 00). */
export function readBinary(offset: number, le: number): Uint8Array {
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_READ_OFFSET) throw new RangeError('offset out of range');
  if (!Number.isInteger(le) || le < 1 || le > MAX_SHORT_LE) throw new RangeError('Le is 1 to 256');
  return Uint8Array.of(0x00, 0xb0, offset >> 8, offset & 0xff, le & 0xff);
}

export interface ResponseApdu {
  data: Uint8Array;
  /** SW1 << 8 | SW2 */
  sw: number;
}

/** Splits data from SW1 SW2. Fewer than 2 bytes means the card left the field mid-exchange. */
export function parseResponse(raw: Uint8Array, step: string): ResponseApdu {
  if (raw.length < 2) throw new CardError('CardRemoved', `${step}: response shorter than a status word`, { step });
  return { data: raw.subarray(0, raw.length - 2), sw: (raw[raw.length - 2]! << 8) | raw[raw.length - 1]! };
}

export const swHex = (sw: number): string => sw.toString(16).toUpperCase().padStart(4, '0');

/** What was sent decides what some status words mean (6A 82 on the AP, 63 Cx on which secret). */
export type CommandKind = 'selectApplication' | 'selectEf' | 'verifyPin' | 'verifyCheckCodeB' | 'readBinary';

/** 63 Cx: x tries left; null for any other status word. */
export function triesLeftFromStatus(sw: number): number | null {
  return (sw & 0xfff0) === SW.verifyFailedBase ? sw & 0x0f : null;
}

const isBlockedStatus = (sw: number) =>
  sw === SW.verifyFailedBase || sw === SW.authMethodBlocked || sw === SW.referenceDataUnusable;

/**
 * The typed error a status word means for this command, or null when it means success (90 00; 62 82 "end of file
 * before Le" on READ BINARY). 6C xx reaching here means the card still refused after the one resend.
 */
export function statusToError(sw: number, step: string, kind: CommandKind = 'selectEf'): CardError | null {
  if (sw === SW.ok) return null;
  if (sw === SW.endOfFileBeforeLe && kind === 'readBinary') return null;
  const details = { sw: swHex(sw), step };
  const fail = (code: ConstructorParameters<typeof CardError>[0], what: string, extra = {}) =>
    new CardError(code, `${step}: ${what} (SW ${details.sw})`, { ...details, ...extra });

  // Any refusal to select the 券面事項入力補助AP means this card cannot be read as a My Number Card: other cards
  // answer 6A 82, 6A 81, 69 99, 6E 00… for an AID they do not hold.
  if (kind === 'selectApplication') return fail('NotMyNumberCard', 'application refused');

  const checkCodeB = kind === 'verifyCheckCodeB';
  if (isBlockedStatus(sw)) {
    return fail(checkCodeB ? 'CheckCodeBBlocked' : 'PinBlocked', 'verification blocked', { triesLeft: 0 });
  }
  const triesLeft = triesLeftFromStatus(sw);
  if (triesLeft !== null) {
    return fail(checkCodeB ? 'WrongCheckCodeB' : 'WrongPin', 'verification failed', { triesLeft });
  }
  if ((sw & 0xff00) === SW.correctLeBase) return fail('WrongLength', 'card still asks for another Le');
  switch (sw) {
    case SW.securityStatusNotSatisfied:
      return fail('SecurityStatusNotSatisfied', 'security status not satisfied');
    case SW.commandNotAllowed:
      return fail('CommandNotAllowed', 'command not allowed');
    case SW.fileNotFound:
      return fail('FileNotFound', 'file not found');
    case SW.wrongP1P2:
    case SW.offsetBeyondFile:
      return fail('WrongParameters', 'wrong parameters');
    case SW.wrongLength:
      return fail('WrongLength', 'wrong length');
    case SW.insNotSupported:
    case SW.claNotSupported:
      return fail('NotMyNumberCard', 'instruction or class not supported');
    default:
      return fail('UnexpectedStatus', 'unexpected status');
  }
}

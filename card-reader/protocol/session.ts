// The 券面事項入力補助AP (card info input AP) session: probe the tries, send the PIN at most once, read the 4 basic
// items and, only when a form needs it, the My Number. The safe PIN handling of docs/card.md.

import { CardError } from '../errors';
import type { MyNumber, ResidentInfo } from '../personal-data';
import type { CardChannel } from '../transport/channel';
import { selectApplication, selectEf, statusToError, triesLeftFromStatus, verify, verifyProbe, type CommandKind } from './apdu';
import { daysInMonth, parseBasicInfo } from './basic-info';
import { CardExchange } from './card-exchange';
import { AID, EF, SW } from './constants';
import { parseMyNumber } from './my-number';

export interface PinTries {
  /** Tries left (0 = blocked); null when the card answered 90 00 (already verified), which tells no count. */
  triesLeft: number | null;
  apduCount: number;
}

export interface ReadResidentOptions {
  /** 券面事項入力補助用暗証番号: 4 ASCII digits. A Uint8Array is copied, never modified or kept. */
  pin: string | Uint8Array;
  /** Read EF 0001 too: only for 番号利用事務 forms. */
  withMyNumber: boolean;
  /** The clerk's explicit override to spend the last try (or a try whose count the card would not tell). */
  allowLastTry?: boolean;
}

export interface ResidentRead {
  resident: ResidentInfo;
  myNumber?: MyNumber;
  /** Tries the card reported before the PIN was sent; null when it would not tell. */
  triesLeftBefore: number | null;
  apduCount: number;
}

export interface CheckCodeB {
  /** 生年月日 as printed on the card: YYMMDD. */
  birth: string;
  /** The card's expiry year: YYYY. */
  expiryYear: string;
  /** The 4-digit セキュリティコード printed on the card face. */
  securityCode: string;
}

export interface CheckCodeBRead {
  resident: ResidentInfo;
  triesLeftBefore: number | null;
  apduCount: number;
}

const STEP = {
  selectAp: 'SELECT card info input AP',
  selectPin: 'SELECT EF 0011',
  probePin: 'VERIFY EF 0011 (probe)',
  verifyPin: 'VERIFY EF 0011',
  selectCheckCodeB: 'SELECT EF 0015',
  probeCheckCodeB: 'VERIFY EF 0015 (probe)',
  verifyCheckCodeB: 'VERIFY EF 0015',
  selectBasicInfo: 'SELECT EF 0002',
  selectMyNumber: 'SELECT EF 0001',
} as const;

/** SELECT of the 券面事項入力補助AP only: resolves true, or throws CardError('NotMyNumberCard'). */
export async function identifyCard(channel: CardChannel): Promise<true> {
  await selectCardInfoInputAp(new CardExchange(channel));
  return true;
}

/** Tries left on the PIN, spending none: SELECT AP, SELECT EF 0011, VERIFY without data. */
export async function pinTriesLeft(channel: CardChannel): Promise<PinTries> {
  const card = new CardExchange(channel);
  await selectCardInfoInputAp(card);
  await card.command(selectEf(EF.pin), STEP.selectPin, 'selectEf');
  const triesLeft = await probeTries(card, STEP.probePin, 'verifyPin');
  return { triesLeft, apduCount: card.count };
}

/**
 * Reads the 4 basic items (and the My Number when asked) after one VERIFY of the PIN: 6 exchanges, 8 with the My
 * Number. Never sends the PIN when the card is blocked or at one try without `allowLastTry`, never retries it.
 */
export async function readResident(channel: CardChannel, options: ReadResidentOptions): Promise<ResidentRead> {
  if (!isAsciiDigits(options.pin, 4)) {
    throw new CardError('InvalidPinFormat', 'the PIN must be 4 ASCII digits', { step: 'check PIN format' });
  }
  const card = new CardExchange(channel);
  await selectCardInfoInputAp(card);
  await card.command(selectEf(EF.pin), STEP.selectPin, 'selectEf');
  const triesLeftBefore = await probeTries(card, STEP.probePin, 'verifyPin');
  if (triesLeftBefore === 0) {
    throw new CardError('PinBlocked', 'the PIN is blocked; no PIN was sent', { step: STEP.probePin, triesLeft: 0 });
  }
  if ((triesLeftBefore === null || triesLeftBefore === 1) && options.allowLastTry !== true) {
    const details = { step: STEP.probePin, ...(triesLeftBefore === null ? {} : { triesLeft: triesLeftBefore }) };
    throw new CardError('PinGuard', 'one try left (or an untold count): no PIN sent without the clerk', details);
  }
  await verifyOnce(card, options.pin, STEP.verifyPin, 'verifyPin');

  await card.command(selectEf(EF.basicInfo), STEP.selectBasicInfo, 'selectEf');
  const resident = await readAndWipe(card, '0002', parseBasicInfo);
  if (!options.withMyNumber) return { resident, triesLeftBefore, apduCount: card.count };

  await card.command(selectEf(EF.myNumber), STEP.selectMyNumber, 'selectEf');
  const myNumber = await readAndWipe(card, '0001', parseMyNumber);
  return { resident, myNumber, triesLeftBefore, apduCount: card.count };
}

/**
 * Reads the 4 basic items with 照合番号B (birth YYMMDD + expiry year YYYY + security code, all on the card face)
 * instead of the PIN: the clerk's path when the PIN is forgotten or blocked. Sends the code once.
 */
export async function readWithCheckCodeB(channel: CardChannel, code: CheckCodeB): Promise<CheckCodeBRead> {
  if (!isCheckCodeB(code)) {
    throw new CardError('InvalidCheckCodeB', 'check code B must be YYMMDD + YYYY + 4 digits', { step: 'check code B format' });
  }
  const card = new CardExchange(channel);
  await selectCardInfoInputAp(card);
  await card.command(selectEf(EF.checkCodeB), STEP.selectCheckCodeB, 'selectEf');
  const triesLeftBefore = await probeTries(card, STEP.probeCheckCodeB, 'verifyCheckCodeB');
  if (triesLeftBefore === 0) {
    throw new CardError('CheckCodeBBlocked', 'check code B is blocked; nothing was sent', { step: STEP.probeCheckCodeB, triesLeft: 0 });
  }
  await verifyOnce(card, code.birth + code.expiryYear + code.securityCode, STEP.verifyCheckCodeB, 'verifyCheckCodeB');

  await card.command(selectEf(EF.basicInfo), STEP.selectBasicInfo, 'selectEf');
  const resident = await readAndWipe(card, '0002', parseBasicInfo);
  return { resident, triesLeftBefore, apduCount: card.count };
}

async function selectCardInfoInputAp(card: CardExchange): Promise<void> {
  await card.command(selectApplication(AID.cardInfoInputAp), STEP.selectAp, 'selectApplication');
}

/** VERIFY without data on the selected PIN EF: tries left (0 = blocked), or null for 90 00 (already verified). */
async function probeTries(card: CardExchange, step: string, kind: CommandKind): Promise<number | null> {
  const { sw } = await card.transmit(verifyProbe(), step);
  if (sw === SW.ok) return null;
  if (sw === SW.authMethodBlocked || sw === SW.referenceDataUnusable) return 0;
  const tries = triesLeftFromStatus(sw);
  if (tries !== null) return tries;
  throw statusToError(sw, step, kind) ?? new CardError('UnexpectedStatus', `${step}: unexpected status`, { step });
}

/** One VERIFY with the secret; the APDU that carried it is zero-filled whatever happens. */
async function verifyOnce(card: CardExchange, secret: string | Uint8Array, step: string, kind: CommandKind): Promise<void> {
  const apdu = verify(secret);
  try {
    await card.command(apdu, step, kind);
  } finally {
    apdu.fill(0);
  }
}

/** Reads a TLV-shaped EF, parses it, and zero-fills the raw bytes so personal data lives only in its typed wrapper. */
async function readAndWipe<T>(card: CardExchange, efLabel: string, parse: (ef: Uint8Array) => T): Promise<T> {
  const raw = await card.readTlvEf(efLabel);
  try {
    return parse(raw);
  } finally {
    raw.fill(0);
  }
}

function isAsciiDigits(value: string | Uint8Array, length: number): boolean {
  if (typeof value !== 'string' && !(value instanceof Uint8Array)) return false;
  if (value.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const c = typeof value === 'string' ? value.charCodeAt(i) : value[i]!;
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** YYMMDD must be a real date in 19YY or 20YY (the card prints only two year digits). */
function isCheckCodeB(code: CheckCodeB): boolean {
  if (typeof code !== 'object' || code === null) return false;
  const { birth, expiryYear, securityCode } = code;
  if (typeof birth !== 'string' || typeof expiryYear !== 'string' || typeof securityCode !== 'string') return false;
  if (!isAsciiDigits(birth, 6) || !isAsciiDigits(expiryYear, 4) || !isAsciiDigits(securityCode, 4)) return false;
  const [yy, mm, dd] = [Number(birth.slice(0, 2)), Number(birth.slice(2, 4)), Number(birth.slice(4, 6))];
  if (mm < 1 || mm > 12 || dd < 1) return false;
  return dd <= Math.max(daysInMonth(1900 + yy, mm), daysInMonth(2000 + yy, mm));
}

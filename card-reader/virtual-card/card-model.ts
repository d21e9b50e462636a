// The virtual My Number Card as a pure state machine: APDU bytes in, response bytes (data + SW) out.
// It follows docs/card.md strictly, so a reader that works here does not lean on leniency a real
// card may not have. Retry counters live in the object and survive power cycles and re-insertion, as on EEPROM.

import { createHash } from 'node:crypto';
import { AID, EF, MY_NUMBER_CARD_ATR, PIN_MAX_TRIES, CHECK_CODE_B_MAX_TRIES, SW, TAG, hex } from '../protocol/constants';
import { concatBytes, encodeTlv } from '../protocol/tlv';
import {
  CHECK_CODE_A_MAX_TRIES,
  JPKI_AUTH_PIN_MAX_TRIES,
  JPKI_SIGN_PASSWORD_MAX_TRIES,
  type OtherCardFixture,
  type ResidentFixture,
} from './resident-fixture';

/** What the vpcd client needs from any virtual card. */
export interface VirtualCard {
  readonly atr: Uint8Array;
  /** One command APDU → the response APDU. Empty when the card is unpowered (a mute card). */
  handle(apdu: Uint8Array): Uint8Array;
  powerOn(): void;
  powerOff(): void;
  reset(): void;
}

const INS = { select: 0xa4, verify: 0x20, readBinary: 0xb0 };

/** JPKI AP PIN files (公的個人認証), used for `tries` displays. */
const JPKI_EF = { authPin: 0x0018, signPassword: 0x001b } as const;

export type Credential = 'pin' | 'checkCodeA' | 'checkCodeB' | 'jpkiAuthPin' | 'jpkiSignPassword';

interface CredentialState {
  secret: Uint8Array;
  maxTries: number;
  triesLeft: number;
}

type ElementaryFile =
  | { kind: 'credential'; credential: Credential }
  | { kind: 'data'; bytes: Uint8Array; readableWith: readonly Credential[] | 'free' };

interface Application {
  aid: Uint8Array;
  files: Map<number, ElementaryFile>;
}

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const utf8 = ascii;

function sw(word: number, data?: Uint8Array): Uint8Array {
  const tail = Uint8Array.of(word >> 8, word & 0xff);
  return data ? concatBytes(data, tail) : tail;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** A short APDU split into header, data and Le; null when Lc disagrees with the length (→ 67 00). */
interface Command {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Uint8Array | null;
  /** Expected response length; 256 when the byte is 00; null when absent. */
  le: number | null;
}

function parseCommand(apdu: Uint8Array): Command | 'wrongLength' {
  const [cla, ins, p1, p2] = [apdu[0]!, apdu[1]!, apdu[2]!, apdu[3]!];
  if (apdu.length === 4) return { cla, ins, p1, p2, data: null, le: null };
  const b4 = apdu[4]!;
  if (apdu.length === 5) return { cla, ins, p1, p2, data: null, le: b4 === 0 ? 256 : b4 };
  // Extended lengths (b4 = 00 followed by more bytes) are not used by this card.
  if (b4 === 0) return 'wrongLength';
  const data = apdu.slice(5, 5 + b4);
  if (apdu.length === 5 + b4) return { cla, ins, p1, p2, data, le: null };
  if (apdu.length === 6 + b4) {
    const le = apdu[5 + b4]!;
    return { cla, ins, p1, p2, data, le: le === 0 ? 256 : le };
  }
  return 'wrongLength';
}

/** EF contents end with FF padding, as the real EFs are fixed-size files larger than their TLV. */
function padded(content: Uint8Array): Uint8Array {
  const size = (Math.floor(content.length / 32) + 1) * 32;
  const out = new Uint8Array(size).fill(0xff);
  out.set(content, 0);
  return out;
}

/** EF 0002 without padding: FF 20 { DF 21 header, DF 22 name, DF 23 address, DF 24 YYYYMMDD, DF 25 sex }. */
export function encodeBasicInfo(r: Pick<ResidentFixture, 'name' | 'address' | 'birthDate' | 'sex'>): Uint8Array {
  const items = [
    encodeTlv(TAG.name, utf8(r.name)),
    encodeTlv(TAG.address, utf8(r.address)),
    encodeTlv(TAG.birthDate, ascii(r.birthDate.replaceAll('-', ''))),
    encodeTlv(TAG.sex, ascii(r.sex)),
  ];
  // The header's layout is not public; we put 2-byte offsets of the items within the container value.
  // Readers are told to skip it, and this keeps it honest-looking rather than empty.
  const headerLength = 3 + items.length * 2;
  const offsets: number[] = [];
  let at = headerLength;
  for (const item of items) {
    offsets.push(at >> 8, at & 0xff);
    at += item.length;
  }
  const header = encodeTlv(TAG.basicInfoHeader, Uint8Array.from(offsets));
  return encodeTlv(TAG.basicInfo, concatBytes(header, ...items));
}

export function encodeMyNumber(digits: string): Uint8Array {
  return encodeTlv(TAG.myNumber, ascii(digits));
}

/** EF 0003 shape (FF 30 { DF 31, DF 32, DF 33 }) with SHA-256 hashes; the "signature" is filler, not RSA. */
function encodeSignatureFile(myNumberTlv: Uint8Array, basicInfoTlv: Uint8Array): Uint8Array {
  const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
  const filler = new Uint8Array(256);
  for (let i = 0; i < filler.length; i++) filler[i] = (i * 37 + 11) & 0xff;
  return encodeTlv(
    0xff30,
    concatBytes(encodeTlv(0xdf31, sha256(myNumberTlv)), encodeTlv(0xdf32, sha256(basicInfoTlv)), encodeTlv(0xdf33, filler)),
  );
}

/** EF 0005 (application information): its content is not public; a reader must not depend on it. */
const AP_INFO = encodeTlv(0xdf51, ascii('KAKANAI-VIRTUAL'));

export class VirtualMyNumberCard implements VirtualCard {
  readonly atr = MY_NUMBER_CARD_ATR;
  readonly #applications: Application[];
  readonly #credentials: Map<Credential, CredentialState>;
  #powered = true;
  #application: Application | null = null;
  #currentEf: ElementaryFile | null = null;
  readonly #verified = new Set<Credential>();

  constructor(resident: ResidentFixture) {
    const b = resident.checkCodeB;
    const credentials: [Credential, CredentialState][] = [
      ['pin', { secret: ascii(resident.pin), maxTries: PIN_MAX_TRIES, triesLeft: resident.pinTriesLeft }],
      [
        'checkCodeA',
        { secret: ascii(resident.myNumber), maxTries: CHECK_CODE_A_MAX_TRIES, triesLeft: resident.checkCodeATriesLeft },
      ],
      [
        'checkCodeB',
        {
          secret: ascii(b.birth + b.expiryYear + b.securityCode),
          maxTries: CHECK_CODE_B_MAX_TRIES,
          triesLeft: resident.checkCodeBTriesLeft,
        },
      ],
    ];
    if (resident.jpki) {
      const j = resident.jpki;
      credentials.push(
        ['jpkiAuthPin', { secret: ascii(j.authPin), maxTries: JPKI_AUTH_PIN_MAX_TRIES, triesLeft: j.authPinTriesLeft }],
        [
          'jpkiSignPassword',
          { secret: ascii(j.signPassword), maxTries: JPKI_SIGN_PASSWORD_MAX_TRIES, triesLeft: j.signPasswordTriesLeft },
        ],
      );
    }
    this.#credentials = new Map(credentials);

    const myNumberTlv = encodeMyNumber(resident.myNumber);
    const basicInfoTlv = encodeBasicInfo(resident);
    const cardInfoInputAp: Application = {
      aid: AID.cardInfoInputAp,
      files: new Map<number, ElementaryFile>([
        [EF.myNumber, { kind: 'data', bytes: padded(myNumberTlv), readableWith: ['pin', 'checkCodeA'] }],
        [EF.basicInfo, { kind: 'data', bytes: padded(basicInfoTlv), readableWith: ['pin', 'checkCodeB'] }],
        [EF.signature, { kind: 'data', bytes: padded(encodeSignatureFile(myNumberTlv, basicInfoTlv)), readableWith: ['pin'] }],
        [EF.apInfo, { kind: 'data', bytes: padded(AP_INFO), readableWith: 'free' }],
        [EF.pin, { kind: 'credential', credential: 'pin' }],
        [EF.checkCodeA, { kind: 'credential', credential: 'checkCodeA' }],
        [EF.checkCodeB, { kind: 'credential', credential: 'checkCodeB' }],
      ]),
    };
    // The card face AP exists on every card; its images and PIN files are not modelled (its EFs answer 6A 82).
    const cardFaceAp: Application = { aid: AID.cardFaceAp, files: new Map() };
    const jpkiAp: Application = { aid: AID.jpkiAp, files: new Map() };
    if (resident.jpki) {
      jpkiAp.files.set(JPKI_EF.authPin, { kind: 'credential', credential: 'jpkiAuthPin' });
      jpkiAp.files.set(JPKI_EF.signPassword, { kind: 'credential', credential: 'jpkiSignPassword' });
    }
    this.#applications = [cardInfoInputAp, cardFaceAp, jpkiAp];
  }

  /** Tries left for a credential: for tests and the emulator's status line, never sent anywhere else. */
  triesLeft(credential: Credential): number | undefined {
    return this.#credentials.get(credential)?.triesLeft;
  }

  get powered(): boolean {
    return this.#powered;
  }

  powerOn(): void {
    this.#dropSession();
    this.#powered = true;
  }

  powerOff(): void {
    this.#dropSession();
    this.#powered = false;
  }

  reset(): void {
    this.#dropSession();
    this.#powered = true;
  }

  #dropSession(): void {
    this.#application = null;
    this.#currentEf = null;
    this.#verified.clear();
  }

  handle(apdu: Uint8Array): Uint8Array {
    if (!this.#powered) return new Uint8Array(0);
    if (apdu.length < 4) return sw(SW.wrongLength);
    if (apdu[0] !== 0x00) return sw(SW.claNotSupported);
    if (![INS.select, INS.verify, INS.readBinary].includes(apdu[1]!)) return sw(SW.insNotSupported);
    const command = parseCommand(apdu);
    if (command === 'wrongLength') return sw(SW.wrongLength);
    switch (command.ins) {
      case INS.select:
        return this.#select(command);
      case INS.verify:
        return this.#verify(command);
      case INS.readBinary:
        return this.#readBinary(command);
      default:
        return sw(SW.insNotSupported);
    }
  }

  #select(c: Command): Uint8Array {
    if (c.data === null) return sw(SW.wrongLength);
    if (c.p2 !== 0x0c) return sw(SW.wrongP1P2); // FCI/FCP returns are not offered by this card
    if (c.p1 === 0x04) {
      const app = this.#applications.find((a) => equalBytes(a.aid, c.data!));
      if (!app) return sw(SW.fileNotFound); // ISO 7816-4: a failed SELECT leaves the current selection as it was
      // Any application SELECT drops the security state, even re-selecting the same one: readers must re-VERIFY.
      this.#dropSession();
      this.#application = app;
      return sw(SW.ok);
    }
    if (c.p1 === 0x02) {
      if (c.data.length !== 2) return sw(SW.wrongLength);
      if (!this.#application) return sw(SW.commandNotAllowed);
      const ef = this.#application.files.get((c.data[0]! << 8) | c.data[1]!);
      if (!ef) return sw(SW.fileNotFound);
      this.#currentEf = ef;
      return sw(SW.ok);
    }
    return sw(SW.wrongP1P2);
  }

  #verify(c: Command): Uint8Array {
    if (c.le !== null) return sw(SW.wrongLength);
    if (c.p1 !== 0x00 || c.p2 !== 0x80) return sw(SW.wrongP1P2);
    if (!this.#application || this.#currentEf?.kind !== 'credential') return sw(SW.commandNotAllowed);
    const name = this.#currentEf.credential;
    const state = this.#credentials.get(name)!;
    if (c.data === null) {
      // A probe: spends nothing.
      if (state.triesLeft === 0) return sw(SW.verifyFailedBase);
      return this.#verified.has(name) ? sw(SW.ok) : sw(SW.verifyFailedBase | state.triesLeft);
    }
    if (state.triesLeft === 0) return sw(SW.authMethodBlocked);
    if (equalBytes(c.data, state.secret)) {
      state.triesLeft = state.maxTries;
      this.#verified.add(name);
      return sw(SW.ok);
    }
    state.triesLeft -= 1;
    this.#verified.delete(name);
    return sw(SW.verifyFailedBase | state.triesLeft);
  }

  #readBinary(c: Command): Uint8Array {
    if (c.data !== null || c.le === null) return sw(SW.wrongLength);
    if (c.p1 & 0x80) return sw(SW.wrongP1P2); // short-EF-id addressing is not offered
    const ef = this.#currentEf;
    if (!this.#application || !ef || ef.kind !== 'data') return sw(SW.commandNotAllowed);
    if (ef.readableWith !== 'free' && !ef.readableWith.some((cred) => this.#verified.has(cred))) {
      return sw(SW.securityStatusNotSatisfied);
    }
    const offset = (c.p1 << 8) | c.p2;
    if (offset >= ef.bytes.length) return sw(SW.offsetBeyondFile);
    return sw(SW.ok, ef.bytes.slice(offset, offset + c.le));
  }
}

/** A card that is not a My Number Card (a transit card, a bank card…): its own ATR, no 券面事項入力補助AP. */
export class VirtualOtherCard implements VirtualCard {
  readonly atr: Uint8Array;
  readonly #uid: Uint8Array | null;
  #powered = true;

  constructor(fixture: OtherCardFixture) {
    this.atr = hex(fixture.atr);
    this.#uid = fixture.uid ? hex(fixture.uid) : null;
  }

  powerOn(): void {
    this.#powered = true;
  }
  powerOff(): void {
    this.#powered = false;
  }
  reset(): void {
    this.#powered = true;
  }

  handle(apdu: Uint8Array): Uint8Array {
    if (!this.#powered) return new Uint8Array(0);
    if (apdu.length < 4) return sw(SW.wrongLength);
    const [cla, ins] = [apdu[0]!, apdu[1]!];
    // PC/SC GET DATA (UID): answered by a real reader; through vpcd the card itself must answer it.
    if (cla === 0xff && ins === 0xca) return this.#uid ? sw(SW.ok, this.#uid) : sw(SW.wrongP1P2);
    if (cla !== 0x00) return sw(SW.claNotSupported);
    if (ins === INS.select) return sw(SW.fileNotFound);
    return sw(SW.insNotSupported);
  }
}

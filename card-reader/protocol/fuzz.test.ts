// Generated and mutated inputs for every parser and for the session over a card whose answers are damaged: each
// returns a value or throws CardError, never anything else, and never loops without bound. Fixed seeds, so a failure
// replays; fast-check prints the counterexample.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CardError } from '../errors';
import type { CardChannel } from '../transport/channel';
import { statusToError, swHex, type CommandKind } from './apdu';
import { parseBasicInfo } from './basic-info';
import { MY_NUMBER_CARD_ATR, TAG } from './constants';
import { myNumberCheckDigit, parseMyNumber } from './my-number';
import { identifyCard, pinTriesLeft, readResident, readWithCheckCodeB } from './session';
import { answer, basicInfoEf, myNumberEf, type BasicInfoItems } from './testing/recorded-card';
import { encodeTlv, readTlv, readTlvList, tlvTotalLength } from './tlv';

const SEED = 0x4b414b41; // 'KAKA'
const TIMEOUT_MS = 30_000;

// --- generators ---------------------------------------------------------------------------------------------------

const text = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
const yyyymmdd = fc
  .date({ min: new Date('1890-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));
const items: fc.Arbitrary<BasicInfoItems> = fc.record({
  name: text(40),
  address: text(200),
  birth: yyyymmdd,
  sex: fc.constantFrom('1', '2', '9', '0'),
});
const basicInfo = fc.tuple(items, fc.nat({ max: 40 })).map(([i, padding]) => ({ items: i, ef: basicInfoEf(i, { padding }) }));
const myNumberDigits = fc.stringMatching(/^[0-9]{11}$/).map((d) => d + myNumberCheckDigit(d));

/** Offsets of the length bytes of every TLV in `buf`, descending into constructed ones: what a mutation targets. */
function lengthOffsets(buf: Uint8Array, from = 0, to = buf.length, out: number[] = []): number[] {
  let p = from;
  while (p < to) {
    const t = readTlv(buf.subarray(0, to), p);
    if (!t) break;
    const tagLength = (buf[p]! & 0x1f) === 0x1f ? 2 : 1; // the tags here are one or two bytes
    out.push(p + tagLength);
    if (t.constructed) lengthOffsets(buf, t.end - t.value.length, t.end, out);
    p = t.end;
  }
  return out;
}

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'length'; which: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.constantFrom(0x00, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0xff, 0xdf) }),
  fc.record({ kind: fc.constant('length' as const), which: fc.nat(), value: fc.nat({ max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
);

function mutate(source: Uint8Array, mutations: Mutation[]): Uint8Array {
  let buf = source.slice();
  for (const m of mutations) {
    if (buf.length === 0) break;
    const at = m.kind === 'length' ? -1 : m.at % (buf.length + 1);
    switch (m.kind) {
      case 'flip':
        if (at < buf.length) buf[at]! ^= 1 << m.bit;
        break;
      case 'set':
        if (at < buf.length) buf[at] = m.value;
        break;
      case 'length': {
        const offsets = lengthOffsets(buf);
        if (offsets.length) buf[offsets[m.which % offsets.length]!] = m.value;
        break;
      }
      case 'truncate':
        buf = buf.slice(0, at);
        break;
      case 'insert':
        buf = Uint8Array.from([...buf.subarray(0, at), ...m.bytes, ...buf.subarray(at)]);
        break;
      case 'delete':
        buf = Uint8Array.from([...buf.subarray(0, at), ...buf.subarray(at + m.count)]);
        break;
    }
  }
  return buf;
}

const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

/** Runs `f`; passes when it returns or throws a CardError with one of `codes`, fails on anything else. */
function valueOrCardError(f: () => unknown, codes: string[]): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof CardError)) throw e;
    expect(codes).toContain(e.code);
  }
}

// --- parsers ------------------------------------------------------------------------------------------------------

describe('fuzz: parsers', () => {
  it('parseBasicInfo round-trips every generated EF 0002 exactly', () => {
    fc.assert(
      fc.property(basicInfo, ({ items: i, ef }) => {
        const r = parseBasicInfo(ef).reveal();
        expect([r.name, r.address, r.sex]).toEqual([i.name, i.address, i.sex]);
        expect(r.birthDate.replaceAll('-', '')).toBe(i.birth);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('parseBasicInfo returns a value or MalformedData for mutated EF 0002', () => {
    fc.assert(
      fc.property(basicInfo, mutations, ({ ef }, m) => valueOrCardError(() => parseBasicInfo(mutate(ef, m)), ['MalformedData'])),
      { seed: SEED + 1, numRuns: 3000 },
    );
  });

  it('parseBasicInfo returns a value or MalformedData for random bytes', () => {
    const raw = fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }).map((b) => Uint8Array.from([0xff, 0x20, ...b])));
    fc.assert(fc.property(raw, (b) => valueOrCardError(() => parseBasicInfo(b), ['MalformedData'])), { seed: SEED + 2, numRuns: 1000 });
  });

  it('parseMyNumber returns a value or a typed error for mutated and random EF 0001', () => {
    const ef = fc.oneof(
      fc.tuple(myNumberDigits, mutations).map(([d, m]) => mutate(myNumberEf(d), m)),
      fc.uint8Array({ maxLength: 40 }),
      fc.stringMatching(/^[0-9]{12}$/).map((d) => encodeTlv(TAG.myNumber, new TextEncoder().encode(d))),
    );
    fc.assert(
      fc.property(ef, (b) => valueOrCardError(() => parseMyNumber(b), ['MalformedData', 'InvalidMyNumber'])),
      { seed: SEED + 3, numRuns: 2000 },
    );
  });

  it('readTlv, readTlvList and tlvTotalLength never throw and agree with each other', () => {
    const raw = fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.tuple(basicInfo, mutations).map(([{ ef }, m]) => mutate(ef, m)));
    fc.assert(
      fc.property(raw, fc.nat({ max: 70 }), (b, offset) => {
        const t = readTlv(b, offset);
        if (t) {
          expect(t.end).toBeLessThanOrEqual(b.length);
          expect(tlvTotalLength(b.subarray(offset))).toBe(t.end - offset);
        }
        const total = tlvTotalLength(b);
        if (total !== null && total <= b.length) expect(readTlv(b)?.end).toBe(total);
        const list = readTlvList(b);
        if (list) for (const item of list) expect(item.end).toBeLessThanOrEqual(b.length);
      }),
      { seed: SEED + 4, numRuns: 2000 },
    );
  });

  it('statusToError gives null or a CardError naming the status word, for every SW and command', () => {
    const kinds: CommandKind[] = ['selectApplication', 'selectEf', 'verifyPin', 'verifyCheckCodeB', 'readBinary'];
    for (let sw = 0; sw <= 0xffff; sw++) {
      for (const kind of kinds) {
        const e = statusToError(sw, 'FUZZ', kind);
        if (e === null) {
          expect(sw === 0x9000 || (sw === 0x6282 && kind === 'readBinary')).toBe(true);
          continue;
        }
        if (!(e instanceof CardError) || e.sw !== swHex(sw) || e.step !== 'FUZZ') throw new Error(`bad mapping for ${swHex(sw)}`);
      }
    }
  }, 30_000); // 327,680 mappings: seconds on a loaded CI machine
});

// --- the session over a damaged card ------------------------------------------------------------------------------

const PIN = '4821';
const MAX_EXCHANGES = 8 + 2 * (0x8000 / 256) + 4; // every read bounded by the short offset range

/** A card that answers like a My Number Card, except where `faults[i]` replaces the i-th answer. */
class DamagedCard implements CardChannel {
  readonly atr = MY_NUMBER_CARD_ATR;
  readonly sent: Uint8Array[] = [];
  readonly headers: string[] = [];
  readonly answers: Uint8Array[] = [];
  #ef: Uint8Array = new Uint8Array();
  constructor(
    private readonly files: { ef0002: Uint8Array; ef0001: Uint8Array },
    private readonly probe: string,
    private readonly faults: (Fault | null)[],
  ) {}

  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    const i = this.sent.length;
    this.sent.push(apdu);
    this.headers.push(Array.from(apdu.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('') + `+${apdu.length - 4}`);
    if (i > MAX_EXCHANGES) throw new Error('unbounded exchanges');
    const response = this.respond(apdu, this.faults[i] ?? null);
    this.answers.push(response.slice());
    return response;
  }

  private respond(apdu: Uint8Array, fault: Fault | null): Uint8Array {
    const good = this.answer(apdu);
    if (!fault) return good;
    switch (fault.kind) {
      case 'removed':
        throw new CardError('CardRemoved', 'card left the field');
      case 'raw':
        return fault.bytes.slice();
      case 'sw':
        return Uint8Array.of(fault.sw >> 8, fault.sw & 0xff);
      case 'mutate':
        return mutate(good, fault.mutations);
    }
  }

  private answer(apdu: Uint8Array): Uint8Array {
    const [, ins, p1, p2] = apdu;
    if (ins === 0xa4 && p1 === 0x02) this.#ef = apdu[6] === 0x01 ? this.files.ef0001 : this.files.ef0002;
    if (ins === 0x20 && apdu.length === 4) return hexSw(this.probe);
    if (ins === 0xb0) {
      const offset = (p1! << 8) | p2!;
      const le = apdu[4] === 0 ? 256 : apdu[4]!;
      return answer(this.#ef.subarray(offset, offset + le));
    }
    return hexSw('9000');
  }
}

const hexSw = (sw: string) => Uint8Array.of(parseInt(sw.slice(0, 2), 16), parseInt(sw.slice(2), 16));

type Fault =
  | { kind: 'removed' }
  | { kind: 'raw'; bytes: Uint8Array }
  | { kind: 'sw'; sw: number }
  | { kind: 'mutate'; mutations: Mutation[] };

const fault: fc.Arbitrary<Fault> = fc.oneof(
  fc.constant({ kind: 'removed' as const }),
  fc.record({ kind: fc.constant('raw' as const), bytes: fc.uint8Array({ maxLength: 8 }) }),
  { arbitrary: fc.record({ kind: fc.constant('mutate' as const), mutations }), weight: 3 },
  fc.record({
    kind: fc.constant('sw' as const),
    sw: fc.oneof(
      fc.constantFrom(0x6282, 0x6300, 0x63c0, 0x63c1, 0x63c2, 0x63cf, 0x6700, 0x6982, 0x6983, 0x6984, 0x6986, 0x6a82, 0x6a86, 0x6b00, 0x6c00, 0x6c10, 0x6d00, 0x6e00, 0x9000),
      fc.integer({ min: 0, max: 0xffff }),
    ),
  }),
);

const damagedCard = fc.record({
  items,
  myNumber: myNumberDigits,
  longAddress: fc.boolean(),
  probe: fc.constantFrom('63C3', '63C3', '63C3', '63C2', '63C2', '63CA', '63C1', '63C0', '6983', '9000'),
  // Mostly faithful answers, so the damage lands on every step, the later ones included.
  faults: fc.array(fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, { arbitrary: fault, weight: 1 }), { maxLength: 12 }),
});

type DamagedCardSpec = { items: BasicInfoItems; myNumber: string; longAddress: boolean; probe: string; faults: (Fault | null)[] };

function buildCard(c: DamagedCardSpec) {
  // Over 256 bytes: the session needs a second READ BINARY at an offset.
  const address = c.longAddress ? c.items.address + '千葉県香取市佐原イ１２３４番地　方書'.repeat(6) : c.items.address;
  return new DamagedCard({ ef0002: basicInfoEf({ ...c.items, address }, { padding: 16 }), ef0001: myNumberEf(c.myNumber) }, c.probe, c.faults);
}

/** The safety rules that hold whatever the card answers. */
function checkSafety(card: DamagedCard, outcome: unknown, secret: string) {
  if (outcome !== undefined && !(outcome instanceof CardError)) throw outcome;
  // A message may name a status word, which is 4 hex digits like any secret; the secret itself never shows.
  if (outcome instanceof CardError) expect(outcome.message.replace(outcome.sw ?? '', '')).not.toContain(secret);
  const verifies = card.headers.map((h, i) => [h, i] as const).filter(([h]) => h.startsWith('00200080') && h !== '00200080+0');
  expect(verifies.length).toBeLessThanOrEqual(1); // the secret is never retried
  for (const [, i] of verifies) expect(card.sent[i]!.every((b) => b === 0)).toBe(true);
  expect(card.sent.length).toBeLessThanOrEqual(MAX_EXCHANGES);
  return verifies;
}

async function outcomeOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => undefined, (e: unknown) => e);
}

describe('fuzz: the session over a damaged card', () => {
  it(
    'readResident returns or throws CardError, sends the PIN at most once and never at 1 try without the clerk',
    async () => {
      await fc.assert(
        fc.asyncProperty(damagedCard, fc.boolean(), fc.boolean(), async (c, withMyNumber, allowLastTry) => {
          const card = buildCard(c);
          const outcome = await outcomeOf(readResident(card, { pin: PIN, withMyNumber, allowLastTry }));
          const verifies = checkSafety(card, outcome, PIN);
          if (verifies.length && !allowLastTry) {
            // The PIN goes out without the clerk only after the probe said 63 Cx with x ≥ 2.
            const probe = card.answers[card.headers.indexOf('00200080+0')]!;
            const sw = (probe[probe.length - 2]! << 8) | probe[probe.length - 1]!;
            expect((sw & 0xfff0) === 0x63c0 && (sw & 0xf) >= 2).toBe(true);
          }
        }),
        { seed: SEED + 5, numRuns: 2500 },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'readWithCheckCodeB, pinTriesLeft and identifyCard return or throw CardError',
    async () => {
      const code = { birth: '800401', expiryYear: '2034', securityCode: '5173' };
      await fc.assert(
        fc.asyncProperty(damagedCard, fc.constantFrom('checkCodeB', 'tries', 'identify'), async (c, which) => {
          const card = buildCard(c);
          const run = which === 'checkCodeB' ? readWithCheckCodeB(card, code) : which === 'tries' ? pinTriesLeft(card) : identifyCard(card);
          checkSafety(card, await outcomeOf(run), code.securityCode);
        }),
        { seed: SEED + 6, numRuns: 1500 },
      );
    },
    TIMEOUT_MS,
  );
});

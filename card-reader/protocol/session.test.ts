import { describe, expect, it } from 'vitest';
import { CardError, type CardErrorCode } from '../errors';
import { hex } from './constants';
import { identifyCard, pinTriesLeft, readResident, readWithCheckCodeB, type CheckCodeB } from './session';
import { ScriptedChannel, ScriptMismatch, cardRemovedByTransport, type ScriptedExchange } from './testing/scripted-channel';
import {
  COMMAND,
  TARO,
  TARO_MY_NUMBER,
  answer,
  basicInfoEf,
  myNumberEf,
  residentScript,
  verifyCommand,
} from './testing/recorded-card';

// Test-only PIN and 照合番号B; they must never show up in an error.
const PIN = '4821';
const CODE_B: CheckCodeB = { birth: '800401', expiryYear: '2034', securityCode: '5173' };
const CODE_B_ASCII = '80040120345173';

const isZeroed = (b: Uint8Array) => b.every((x) => x === 0);
/** Whether any VERIFY carrying data was sent (judged by the header recorded at send time). */
const sentVerifyWithData = (card: ScriptedChannel) => card.sentHeaders.some((h) => h.startsWith('00 20 00 80') && h !== '00 20 00 80 +0');

/** Runs `action`, expects a CardError with `code`, and checks the secret appears nowhere in it. */
async function expectCardError(action: Promise<unknown>, code: CardErrorCode, secret = PIN): Promise<CardError> {
  const e = await action.then(
    () => {
      throw new Error(`expected CardError ${code}, got a value`);
    },
    (err: unknown) => err,
  );
  if (!(e instanceof CardError)) throw e;
  expect(e.code).toBe(code);
  for (const text of [e.message, String(e), JSON.stringify(e), e.step ?? '', e.stack ?? '']) expect(text).not.toContain(secret);
  return e;
}

/** The first `n` exchanges of the scripted happy path, then `rest`. */
const scriptUpTo = (n: number, rest: ScriptedExchange[] = []) => [...residentScript({ pin: PIN }).slice(0, n), ...rest];

describe('readResident', () => {
  it('reads the 4 items in exactly 6 exchanges', async () => {
    const card = new ScriptedChannel(residentScript({ pin: PIN }));
    const read = await readResident(card, { pin: PIN, withMyNumber: false });
    card.assertDone();
    expect(read.apduCount).toBe(6);
    expect(read.triesLeftBefore).toBe(3);
    expect(read.myNumber).toBeUndefined();
    expect(read.resident.reveal()).toEqual({ name: TARO.name, address: TARO.address, birthDate: '1980-04-01', sex: '1' });
  });

  it('reads the My Number too in exactly 8 exchanges, only when asked', async () => {
    const card = new ScriptedChannel(residentScript({ pin: PIN, myNumber: myNumberEf(TARO_MY_NUMBER) }));
    const read = await readResident(card, { pin: PIN, withMyNumber: true });
    card.assertDone();
    expect(read.apduCount).toBe(8);
    expect(read.myNumber?.reveal()).toBe(TARO_MY_NUMBER);
  });

  it('accepts the PIN as bytes and leaves the caller’s buffer as it was', async () => {
    const pinBytes = new TextEncoder().encode(PIN);
    const card = new ScriptedChannel(residentScript({ pin: PIN }));
    await readResident(card, { pin: pinBytes, withMyNumber: false });
    expect(new TextDecoder().decode(pinBytes)).toBe(PIN);
  });

  it('zero-fills the buffer that carried the PIN right after the exchange', async () => {
    const card = new ScriptedChannel(residentScript({ pin: PIN }));
    await readResident(card, { pin: PIN, withMyNumber: false });
    expect(card.sentHeaders[3]).toBe('00 20 00 80 +5');
    expect(card.sentBuffers[3]).toHaveLength(9);
    expect(isZeroed(card.sentBuffers[3]!)).toBe(true);
  });

  it('reports a wrong PIN with the decremented count and zero-fills the PIN buffer', async () => {
    const card = new ScriptedChannel(scriptUpTo(3, [{ command: verifyCommand(PIN), response: '63 C2' }]));
    const e = await expectCardError(readResident(card, { pin: PIN, withMyNumber: false }), 'WrongPin');
    expect(e.triesLeft).toBe(2);
    card.assertDone();
    expect(isZeroed(card.sentBuffers[3]!)).toBe(true);
  });

  it('zero-fills the PIN buffer when the card leaves during VERIFY', async () => {
    const card = new ScriptedChannel(scriptUpTo(3, [{ command: verifyCommand(PIN), response: cardRemovedByTransport() }]));
    await expectCardError(readResident(card, { pin: PIN, withMyNumber: false }), 'CardRemoved');
    expect(isZeroed(card.sentBuffers[3]!)).toBe(true);
  });

  it('reports the card blocked when the PIN just used the last try', async () => {
    const card = new ScriptedChannel(scriptUpTo(2, [
      { command: COMMAND.verifyProbe, response: '63 C1' },
      { command: verifyCommand(PIN), response: '63 C0' },
    ]));
    const e = await expectCardError(readResident(card, { pin: PIN, withMyNumber: false, allowLastTry: true }), 'PinBlocked');
    expect(e.triesLeft).toBe(0);
  });

  it('does not send the PIN at one try left without the clerk’s override', async () => {
    // The script ends after the probe: a VERIFY with data would be a ScriptMismatch, not a PinGuard.
    const card = new ScriptedChannel(scriptUpTo(2, [{ command: COMMAND.verifyProbe, response: '63 C1' }]));
    const e = await expectCardError(readResident(card, { pin: PIN, withMyNumber: false }), 'PinGuard');
    expect(e.triesLeft).toBe(1);
    card.assertDone();
    expect(sentVerifyWithData(card)).toBe(false);
  });

  it('sends the PIN at one try left when the clerk allows the last try', async () => {
    const card = new ScriptedChannel(residentScript({ pin: PIN, triesLeft: 1 }));
    const read = await readResident(card, { pin: PIN, withMyNumber: false, allowLastTry: true });
    expect(read.triesLeftBefore).toBe(1);
    card.assertDone();
  });

  it('does not send the PIN when the card will not tell the count (probe 90 00) unless the clerk allows it', async () => {
    const guarded = new ScriptedChannel(scriptUpTo(2, [{ command: COMMAND.verifyProbe, response: '90 00' }]));
    const e = await expectCardError(readResident(guarded, { pin: PIN, withMyNumber: false }), 'PinGuard');
    expect(e.triesLeft).toBeUndefined();
    guarded.assertDone();

    const script = residentScript({ pin: PIN });
    script[2] = { command: COMMAND.verifyProbe, response: '90 00' };
    const allowed = new ScriptedChannel(script);
    const read = await readResident(allowed, { pin: PIN, withMyNumber: false, allowLastTry: true });
    expect(read.triesLeftBefore).toBeNull();
    allowed.assertDone();
  });

  it.each(['63 C0', '69 83', '69 84'])('refuses a blocked card (probe %s) without sending the PIN', async (sw) => {
    const card = new ScriptedChannel(scriptUpTo(2, [{ command: COMMAND.verifyProbe, response: sw }]));
    const e = await expectCardError(readResident(card, { pin: PIN, withMyNumber: false, allowLastTry: true }), 'PinBlocked');
    expect(e.triesLeft).toBe(0);
    card.assertDone();
  });

  it.each<[string, string | Uint8Array]>([
    ['3 digits', '482'],
    ['5 digits', '48210'],
    ['a letter', '48a1'],
    ['full-width digits', '４８２１'],
    ['an empty string', ''],
    ['bytes that are not digits', Uint8Array.of(0x34, 0x38, 0x32, 0x00)],
    ['3 bytes', Uint8Array.of(0x34, 0x38, 0x32)],
  ])('refuses a PIN of %s before sending anything', async (_what, pin) => {
    const card = new ScriptedChannel([]);
    await expectCardError(readResident(card, { pin, withMyNumber: false }), 'InvalidPinFormat');
    expect(card.sentBuffers).toHaveLength(0);
  });

  it.each(['6A 82', '6E 00', '6D 00', '69 99'])('reports NotMyNumberCard when the AP is refused with %s', async (sw) => {
    const card = new ScriptedChannel([{ command: COMMAND.selectAp, response: sw }]);
    const e = await expectCardError(readResident(card, { pin: PIN, withMyNumber: false }), 'NotMyNumberCard');
    expect(e.sw).toBe(sw.replace(' ', ''));
  });

  it.each([
    ['an empty response', ''],
    ['one byte', '90'],
  ])('reports the card removed mid-read on %s', async (_what, response) => {
    const card = new ScriptedChannel(scriptUpTo(5, [{ command: COMMAND.readBinary256, response }]));
    const e = await expectCardError(readResident(card, { pin: PIN, withMyNumber: false }), 'CardRemoved');
    expect(e.step).toContain('READ BINARY EF 0002');
  });

  it('passes on the transport’s CardRemoved', async () => {
    const card = new ScriptedChannel(scriptUpTo(5, [{ command: COMMAND.readBinary256, response: cardRemovedByTransport() }]));
    await expectCardError(readResident(card, { pin: PIN, withMyNumber: false }), 'CardRemoved');
  });

  it('resends READ BINARY once with the Le the card asks for (6C xx)', async () => {
    const ef = basicInfoEf(TARO);
    const le = ef.length.toString(16).padStart(2, '0');
    const card = new ScriptedChannel(scriptUpTo(5, [
      { command: COMMAND.readBinary256, response: `6C ${le}` },
      { command: `00 B0 00 00 ${le}`, response: answer(ef) },
    ]));
    const read = await readResident(card, { pin: PIN, withMyNumber: false });
    expect(read.apduCount).toBe(7);
    expect(read.resident.reveal().name).toBe(TARO.name);
    card.assertDone();
  });

  it('gives up with WrongLength when the card asks for another Le again', async () => {
    const card = new ScriptedChannel(scriptUpTo(5, [
      { command: COMMAND.readBinary256, response: '6C 40' },
      { command: '00 B0 00 00 40', response: '6C 20' },
    ]));
    await expectCardError(readResident(card, { pin: PIN, withMyNumber: false }), 'WrongLength');
    card.assertDone();
  });

  it('accepts 62 82 (end of file before Le) as success', async () => {
    const card = new ScriptedChannel(scriptUpTo(5, [{ command: COMMAND.readBinary256, response: answer(basicInfoEf(TARO), '62 82') }]));
    const read = await readResident(card, { pin: PIN, withMyNumber: false });
    expect(read.resident.reveal().address).toBe(TARO.address);
  });

  it('reads an EF 0002 longer than 256 bytes with further READ BINARYs at offsets, exactly', async () => {
    const address = '千葉県香取市佐原イ１２３４番地の５６　香取グリーンハイツ𠮷野棟'.repeat(7) + '１０２号室';
    const ef = basicInfoEf({ ...TARO, address }, { padding: 64 });
    expect(ef.length).toBeGreaterThan(512 + 64);
    const total = ef.length - 64;
    const card = new ScriptedChannel(scriptUpTo(5, [
      { command: COMMAND.readBinary256, response: answer(ef.subarray(0, 256)) },
      { command: '00 B0 01 00 00', response: answer(ef.subarray(256, 512)) },
      { command: `00 B0 02 00 ${(total - 512).toString(16).padStart(2, '0')}`, response: answer(ef.subarray(512, total)) },
    ]));
    const read = await readResident(card, { pin: PIN, withMyNumber: false });
    card.assertDone();
    expect(read.apduCount).toBe(8);
    expect(Array.from(read.resident.reveal().address, (c) => c.codePointAt(0))).toEqual(Array.from(address, (c) => c.codePointAt(0)));
  });

  it('reports MalformedData when the file ends before its TLV does', async () => {
    const ef = basicInfoEf({ ...TARO, address: '香取'.repeat(40) });
    const rest = ef.length - 256;
    expect(rest).toBeGreaterThan(0);
    expect(rest).toBeLessThan(256);
    const card = new ScriptedChannel(scriptUpTo(5, [
      { command: COMMAND.readBinary256, response: answer(ef.subarray(0, 256)) },
      { command: `00 B0 01 00 ${rest.toString(16).padStart(2, '0')}`, response: answer(ef.subarray(256, ef.length - 1)) },
    ]));
    await expectCardError(readResident(card, { pin: PIN, withMyNumber: false }), 'MalformedData');
  });

  it.each<[string, number, ScriptedExchange, CardErrorCode]>([
    ['SELECT EF 0011 absent', 1, { command: COMMAND.selectPin, response: '6A 82' }, 'FileNotFound'],
    ['SELECT EF 0002 absent', 4, { command: COMMAND.selectBasicInfo, response: '6A 82' }, 'FileNotFound'],
    ['READ BINARY before VERIFY', 5, { command: COMMAND.readBinary256, response: '69 82' }, 'SecurityStatusNotSatisfied'],
    ['READ BINARY with no current EF', 5, { command: COMMAND.readBinary256, response: '69 86' }, 'CommandNotAllowed'],
    ['READ BINARY beyond the file', 5, { command: COMMAND.readBinary256, response: '6B 00' }, 'WrongParameters'],
    ['an unknown status word', 5, { command: COMMAND.readBinary256, response: '6F 00' }, 'UnexpectedStatus'],
  ])('maps %s to %s', async (_what, at, exchange, code) => {
    const card = new ScriptedChannel(scriptUpTo(at, [exchange]));
    await expectCardError(readResident(card, { pin: PIN, withMyNumber: false }), code);
  });

  it('rejects a My Number with a wrong check digit as InvalidMyNumber', async () => {
    const card = new ScriptedChannel(residentScript({ pin: PIN, myNumber: myNumberEf('123456789017') }));
    const e = await expectCardError(readResident(card, { pin: PIN, withMyNumber: true }), 'InvalidMyNumber');
    expect(e.message).not.toContain('123456789017');
  });

  it('fails the test itself if the session sends a command the script does not expect', async () => {
    const card = new ScriptedChannel([{ command: COMMAND.selectPin, response: '90 00' }]);
    await expect(readResident(card, { pin: PIN, withMyNumber: false })).rejects.toBeInstanceOf(ScriptMismatch);
  });
});

describe('pinTriesLeft', () => {
  const probe = (response: string) => new ScriptedChannel(scriptUpTo(2, [{ command: COMMAND.verifyProbe, response }]));

  it.each([
    ['63 C3', 3],
    ['63 C1', 1],
    ['63 C0', 0],
    ['69 83', 0],
    ['69 84', 0],
    ['90 00', null],
  ])('reads %s as %s tries left in 3 exchanges, spending none', async (sw, triesLeft) => {
    const card = probe(sw);
    expect(await pinTriesLeft(card)).toEqual({ triesLeft, apduCount: 3 });
    card.assertDone();
    expect(sentVerifyWithData(card)).toBe(false);
  });

  it('maps other probe answers to their errors', async () => {
    await expectCardError(pinTriesLeft(probe('6A 86')), 'WrongParameters');
    await expectCardError(pinTriesLeft(probe('6D 00')), 'NotMyNumberCard');
  });
});

describe('identifyCard', () => {
  it('answers true when the card info input AP is selected', async () => {
    const card = new ScriptedChannel([{ command: COMMAND.selectAp, response: '90 00' }]);
    expect(await identifyCard(card)).toBe(true);
    card.assertDone();
  });

  it.each(['6A 82', '6A 81', '6E 00'])('reports NotMyNumberCard on %s', async (sw) => {
    await expectCardError(identifyCard(new ScriptedChannel([{ command: COMMAND.selectAp, response: sw }])), 'NotMyNumberCard');
  });
});

describe('readWithCheckCodeB', () => {
  const happy = (verifyResponse = '90 00'): ScriptedExchange[] => [
    { command: COMMAND.selectAp, response: '90 00' },
    { command: COMMAND.selectCheckCodeB, response: '90 00' },
    { command: COMMAND.verifyProbe, response: '63 CA' },
    { command: verifyCommand(CODE_B_ASCII), response: verifyResponse },
    { command: COMMAND.selectBasicInfo, response: '90 00' },
    { command: COMMAND.readBinary256, response: answer(basicInfoEf(TARO)) },
  ];

  it('reads the 4 items with birth + expiry year + security code as 14 ASCII bytes, then zeroes them', async () => {
    const card = new ScriptedChannel(happy());
    const read = await readWithCheckCodeB(card, CODE_B);
    card.assertDone();
    expect(read).toMatchObject({ triesLeftBefore: 10, apduCount: 6 });
    expect(read.resident.reveal().birthDate).toBe('1980-04-01');
    expect(isZeroed(card.sentBuffers[3]!)).toBe(true);
  });

  it('reports a wrong code with the tries left, zeroing the buffer', async () => {
    const card = new ScriptedChannel(happy('63 C9').slice(0, 4));
    const e = await expectCardError(readWithCheckCodeB(card, CODE_B), 'WrongCheckCodeB', CODE_B.securityCode);
    expect(e.triesLeft).toBe(9);
    expect(isZeroed(card.sentBuffers[3]!)).toBe(true);
  });

  it.each(['63 C0', '69 83', '69 84'])('refuses a blocked 照合番号B (probe %s) without sending it', async (sw) => {
    const script = happy().slice(0, 3);
    script[2] = { command: COMMAND.verifyProbe, response: sw };
    const card = new ScriptedChannel(script);
    await expectCardError(readWithCheckCodeB(card, CODE_B), 'CheckCodeBBlocked', CODE_B.securityCode);
    card.assertDone();
  });

  it('accepts 29 February in a year that is leap in 19YY or 20YY', async () => {
    const code = { ...CODE_B, birth: '000229' };
    const script = happy();
    script[3] = { command: verifyCommand('00022920345173'), response: '90 00' };
    await readWithCheckCodeB(new ScriptedChannel(script), code);
  });

  it.each<[string, Partial<CheckCodeB>]>([
    ['a birth date of 5 digits', { birth: '80040' }],
    ['month 13', { birth: '801301' }],
    ['day 0', { birth: '800400' }],
    ['31 April', { birth: '800431' }],
    ['29 February in a common year', { birth: '010229' }],
    ['a 2-digit expiry year', { expiryYear: '34' }],
    ['a 3-digit security code', { securityCode: '517' }],
    ['a letter in the security code', { securityCode: '51A3' }],
    ['full-width digits', { securityCode: '５１７３' }],
  ])('refuses %s before sending anything', async (_what, change) => {
    const card = new ScriptedChannel([]);
    await expectCardError(readWithCheckCodeB(card, { ...CODE_B, ...change }), 'InvalidCheckCodeB', CODE_B.securityCode);
    expect(card.sentBuffers).toHaveLength(0);
  });
});

describe('ScriptedChannel', () => {
  it('never prints the data of a VERIFY in a mismatch', async () => {
    const card = new ScriptedChannel([{ command: COMMAND.verifyProbe, response: '90 00' }]);
    const e = await card.transmit(hex('00 20 00 80 04 34 38 32 31')).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ScriptMismatch);
    expect((e as Error).message).not.toContain('34 38 32 31');
  });
});

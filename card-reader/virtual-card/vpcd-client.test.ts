// The vpcd client against a scripted driver on loopback TCP: the real pcscd never splits or coalesces frames on
// demand, so the stream handling is pinned down here; card-reader/test/virtual-card.test.ts runs the real stack.

import { afterEach, describe, expect, it } from 'vitest';
import { AID, EF, MY_NUMBER_CARD_ATR } from '../protocol/constants';
import { VirtualMyNumberCard } from './card-model';
import { loadResidentFixture, residentFixturePath } from './resident-fixture';
import { ScriptedDriver } from './testing/scripted-vpcd-driver';
import { VpcdCardClient, VpcdFrameReader, vpcdFrame, type VpcdEvent } from './vpcd-client';

const bytes = (h: string) => Uint8Array.from(h.trim().split(/\s+/).map((b) => parseInt(b, 16)));
const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');
const selectAp = Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x0a, ...AID.cardInfoInputAp);
const selectPin = Uint8Array.of(0x00, 0xa4, 0x02, 0x0c, 0x02, EF.pin >> 8, EF.pin & 0xff);
const verifyPin = (pin: string) => Uint8Array.of(0x00, 0x20, 0x00, 0x80, 4, ...new TextEncoder().encode(pin));

describe('VpcdFrameReader', () => {
  it('reassembles a frame delivered one byte at a time', () => {
    const reader = new VpcdFrameReader();
    const wire = vpcdFrame(selectAp);
    const frames: Uint8Array[] = [];
    for (const b of wire) frames.push(...reader.push(Uint8Array.of(b)));
    expect(frames.map(hexOf)).toEqual([hexOf(selectAp)]);
    expect(reader.pendingBytes).toBe(0);
  });

  it('splits coalesced frames and keeps a trailing partial one for later', () => {
    const reader = new VpcdFrameReader();
    const wire = Buffer.concat([vpcdFrame(Uint8Array.of(4)), vpcdFrame(selectAp), vpcdFrame(selectPin)]);
    const first = reader.push(wire.subarray(0, wire.length - 3));
    expect(first.map(hexOf)).toEqual(['04', hexOf(selectAp)]);
    expect(reader.pendingBytes).toBe(2 + selectPin.length - 3);
    expect(reader.push(wire.subarray(wire.length - 3)).map(hexOf)).toEqual([hexOf(selectPin)]);
  });

  it('frames with a 2-byte big-endian length, up to 65,535 bytes', () => {
    expect(hexOf(vpcdFrame(new Uint8Array(0x1234)).subarray(0, 2))).toBe('12 34');
    expect(() => vpcdFrame(new Uint8Array(0x10000))).toThrow(RangeError);
  });
});

describe('VpcdCardClient against a scripted driver', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(options: { delayMs?: number } = {}) {
    const driver = new ScriptedDriver();
    const port = await driver.listen();
    const card = new VirtualMyNumberCard(loadResidentFixture(residentFixturePath('demo')));
    const events: VpcdEvent[] = [];
    const client = new VpcdCardClient(card, { port, delayMs: options.delayMs, onEvent: (e) => events.push(e) });
    cleanups.push(() => driver.close(), () => client.close());
    await client.insert();
    await driver.until(() => driver.connections.length === 1);
    return { driver, card, client, events, port };
  }

  it('answers the ATR request and ignores power on (no reply)', async () => {
    const { driver } = await setup();
    const answers = await driver.exchange(Buffer.concat([vpcdFrame(Uint8Array.of(1)), vpcdFrame(Uint8Array.of(4))]), 1);
    expect(answers.map(hexOf)).toEqual([hexOf(MY_NUMBER_CARD_ATR)]);
  });

  it('answers an APDU whose length and payload arrive in separate writes, as the real driver sends them', async () => {
    const { driver } = await setup();
    const wire = vpcdFrame(selectAp);
    driver.socket.write(wire.subarray(0, 2));
    const [answer] = await driver.exchange(wire.subarray(2), 1);
    expect(hexOf(answer!)).toBe('90 00');
  });

  it('answers coalesced APDUs in order, even with a per-APDU delay', async () => {
    const { driver } = await setup({ delayMs: 5 });
    const apdus = [selectAp, selectPin, bytes('00 20 00 80'), bytes('00 A4 02 0C 02 00 02'), bytes('00 B0 00 00 00')];
    const answers = await driver.exchange(Buffer.concat(apdus.map(vpcdFrame)), apdus.length);
    expect(answers.map(hexOf)).toEqual(['90 00', '90 00', '63 C3', '90 00', '69 82']);
  });

  it('power off from the driver drops the selected application', async () => {
    const { driver } = await setup();
    expect(await driver.transmit(selectAp)).toBe('90 00');
    driver.socket.write(Buffer.concat([vpcdFrame(Uint8Array.of(0)), vpcdFrame(Uint8Array.of(1))]));
    expect(await driver.transmit(selectPin)).toBe('69 86');
  });

  it('drops the connection instead of answering a matching APDU, and the card keeps its counter for re-insertion', async () => {
    const { driver, client, card, events } = await setup();
    await driver.transmit(selectAp);
    await driver.transmit(selectPin);
    expect(await driver.transmit(verifyPin('0000'))).toBe('63 C2');
    client.removeOnNextApdu((apdu) => apdu[1] === 0x20);
    expect(await driver.transmit(selectPin)).toBe('90 00');
    expect(await driver.transmit(verifyPin('1234'))).toBe('(none)');
    await driver.until(() => !client.inserted);
    expect(events.filter((e) => e.type === 'removed')).toEqual([{ type: 'removed', by: 'us' }]);
    expect(card.triesLeft('pin')).toBe(2);

    await client.insert();
    await driver.until(() => driver.connections.length === 2);
    // Off the reader the card lost power; pcscd powers it on at insertion, and so do we here.
    expect(await driver.transmit(selectAp)).toBe('');
    driver.socket.write(vpcdFrame(Uint8Array.of(1)));
    expect(await driver.transmit(selectAp)).toBe('90 00');
    await driver.transmit(selectPin);
    expect(await driver.transmit(bytes('00 20 00 80'))).toBe('63 C2');
  });

  it('remove() closes the connection: the driver sees the card leave', async () => {
    const { driver, client } = await setup();
    const first = driver.socket;
    await client.remove();
    await driver.until(() => first.readableEnded || first.destroyed);
    expect(client.inserted).toBe(false);
  });

  it('reports APDUs by instruction and status word only, never their data', async () => {
    const { driver, events } = await setup();
    await driver.transmit(selectAp);
    await driver.transmit(selectPin);
    await driver.transmit(verifyPin('1234'));
    expect(events.filter((e) => e.type === 'apdu')).toEqual([
      { type: 'apdu', ins: 0xa4, sw: 0x9000 },
      { type: 'apdu', ins: 0xa4, sw: 0x9000 },
      { type: 'apdu', ins: 0x20, sw: 0x9000 },
    ]);
    expect(JSON.stringify(events)).not.toContain('1234');
  });

  it('keeps retrying until the driver listens', async () => {
    const probe = new ScriptedDriver();
    const port = await probe.listen();
    await probe.close(); // a port that was free a moment ago and is now refusing
    const card = new VirtualMyNumberCard(loadResidentFixture(residentFixturePath('demo')));
    const client = new VpcdCardClient(card, { port, retryIntervalMs: 20 });
    cleanups.push(() => client.close());
    const inserted = client.insert();
    const events: string[] = [];
    void inserted.then(() => events.push('inserted'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual([]);
    const driver = new ScriptedDriver();
    cleanups.push(() => driver.close());
    await driver.listen(port);
    await inserted;
    await driver.until(() => driver.connections.length === 1);
    expect(await driver.transmit(Uint8Array.of(4))).toBe(hexOf(MY_NUMBER_CARD_ATR));
  });

  it('reconnects when the driver drops it (pcscd restarted) while the card is meant to be on the reader', async () => {
    const { driver, client } = await setup();
    driver.socket.destroy();
    await driver.until(() => driver.connections.length === 2);
    expect(await driver.transmit(Uint8Array.of(4))).toBe(hexOf(MY_NUMBER_CARD_ATR));
    expect(client.inserted).toBe(true);
  });

  it('stops retrying when removed before the driver listens', async () => {
    const probe = new ScriptedDriver();
    const port = await probe.listen();
    await probe.close();
    const client = new VpcdCardClient(new VirtualMyNumberCard(loadResidentFixture(residentFixturePath('demo'))), {
      port,
      retryIntervalMs: 20,
    });
    const inserted = client.insert();
    await client.remove();
    await inserted;
    expect(client.inserted).toBe(false);
  });
});

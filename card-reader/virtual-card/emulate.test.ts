import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MY_NUMBER_CARD_ATR } from '../protocol/constants';
import { runEmulator, type RunningEmulator } from './emulate';
import { CARDS_DIR, FixtureError, residentFixturePath } from './resident-fixture';
import { ScriptedDriver } from './testing/scripted-vpcd-driver';

const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');

describe('runEmulator', () => {
  const running: (RunningEmulator | ScriptedDriver)[] = [];
  afterEach(async () => {
    for (const r of running.splice(0).reverse()) await (r instanceof ScriptedDriver ? r.close() : r.stop());
  });

  it('puts a resident card on the reader at the given port and takes it off on stop', async () => {
    const driver = new ScriptedDriver();
    running.push(driver);
    const port = await driver.listen();
    const emulator = runEmulator({ residentFile: residentFixturePath('demo'), port, delayMs: 1 });
    running.push(emulator);
    await emulator.inserted;
    await driver.until(() => driver.connections.length === 1);
    expect(await driver.transmit(Uint8Array.of(4))).toBe(hexOf(MY_NUMBER_CARD_ATR));
    expect(emulator.fixture.kind).toBe('resident');
    await emulator.stop();
    await driver.until(() => driver.socket.readableEnded || driver.socket.destroyed);
    expect(emulator.client.inserted).toBe(false);
  });

  it('emulates a card that is not a My Number Card from fixtures/cards', async () => {
    const driver = new ScriptedDriver();
    running.push(driver);
    const port = await driver.listen();
    const emulator = runEmulator({ residentFile: join(CARDS_DIR, 'not-my-number-card.json'), port });
    running.push(emulator);
    await emulator.inserted;
    await driver.until(() => driver.connections.length === 1);
    expect(await driver.transmit(Uint8Array.of(4))).toBe('3B 8F 80 01 80 4F 0C A0 00 00 03 06 11 00 3B 00 00 00 00 42');
  });

  it('refuses a missing fixture with a FixtureError before connecting', () => {
    expect(() => runEmulator({ residentFile: residentFixturePath('nobody'), port: 1 })).toThrow(FixtureError);
  });
});

// PcscReaderService against the real stack: pcscd → vpcd driver → TCP → a virtual card. This file kills and
// restarts pcscd, so it starts a private rig of its own rather than sharing the run's (rig-global-setup.ts).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { isCardError } from '../errors';
import { MY_NUMBER_CARD_ATR } from '../protocol/constants';
import { startRig } from '../rig/rig';
import type { Rig } from '../rig/rig';
import { PcscReaderService } from '../transport/pcsc';
import type { PcscEvents } from '../transport/pcsc';
import type { VirtualCard } from '../virtual-card/card-model';
import { VpcdCardClient } from '../virtual-card/vpcd-client';

/** A card that echoes the data of any APDU, and answers `00 B0 HI LO` with HI·LO bytes: transport tests only. */
class EchoCard implements VirtualCard {
  readonly atr = MY_NUMBER_CARD_ATR;
  handle(apdu: Uint8Array): Uint8Array {
    if (apdu[1] === 0xb0) {
      const length = ((apdu[2] ?? 0) << 8) | (apdu[3] ?? 0);
      return Uint8Array.from({ length: length + 2 }, (_, i) => (i < length ? i & 0xff : i === length ? 0x90 : 0x00));
    }
    const data = apdu.length > 5 ? apdu.subarray(5, 5 + (apdu[4] ?? 0)) : new Uint8Array();
    return Uint8Array.from([...data, 0x90, 0x00]);
  }
  powerOn(): void {}
  powerOff(): void {}
  reset(): void {}
}

const echo = (data: number[]) => Uint8Array.from([0x00, 0xca, 0x00, 0x00, data.length, ...data]);

let rig: Rig;
let service: PcscReaderService;
let card: VpcdCardClient;
const events: { type: keyof PcscEvents; reader?: string }[] = [];

function nextEvent<K extends keyof PcscEvents>(type: K): Promise<PcscEvents[K]> {
  return new Promise((resolve) => service.once(type, ((...args: PcscEvents[K]) => resolve(args)) as never));
}

/** Takes the card off and waits until PC/SC reports the reader empty (pitfall 8). */
async function takeCardOff(): Promise<void> {
  if (!service.readers().some((r) => r.card === 'present')) return card.remove();
  const removed = nextEvent('card-removed');
  await card.remove();
  await removed;
}

async function putCardOn(): Promise<string> {
  await card.insert();
  return service.waitForCard({ timeoutMs: 5000 });
}

beforeAll(async () => {
  rig = await startRig({ private: true });
  service = new PcscReaderService({ socketPath: rig.socketPath });
  for (const type of ['pcscd-up', 'pcscd-down', 'reader-added', 'reader-removed', 'card-inserted', 'card-removed'] as const) {
    service.on(type, (...args: unknown[]) => events.push({ type, ...(typeof args[0] === 'string' ? { reader: args[0] } : {}) }));
  }
  card = new VpcdCardClient(new EchoCard(), { port: rig.cardPort, retryIntervalMs: 20 });
});

afterEach(async () => {
  await takeCardOff();
});

afterAll(async () => {
  await card?.close();
  await service?.close();
  await rig?.stop();
});

describe('the rig', () => {
  it('runs pcscd with the TCP_NODELAY shim loaded', () => {
    const maps = readFileSync(`/proc/${rig.pcscdPid}/maps`, 'utf8');
    expect(maps).toMatch(/nodelay-[0-9a-f]+\.so/);
  });

  it('offers the run-wide rig to tests through inject()', () => {
    const shared = inject('rig');
    expect(shared.readers.map((r) => r.name)).toEqual(['Virtual PCD 00 00', 'Virtual PCD 00 01']);
    expect(shared.cardPort).not.toBe(rig.cardPort);
  });
});

describe('PcscReaderService', () => {
  it('lists both readers of the vpcd driver, each without a card', async () => {
    await service.waitForReader({ timeoutMs: 5000, reader: rig.readers[1].name });
    await service.waitForReader({ timeoutMs: 5000, reader: rig.readers[0].name });
    expect(service.pcscdAvailable).toBe(true);
    expect(service.readers().map((r) => [r.name, r.card]).sort()).toEqual([
      ['Virtual PCD 00 00', 'empty'],
      ['Virtual PCD 00 01', 'empty'],
    ]);
  });

  it('announces a card placed with its ATR, and its removal', async () => {
    const inserted = nextEvent('card-inserted');
    await card.insert();
    const [reader, atr] = await inserted;
    expect(reader).toBe(rig.readers[0].name);
    expect(atr).toEqual(MY_NUMBER_CARD_ATR);
    expect(service.readers().find((r) => r.name === reader)?.card).toBe('present');

    const removed = nextEvent('card-removed');
    await card.remove();
    expect(await removed).toEqual([reader]);
    expect(service.readers().find((r) => r.name === reader)?.card).toBe('empty');
  });

  it('round-trips APDUs with the card, a 4 KiB response included, and picks the reader that holds it', async () => {
    await putCardOn();
    const { atr, answer, large } = await service.withCard(async (channel) => ({
      atr: channel.atr,
      answer: await channel.transmit(echo([1, 2, 3])),
      large: await channel.transmit(Uint8Array.from([0x00, 0xb0, 0x10, 0x00, 0x00])),
    }));
    expect(atr).toEqual(MY_NUMBER_CARD_ATR);
    expect(answer).toEqual(Uint8Array.from([1, 2, 3, 0x90, 0x00]));
    expect(large.length).toBe(4096 + 2);
    expect(large.subarray(4096)).toEqual(Uint8Array.from([0x90, 0x00]));
  });

  it('says NoCard for an empty reader named by a unique part of its name, and NoReader for an unknown name', async () => {
    await expect(service.withCard('00 01', async () => 'unreachable')).rejects.toMatchObject({ code: 'NoCard' });
    await expect(service.withCard('PaSoRi', async () => 'unreachable')).rejects.toMatchObject({ code: 'NoReader' });
  });

  it('gives CardRemoved when the card leaves mid-exchange, and the next card works', async () => {
    await putCardOn();
    card.removeOnNextApdu();
    const failure = await service.withCard((channel) => channel.transmit(echo([7]))).catch((e: unknown) => e);
    expect(isCardError(failure, 'CardRemoved')).toBe(true);

    await takeCardOff();
    await putCardOn();
    expect(await service.withCard((channel) => channel.transmit(echo([8])))).toEqual(Uint8Array.from([8, 0x90, 0x00]));
  });

  it('runs exchanges on one reader one after the other', async () => {
    await putCardOn();
    const order: string[] = [];
    const exchange = (name: string) =>
      service.withCard(async (channel) => {
        order.push(`${name} start`);
        await channel.transmit(echo([1]));
        await new Promise((resolve) => setImmediate(resolve));
        await channel.transmit(echo([2]));
        order.push(`${name} end`);
      });
    await Promise.all([exchange('a'), exchange('b')]);
    expect(order).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('recovers from pcscd killed with -9 and started again, with the same service object', async () => {
    await putCardOn();
    const down = nextEvent('pcscd-down');
    await rig.killPcscd();
    await down;
    expect(service.pcscdAvailable).toBe(false);
    expect(service.readers()).toEqual([]);
    // The stale socket is still there: the service must not build pcsc() on it (that would block this event loop).
    await expect(service.withCard(async () => 'unreachable')).rejects.toMatchObject({ code: 'PcscUnavailable' });

    await rig.startPcscd();
    // The virtual card reconnects by itself once the driver listens again.
    await service.waitForCard({ timeoutMs: 10_000 });
    expect(service.pcscdAvailable).toBe(true);
    expect(await service.withCard((channel) => channel.transmit(echo([9])))).toEqual(Uint8Array.from([9, 0x90, 0x00]));
    const kinds = events.map((e) => e.type);
    expect(kinds.lastIndexOf('pcscd-up')).toBeGreaterThan(kinds.lastIndexOf('pcscd-down'));
  });

  it('lets a process that used the card exit once close() is called', async () => {
    await putCardOn();
    const transportModule = fileURLToPath(new URL('../transport/pcsc.ts', import.meta.url));
    // The first close() runs straight from the card event's promise chain, inside the binding's status callback,
    // where a synchronous native close used to deadlock; the second follows a card exchange.
    const script = `
      import { PcscReaderService } from ${JSON.stringify(transportModule)};
      const watching = new PcscReaderService({ socketPath: process.env.PCSCLITE_CSOCK_NAME });
      await watching.waitForCard({ timeoutMs: 10000 });
      await watching.close();
      const service = new PcscReaderService({ socketPath: process.env.PCSCLITE_CSOCK_NAME });
      await service.waitForCard({ timeoutMs: 10000 });
      const response = await service.withCard((channel) => channel.transmit(Uint8Array.from([0, 0xca, 0, 0, 1, 5])));
      process.stdout.write(Buffer.from(response).toString('hex'));
      await service.close();
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, ...rig.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // A hang is the failure this test exists for: bound the wait, kill the child, and say so.
    const exitCode = await new Promise<number | string>((resolve) => {
      const watchdog = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('did not exit within 20 s after close()');
      }, 20_000);
      child.once('exit', (code) => {
        clearTimeout(watchdog);
        resolve(code ?? 'killed');
      });
    });
    expect({ exitCode, stdout, stderr: stderr.trim() }).toEqual({ exitCode: 0, stdout: '059000', stderr: '' });
  });
});

// A private pcscd + vpcd rig, the counter service on it, and virtual cards to put on its first reader. One per test
// file (libpcsclite binds a process to one pcscd socket); the rig tests run their files one at a time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRig, type Rig } from '../../../card-reader/rig/rig';
import { cardFromFixture } from '../../../card-reader/virtual-card/emulate';
import { CARDS_DIR, loadCardFixture, residentFixturePath } from '../../../card-reader/virtual-card/resident-fixture';
import { VpcdCardClient } from '../../../card-reader/virtual-card/vpcd-client';
import type { KioskEvent, ReaderState } from '../../contract/kiosk';
import { startCounterService, type CounterService, type CounterServiceOptions } from '../index';
import { addStaff } from '../staff/test/staff-fixture';

/** A paired desk as the clerk's requests name it: the clerk is in the rig's staff directory. */
export const TEST_DESK = { deskId: 'desk-a', clerk: 'clerk-a' } as const;

export interface KioskRig {
  rig: Rig;
  service: CounterService;
  /** The service's data folder, and apart from it the folder of the queue's key. */
  outputDir: string;
  keysDir: string;
  events: KioskEvent[];
  /** Puts a fixture card (fixtures/residents/<id>.json, or 'not-my-number-card') on the reader; resolves once PC/SC sees it. */
  insert(fixtureId: string, delayMs?: number): Promise<VpcdCardClient>;
  /** Takes the card off and waits until PC/SC sees the reader empty (pitfall 8 of docs/pcsc-rig.md). */
  remove(): Promise<void>;
  close(): Promise<void>;
}

export async function startKioskRig(options: CounterServiceOptions = {}): Promise<KioskRig> {
  const rig = await startRig();
  const root = mkdtempSync(join(tmpdir(), 'kakanai-kiosk-'));
  const outputDir = join(root, 'data');
  const keysDir = join(root, 'keys');
  const service = await startCounterService({
    reader: { socketPath: rig.socketPath, name: rig.readers[0].name },
    outputDir,
    keys: { dir: keysDir },
    watchTemplates: false,
    // Fixture residents are fictional: the demo's print folder is where a test reads a print back.
    demo: true,
    // A fixed visit day: 令和7年6月2日 in Japan.
    clock: () => new Date('2025-06-02T01:00:00Z'),
    ...options,
  });
  await addStaff(service.admin.staff.directory, TEST_DESK.clerk, 'clerk');
  const events: KioskEvent[] = [];
  service.onEvent((e) => events.push(e));
  let client: VpcdCardClient | undefined;

  const until = async (want: Partial<ReaderState>, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await service.request('reader.state', {});
      if (Object.entries(want).every(([k, v]) => state[k as keyof ReaderState] === v)) return;
      if (Date.now() > deadline) throw new Error(`reader state never became ${JSON.stringify(want)} (is ${JSON.stringify(state)})`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  await until({ service: true, reader: true });

  const kiosk: KioskRig = {
    rig,
    service,
    outputDir,
    keysDir,
    events,
    async insert(fixtureId, delayMs = 0) {
      if (client) await kiosk.remove();
      const file = fixtureId === 'not-my-number-card' ? join(CARDS_DIR, 'not-my-number-card.json') : residentFixturePath(fixtureId);
      client = new VpcdCardClient(cardFromFixture(loadCardFixture(file)), { port: rig.cardPort, delayMs });
      await client.insert();
      await until({ card: 'present' });
      return client;
    },
    async remove() {
      const c = client;
      client = undefined;
      await c?.close();
      await until({ card: 'empty' });
    },
    async close() {
      await client?.close();
      await service.close();
      await rig.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return kiosk;
}

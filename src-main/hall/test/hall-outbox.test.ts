import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFolderStore } from '../../counter/queue/key';
import { openClerkQueue, type ClerkQueue } from '../../counter/queue/store';
import { initHallDir } from '../init';
import { joinHall } from '../join';
import { HallOutbox } from '../outbox';
import { startHallServer, type HallServer } from '../server';
import { startPgCluster, type PgCluster } from './pg-cluster';

let cluster: PgCluster;
let dir: string;
let tls: { cert: string; key: string; ca: string };
let db: string;

beforeAll(async () => {
  cluster = await startPgCluster();
  dir = mkdtempSync(join(tmpdir(), 'kakanai-hall-outbox-'));
  const made = await initHallDir(join(dir, 'tls'), ['localhost']);
  tls = { cert: readFileSync(made.cert, 'utf8'), key: readFileSync(made.key, 'utf8'), ca: readFileSync(made.caCert, 'utf8') };
  db = await cluster.createDatabase('outbox');
});

afterAll(async () => {
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const start = (port: number): Promise<HallServer> =>
  startHallServer({ db, cert: tls.cert, key: tls.key, port, host: '127.0.0.1', keys: keyFolderStore(join(dir, 'hall-keys')) });

async function until(done: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a joined kiosk\'s outbox', () => {
  it('keeps forwarding while the hall is stopped and started again: all 200 visits arrive exactly once, none left in the outbox; PostgreSQL restarted under 50 more → the same hall takes them all', async () => {
    let hall = await start(0);
    const port = hall.port;
    const device = await hall.stores.registry.add('kiosk', 'honcho', '1階 A');
    await hall.stores.registry.issueCode(device.id, 'OUTBOXCODE1', Date.now() + 60_000);
    const credential = await joinHall({ hall: `https://localhost:${port}`, code: 'OUTBOX-CODE1', ca: tls.ca, dataDir: join(dir, 'kiosk') });
    const queue: ClerkQueue = openClerkQueue({ dir: join(dir, 'kiosk', 'queue'), keys: keyFolderStore(join(dir, 'kiosk-keys')), purgeWhenDone: false });
    const outbox = new HallOutbox({ queue, credential });
    const visit = (n: number) => {
      const ticket = `A-${String(n).padStart(3, '0')}`;
      queue.enqueue({ ticketNumber: ticket, day: '2026-12-05', procedureId: 'juminhyo', submissionKey: `visit-${n}`, forms: [{ templateId: 'juminhyo', pdf: Buffer.from(`%PDF-1.7 ${ticket}`), values: { ticket } }] });
    };
    try {
      outbox.start();
      for (let n = 1; n <= 60; n++) visit(n);
      await hall.close();
      for (let n = 61; n <= 200; n++) visit(n);
      await new Promise((r) => setTimeout(r, 300));
      expect(queue.list().length).toBeGreaterThanOrEqual(140);
      hall = await start(port);
      const back = Date.now();
      await until(() => queue.list().length === 0, 120_000);
      const drained = Date.now() - back;
      // How fast is the bench's row (npm run bench:hall): a timed bound here failed whenever other suites shared the cores.
      console.log(`outbox drained ${drained} ms after the hall came back`);

      // PostgreSQL restarted (immediate stop, as a crash) while the kiosk submits 50 more: the same hall recovers.
      for (let n = 201; n <= 225; n++) visit(n);
      await cluster.restart();
      for (let n = 226; n <= 250; n++) visit(n);
      await until(() => queue.list().length === 0, 120_000);

      const stored = await hall.stores.queue.list();
      expect(stored).toHaveLength(250);
      expect(new Set(stored.map((s) => s.ticketNumber)).size).toBe(250);
      for (let n = 1; n <= 250; n++) expect((await hall.stores.queue.byKey(`visit-${n}`))?.ticketNumber).toBe(`A-${String(n).padStart(3, '0')}`);
      const tickets = await hall.stores.tickets.list('honcho', '2026-12-05');
      expect(tickets.filter((t) => t.offline && t.kiosk === device.id)).toHaveLength(250);
      const opened = await hall.stores.queue.open(stored[249]!.id, { kind: 'clerk', id: 'sato' });
      expect(opened.reveal()[0]!.values).toEqual({ ticket: 'A-250' });
    } finally {
      await outbox.stop();
      queue.close();
      await hall.close();
    }
  }, 300_000);

  it('sends a batch in one request and, when the hall refuses it for one bad visit, sends the rest one by one: they arrive, the bad one stays in the outbox', async () => {
    const hall = await start(0);
    const device = await hall.stores.registry.add('kiosk', 'shisho', '支所 B');
    await hall.stores.registry.issueCode(device.id, 'OUTBOXCODE2', Date.now() + 60_000);
    const credential = await joinHall({ hall: `https://localhost:${hall.port}`, code: 'OUTBOX-CODE2', ca: tls.ca, dataDir: join(dir, 'kiosk-b') });
    const queue: ClerkQueue = openClerkQueue({ dir: join(dir, 'kiosk-b', 'queue'), keys: keyFolderStore(join(dir, 'kiosk-b-keys')), purgeWhenDone: false });
    const outbox = new HallOutbox({ queue, credential });
    try {
      for (let n = 1; n <= 6; n++) {
        // Visit 4 carries a value name the hall's contract refuses: its whole batch is refused.
        const values: Record<string, string> = n === 4 ? { 'not an id': 'x' } : { ticket: `B-${n}` };
        queue.enqueue({ ticketNumber: `B-00${n}`, day: '2026-12-05', submissionKey: `batch-visit-${n}`, forms: [{ templateId: 'juminhyo', pdf: Buffer.from(`%PDF-1.7 B-${n}`), values }] });
      }
      outbox.start();
      await until(() => queue.list().length === 1, 60_000);
      for (const n of [1, 2, 3, 5, 6]) expect((await hall.stores.queue.byKey(`batch-visit-${n}`))?.ticketNumber).toBe(`B-00${n}`);
      expect(await hall.stores.queue.byKey('batch-visit-4')).toBeUndefined();
      expect(queue.list().map((s) => s.ticketNumber)).toEqual(['B-004']);
    } finally {
      await outbox.stop();
      queue.close();
      await hall.close();
    }
  }, 120_000);
});

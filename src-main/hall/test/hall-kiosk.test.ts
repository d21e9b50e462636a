// A kiosk joined to the hall, as composed for a real kiosk: templates from the hall reach its next session while a
// resident mid-visit keeps hers; tickets are the hall's when it answers in time, else the kiosk's own, marked offline
// and unique across kiosks, forwarded once the hall is back; a revoked kiosk gets nothing and loses nothing.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCounterService } from '../../counter';
import { keyFolderStore } from '../../counter/queue/key';
import { pdfWords } from '../../forms/reference-pages';
import { openClerkQueue, type ClerkQueue } from '../../counter/queue/store';
import { TicketCounter } from '../../counter/ticket-counter';
import { initHallDir } from '../init';
import { joinHall, type HallCredential } from '../join';
import { HallLink, offlineTicketPrefix } from '../kiosk-link';
import { startHallServer, type HallServer } from '../server';
import { startPgCluster, type PgCluster } from './pg-cluster';

let cluster: PgCluster;
let dir: string;
let tls: { cert: string; key: string; ca: string };
let hall: HallServer;
let port: number;

beforeAll(async () => {
  cluster = await startPgCluster();
  dir = mkdtempSync(join(tmpdir(), 'kakanai-hall-kiosk-'));
  const made = await initHallDir(join(dir, 'tls'), ['localhost']);
  tls = { cert: readFileSync(made.cert, 'utf8'), key: readFileSync(made.key, 'utf8'), ca: readFileSync(made.caCert, 'utf8') };
  const db = await cluster.createDatabase('kiosk');
  hall = await startHall(db, 0);
  port = hall.port;
  startHall.db = db;
}, 120_000);

afterAll(async () => {
  // A test that failed with the hall stopped leaves it closed: the cluster and the files go all the same.
  await hall?.close().catch(() => undefined);
  try {
    await cluster?.stop();
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

function startHall(db: string, at: number): Promise<HallServer> {
  return startHallServer({ db, cert: tls.cert, key: tls.key, port: at, host: '127.0.0.1', keys: keyFolderStore(join(dir, 'hall-keys')) });
}
startHall.db = '';

let joined = 0;
/** A kiosk of honcho enrolled and joined into its own data folder. */
async function joinKiosk(name: string): Promise<{ credential: HallCredential; dataDir: string; keysDir: string; deviceId: string }> {
  const n = (joined += 1);
  const device = await hall.stores.registry.add('kiosk', 'honcho', name);
  const code = `KIOSKCODE${String(n).padStart(2, '0')}`;
  await hall.stores.registry.issueCode(device.id, code, Date.now() + 60_000);
  const dataDir = join(dir, `kiosk-${n}`);
  const credential = await joinHall({ hall: `https://localhost:${port}`, code, ca: tls.ca, dataDir });
  return { credential, dataDir, keysDir: join(dir, `kiosk-${n}-keys`), deviceId: device.id };
}

async function until(done: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const loc = (ja: string) => ({ ja, easy: ja, en: ja, 'zh-Hans': ja, ko: ja, vi: ja, pt: ja });
/** A small form published at the hall: from v2 it asks one question. */
function hallForm(version: number, extra: object[] = [], background?: string): string {
  return JSON.stringify({
    id: 'hall-test',
    version,
    ...(background ? { background: { pdf: background } } : {}),
    title: loc('庁舎テスト届'),
    category: 'other',
    legalBasis: '香取市事務処理規則',
    myNumberUse: false,
    layout: [{ kind: 'label', at: [20, 10, 150, 10], text: `EDITION-${version}` }],
    fields: [{ id: 'applicant.name', type: 'text', label: loc('氏名'), source: 'card.name', at: [20, 30, 120, 12] }, ...extra],
  });
}
const purposeField = { id: 'purpose', type: 'text', label: loc('目的'), at: [20, 50, 120, 12], validation: { required: true } };

async function publishAtHall(version: number, json: string): Promise<void> {
  const saved = await hall.stores.templates.saveVersion({ kind: 'template', id: 'hall-test', basedOn: version === 1 ? null : version - 1, json, who: 'it-1', note: null });
  expect(saved).toEqual({ ok: true, version });
  await hall.stores.templates.publish({ kind: 'template', id: 'hall-test', version }, 'it-1');
}

/**
 * One visit made durable in a kiosk's outbox, as the kiosk's hand-off does, with the ticket drawn on its forms: the
 * hall's when a link is given and the hall answers in time (as a kiosk's submission asks first), else the kiosk's own.
 */
async function enqueueVisit(queue: ClerkQueue, tickets: TicketCounter, key: string, link?: HallLink): Promise<string> {
  const ticketNumber = (await link?.ticket('2026-12-05')) ?? tickets.next('2026-12-05');
  queue.enqueue({ ticketNumber, day: '2026-12-05', procedureId: 'juminhyo', submissionKey: key, forms: [{ templateId: 'juminhyo', pdf: Buffer.from(`%PDF-1.7 ${key}`), values: { key } }] });
  return ticketNumber;
}

describe('a joined kiosk', () => {
  it('takes its templates from the hall: a publish reaches the next session, a session in progress keeps its version; it reports version and reader only', async () => {
    await publishAtHall(1, hallForm(1));
    const kiosk = await joinKiosk('1階 A');
    const service = await startCounterService({
      reader: { socketPath: join(dir, 'no-pcscd.sock') },
      outputDir: kiosk.dataDir,
      keys: { dir: kiosk.keysDir },
      watchTemplates: false,
      figures: false,
      hall: { templatesEveryMs: 200, stateEveryMs: 200 },
    });
    try {
      await until(async () => (await service.request('kiosk.info', {})).procedures.some((p) => p.id === 'hall-test'), 20_000);
      const v1 = (await service.request('kiosk.info', {})).templatesVersion;
      const started = await service.request('session.start', { procedureId: 'hall-test', language: 'ja' });
      expect(started.questions).toEqual([]);

      await publishAtHall(2, hallForm(2, [purposeField]));
      await until(async () => (await service.request('kiosk.info', {})).templatesVersion !== v1, 20_000);
      // The resident who started on v1 finishes on it: v2's question is not hers.
      await expect(service.request('session.answer', { answers: { purpose: '就職' } })).rejects.toMatchObject({ code: 'invalid-request' });
      await service.request('session.end', { reason: 'done' });
      const next = await service.request('session.start', { procedureId: 'hall-test', language: 'ja' });
      expect(next.questions.map((q) => q.key)).toEqual(['purpose']);
      await service.request('session.end', { reason: 'done' });

      // v3 draws on a background PDF uploaded at the hall: the kiosk fetches it (checked by its hash) before using v3.
      const doc = await PDFDocument.create();
      doc.addPage([595.28, 841.89]).drawText('HALL-BACKGROUND', { x: 50, y: 800, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
      const bytes = await doc.save();
      const hash = createHash('sha256').update(bytes).digest('hex');
      await hall.stores.templates.addBackground({ hash, bytes, pagesMm: [{ widthMm: 210, heightMm: 297 }] }, 'it-1');
      const v2 = (await service.request('kiosk.info', {})).templatesVersion;
      await publishAtHall(3, hallForm(3, [purposeField], `designer/${hash}.pdf`));
      await until(async () => (await service.request('kiosk.info', {})).templatesVersion !== v2, 20_000);
      await service.request('session.start', { procedureId: 'hall-test', language: 'ja' });
      await service.request('session.answer', { answers: { purpose: '就職' } });
      const preview = (await service.request('session.preview', {})).forms[0]!;
      expect(pdfWords(Buffer.from(preview.pdfBase64, 'base64')).map((w) => w.text).join('')).toContain('HALL-BACKGROUND');
      await service.request('session.end', { reason: 'done' });

      // Its state at the hall: the version it runs and the reader (no pcscd here), nothing else.
      await until(async () => (await hall.stores.registry.list('honcho')).find((d) => d.id === kiosk.deviceId)?.lastState?.includes('unavailable') === true, 10_000);
      const state = JSON.parse((await hall.stores.registry.list('honcho')).find((d) => d.id === kiosk.deviceId)!.lastState!) as Record<string, unknown>;
      expect(Object.keys(state).sort()).toEqual(['reader', 'version']);
      expect(state['version']).toMatch(/^[0-9a-f]{12}$/);
    } finally {
      await service.close();
    }

    // The hall down: a kiosk starting again keeps the versions it cached.
    await hall.close();
    try {
      const offline = await startCounterService({ reader: { socketPath: join(dir, 'no-pcscd.sock') }, outputDir: kiosk.dataDir, keys: { dir: kiosk.keysDir }, watchTemplates: false, figures: false });
      try {
        const again = await offline.request('session.start', { procedureId: 'hall-test', language: 'ja' });
        expect(again.questions.map((q) => q.key)).toEqual(['purpose']);
      } finally {
        await offline.close();
      }
    } finally {
      hall = await startHall(startHall.db, port);
    }
  }, 120_000);

  it('gives the hall\'s ticket when it answers in time; with the hall down the kiosk\'s own, offline and unique across two kiosks, forwarded once it returns', async () => {
    const kiosks = await Promise.all(['2階 B', '2階 C'].map((name) => joinKiosk(name)));
    const sides = kiosks.map((k) => {
      const queue = openClerkQueue({ dir: join(k.dataDir, 'queue'), keys: keyFolderStore(k.keysDir), purgeWhenDone: false });
      const tickets = new TicketCounter(join(k.dataDir, 'ticket-counter.json'), offlineTicketPrefix(k.credential));
      const link = new HallLink({ credential: k.credential, queue, cacheTemplates: () => false, reader: () => 'present', ackWithinMs: 1_500, retryMs: 100 });
      return { ...k, queue, tickets, link };
    });
    // The hall chose each kiosk's prefix at joining; the kiosk stored it with its credential.
    for (const s of sides) expect(s.credential.ticketPrefix).toMatch(/^K[0-9A-F]{4,8}$/);
    expect(new Set(sides.map((s) => offlineTicketPrefix(s.credential))).size).toBe(2);
    try {
      for (const s of sides) s.link.start();
      // Online: the site's ticket from the hall's one sequence, whichever kiosk — asked before the forms are drawn, so
      // the number on them is the one the hall stores and the desks list (one ticket per visit, none issued twice).
      const online = [];
      for (const [i, s] of sides.entries()) {
        const held = await enqueueVisit(s.queue, s.tickets, `online-${i}`, s.link);
        expect(held).toMatch(/^\d+$/);
        const receipt = await s.link.acknowledge(`online-${i}`, held);
        expect(receipt.ticketNumber).toBe(held);
        expect((await hall.stores.queue.byKey(`online-${i}`))?.ticketNumber).toBe(held);
        online.push(receipt);
      }
      expect(online.map((r) => r.offline)).toEqual([false, false]);
      expect(Number(online[1]!.ticketNumber)).toBe(Number(online[0]!.ticketNumber) + 1);
      const issuedOnline = (await hall.stores.tickets.list('honcho', '2026-12-05')).filter((t) => !t.offline && sides.some((s) => s.deviceId === t.kiosk));
      expect(issuedOnline.map((t) => String(t.number))).toEqual(online.map((r) => r.ticketNumber));

      // The hall down: each kiosk gives its own ticket within the short wait, unique across the two.
      await hall.close();
      const offline = [];
      for (const [i, s] of sides.entries()) {
        for (let n = 0; n < 3; n++) {
          const key = `offline-${i}-${n}`;
          const began = Date.now();
          const own = await enqueueVisit(s.queue, s.tickets, key, s.link);
          const receipt = await s.link.acknowledge(key, own);
          expect(Date.now() - began).toBeLessThan(4_000);
          expect(receipt).toEqual({ ticketNumber: own, offline: true });
          offline.push({ key, ticket: own, kiosk: s.deviceId });
        }
      }
      expect(new Set(offline.map((o) => o.ticket)).size).toBe(6);
      for (const s of sides) expect(s.queue.list()).toHaveLength(3);
      // Offline rounds probe the hall and unseal nothing: the only opens are the four tries at submission.
      await new Promise((r) => setTimeout(r, 1_000));
      for (const s of sides) expect(s.queue.auditLog().filter((e) => e.action === 'open')).toHaveLength(4);

      hall = await startHall(startHall.db, port);
      await until(() => sides.every((s) => s.queue.list().length === 0), 10_000);
      for (const o of offline) expect((await hall.stores.queue.byKey(o.key))?.ticketNumber).toBe(o.ticket);
      for (const [i] of sides.entries()) expect(await hall.stores.queue.byKey(`online-${i}`)).toBeDefined();
      const recorded = await hall.stores.tickets.list('honcho', '2026-12-05');
      for (const s of sides) expect(recorded.filter((t) => t.offline && t.kiosk === s.deviceId)).toHaveLength(3);
      const listed = (await hall.stores.queue.list({ site: 'honcho' })).filter((q) => sides.some((s) => s.deviceId === q.kiosk));
      expect(listed).toHaveLength(8);
    } finally {
      for (const s of sides) {
        await s.link.close();
        s.queue.close();
      }
    }
  }, 120_000);

  it('when the hall\'s answers come after the wait, the visit keeps the kiosk\'s own ticket the resident holds', async () => {
    const k = await joinKiosk('3階 F');
    const queue = openClerkQueue({ dir: join(k.dataDir, 'queue'), keys: keyFolderStore(k.keysDir), purgeWhenDone: false });
    const tickets = new TicketCounter(undefined, offlineTicketPrefix(k.credential));
    // A wait of 1 ms: every answer is late (the hall may still issue a ticket the kiosk never uses: a gap, not a repeat).
    const link = new HallLink({ credential: k.credential, queue, cacheTemplates: () => false, reader: () => 'present', ackWithinMs: 1, retryMs: 50 });
    try {
      link.start();
      const own = await enqueueVisit(queue, tickets, 'late-1', link);
      expect(own).toMatch(/^K/);
      expect(await link.acknowledge('late-1', own)).toEqual({ ticketNumber: own, offline: true });
      await until(() => queue.list().length === 0, 10_000);
      expect((await hall.stores.queue.byKey('late-1'))?.ticketNumber).toBe(own);
      const recorded = await hall.stores.tickets.list('honcho', '2026-12-05');
      expect(recorded.filter((t) => t.kiosk === k.deviceId && t.offline).map((t) => t.number)).toEqual([1]);
    } finally {
      await link.close();
      queue.close();
    }
  }, 60_000);

  it('takes a hall ticket only from the kiosk it was issued to: another kiosk\'s number gets the next one instead', async () => {
    const [a, b] = [await joinKiosk('3階 G'), await joinKiosk('3階 H')];
    const queue = openClerkQueue({ dir: join(b.dataDir, 'queue'), keys: keyFolderStore(b.keysDir), purgeWhenDone: false });
    const queueA = openClerkQueue({ dir: join(a.dataDir, 'queue'), keys: keyFolderStore(a.keysDir), purgeWhenDone: false });
    const linkA = new HallLink({ credential: a.credential, queue: queueA, cacheTemplates: () => false, reader: () => 'present' });
    const linkB = new HallLink({ credential: b.credential, queue, cacheTemplates: () => false, reader: () => 'present', retryMs: 50 });
    try {
      const aTicket = await linkA.ticket('2026-12-05');
      expect(aTicket).toMatch(/^\d+$/);
      // Kiosk B names kiosk A's number on its visit: the hall stores the visit under a number of its own.
      queue.enqueue({ ticketNumber: aTicket!, day: '2026-12-05', procedureId: 'juminhyo', submissionKey: 'borrowed-1', forms: [{ templateId: 'juminhyo', pdf: Buffer.from('%PDF-1.7 borrowed'), values: {} }] });
      linkB.start();
      await until(() => queue.list().length === 0, 10_000);
      const stored = await hall.stores.queue.byKey('borrowed-1');
      expect(stored?.ticketNumber).toMatch(/^\d+$/);
      expect(stored?.ticketNumber).not.toBe(aTicket);
    } finally {
      await linkA.close();
      await linkB.close();
      queueA.close();
      queue.close();
    }
  }, 60_000);

  it('once revoked gets nothing and keeps its outbox: nothing is lost', async () => {
    const k = await joinKiosk('3階 D');
    const queue = openClerkQueue({ dir: join(k.dataDir, 'queue'), keys: keyFolderStore(k.keysDir), purgeWhenDone: false });
    const tickets = new TicketCounter(undefined, offlineTicketPrefix(k.credential));
    const cached: unknown[] = [];
    const link = new HallLink({ credential: k.credential, queue, cacheTemplates: (v) => (cached.push(v), false), reader: () => 'present', retryMs: 50 });
    try {
      await hall.stores.registry.revoke(k.deviceId, Date.now());
      link.start();
      const own = await enqueueVisit(queue, tickets, 'revoked-1', link);
      expect(await link.acknowledge('revoked-1', own)).toEqual({ ticketNumber: own, offline: true });
      expect(await link.refreshTemplates()).toBe('unreachable');
      expect(link.state).toBe('revoked');
      await new Promise((r) => setTimeout(r, 500));
      expect(queue.list().map((s) => s.ticketNumber)).toEqual([own]);
      expect(await hall.stores.queue.byKey('revoked-1')).toBeUndefined();
      expect(cached).toEqual([]);
      expect((await hall.stores.registry.list('honcho')).find((d) => d.id === k.deviceId)?.lastSeenAt).toBeNull();
    } finally {
      await link.close();
      queue.close();
    }
  }, 60_000);
});

describe('a kiosk process killed with -9 mid-forward', () => {
  it('loses and doubles nothing: started again, every acknowledged visit is on the hall exactly once and the outbox is empty', async () => {
    const k = await joinKiosk('4階 E');
    const child = (first: number, count: number) =>
      spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'forwarder-child.ts'), k.dataDir, k.keysDir, String(first), String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const onHall = async () => (await hall.stores.queue.list({ site: 'honcho' })).filter((s) => s.kiosk === k.deviceId);

    const acked: number[] = [];
    const first = child(1, 200);
    first.stdout.setEncoding('utf8').on('data', (text: string) => {
      for (const m of text.matchAll(/acked (\d+)/g)) acked.push(Number(m[1]));
    });
    await until(async () => (await onHall()).length >= 40, 60_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('close', r));
    const atKill = (await onHall()).length;
    console.log(`killed with ${acked.length} acknowledged, ${atKill} on the hall`);
    expect(atKill).toBeLessThan(acked.length); // killed while there was still something to forward

    const second = child(0, 0);
    let out = '';
    second.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
    const code = await new Promise((r) => second.once('close', r));
    expect(code).toBe(0);
    expect(out).toContain('empty');

    const stored = await onHall();
    const tickets = stored.map((s) => s.ticketNumber);
    expect(new Set(tickets).size).toBe(tickets.length);
    for (const n of acked) expect((await hall.stores.queue.byKey(`kill-${n}`))?.kiosk).toBe(k.deviceId);
    // At most the one visit made durable after its line was printed but before the kill: nothing beyond it.
    expect(stored.length - acked.length).toBeGreaterThanOrEqual(0);
    expect(stored.length - acked.length).toBeLessThanOrEqual(1);
    const queue = openClerkQueue({ dir: join(k.dataDir, 'queue'), keys: keyFolderStore(k.keysDir), purgeWhenDone: false });
    try {
      expect(queue.list()).toEqual([]);
    } finally {
      queue.close();
    }
  }, 180_000);
});

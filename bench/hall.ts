// npm run bench:hall — the city-hall server under a floor's load, beside the embedded single-kiosk store. One private
// PostgreSQL cluster and one hall; kiosks enrolled with real one-time codes submit sealed visits through the hall's
// protocol (the request a kiosk's outbox makes), desks with a clerk signed in list and claim; then the hall is stopped,
// the kiosks' outboxes fill, the hall returns and the time until every outbox is empty is taken. Prints a table with
// the targets beside the figures; asserts nothing. The live mirror: every kiosk streams its mirror over its WebSocket
// at a resident's typing pace while each desk follows one kiosk; kiosk → desk is timed in this one process.
// Flags: --kiosks 30 --desks 10 --per-kiosk 20 --queued 10 --pdf-kb 50 --mirror-seconds 5 --mirror-hz 5
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { HALL_WS_PATH, STAFF_HEADER, type HallEnrolmentResults, type HallEvent, type HallMirror, type HallQueueItem, type HallResults } from '../src-main/contract/hall';
import { hashPassphrase } from '../src-main/counter/admin/config';
import { keyFolderStore } from '../src-main/counter/queue/key';
import { openClerkQueue, type ClerkQueue } from '../src-main/counter/queue/store';
import type { HallCredential } from '../src-main/hall/join';
import { HallOutbox } from '../src-main/hall/outbox';
import { HallClient, startHallRig } from '../src-main/hall/test/hall-rig';

const { values: flags } = parseArgs({
  options: {
    kiosks: { type: 'string', default: '30' },
    desks: { type: 'string', default: '10' },
    'per-kiosk': { type: 'string', default: '20' },
    queued: { type: 'string', default: '10' },
    'pdf-kb': { type: 'string', default: '50' },
    'mirror-seconds': { type: 'string', default: '5' },
    'mirror-hz': { type: 'string', default: '5' },
  },
});
const KIOSKS = Number(flags.kiosks);
const DESKS = Number(flags.desks);
const PER_KIOSK = Number(flags['per-kiosk']);
const QUEUED = Number(flags.queued);
const PDF_BYTES = Number(flags['pdf-kb']) * 1024;
const MIRROR_SECONDS = Number(flags['mirror-seconds']);
const MIRROR_HZ = Number(flags['mirror-hz']);
const DAY = '2026-12-05';
const SITE = 'honcho';

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)]!;
}
const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
const ms = (v: number) => (Number.isNaN(v) ? '—' : `${v.toFixed(1)} ms`);
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

// Random bytes: a real form PDF is mostly compressed streams and font subsets. Values as a 住民票 request carries.
const pdfs = Array.from({ length: 16 }, () => randomBytes(PDF_BYTES));
const values = { 'applicant.name': '見本　花子', 'applicant.address': '千葉県香取市佐原ロ２１２７番地', 'applicant.birthDate': '1985-04-12', purpose: '年金の手続きのため', 'include.householder': true };
const visit = (kiosk: number, n: number) => ({ key: `bench-${kiosk}-${n}`, ticket: `K${kiosk}-${n}`, pdf: pdfs[(kiosk + n) % pdfs.length]! });

const loc = (ja: string) => ({ ja, easy: ja, en: ja, 'zh-Hans': ja, ko: ja, vi: ja, pt: ja });
/** A mirror as a resident typing her purpose makes it; `updatedAt` carries the send time (this process's clock). */
const mirrorAt = (typed: number): HallMirror => ({
  step: 'questions',
  updatedAt: performance.timeOrigin + performance.now(),
  session: {
    procedure: { id: 'juminhyo-request', title: loc('住民票の写し等交付申請書') },
    resident: { name: '見本　花子', address: '千葉県香取市佐原ロ２１２７番地', birthDate: '1985-04-12', sex: '女' },
    questions: Array.from({ length: 8 }, (_, i) => ({ key: `q${i}`, type: 'text', label: loc(`質問 ${i}`), required: i < 4 })),
    answers: { q0: '見本', q1: 1, q2: true },
    typing: { q3: '年金の手続きのため'.slice(0, 1 + (typed % 9)) },
    problems: [],
    clerkCalled: false,
    triesLeft: 3,
    lastTryAllowed: false,
  },
});
/** An open WebSocket to the hall as a device (and, at a desk, its signed-in clerk). */
const socketTo = (port: number, ca: string, credential: string, staff?: string): Promise<WebSocket> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(`wss://localhost:${port}${HALL_WS_PATH}`, { ca, headers: { authorization: `Bearer ${credential}`, ...(staff ? { [STAFF_HEADER]: staff } : {}) } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });

const rig = await startHallRig('bench-hall');
const sockets: WebSocket[] = [];
const clients: HallClient[] = [];
const queues: ClerkQueue[] = [];
const outboxes: HallOutbox[] = [];
let hall = await rig.start();
const port = hall.port;
const client = (credential?: string) => {
  const c = new HallClient(port, rig.tls.ca, credential);
  clients.push(c);
  return c;
};
try {
  // ── enrolment: the first desk from the server's side, every other device with a code the IT desk issues ──
  const cheap = { N: 2 ** 10, r: 8, p: 1 };
  await hall.stores.staff.put({ name: 'it-1', role: 'it', site: null, passphraseHash: await hashPassphrase('it-1 passphrase long', cheap) });
  for (let d = 1; d <= DESKS; d++) await hall.stores.staff.put({ name: `clerk-${d}`, role: 'clerk', site: SITE, passphraseHash: await hashPassphrase(`clerk-${d} passphrase long`, cheap) });
  const first = await hall.stores.registry.add('desk', SITE, 'IT desk');
  await hall.stores.registry.issueCode(first.id, 'FIRSTDESK01', Date.now() + 60_000);
  const redeem = async (code: string) => (await client().call<HallEnrolmentResults['enrolment.redeem']>('enrolment.redeem', { code })).result!;
  const it = client((await redeem('FIRSTDESK01')).credential);
  it.staffSession = (await it.call<HallResults['staff.signIn']>('staff.signIn', { name: 'it-1', passphrase: 'it-1 passphrase long' })).result!.session;
  const enrol = async (kind: 'kiosk' | 'desk', name: string) => {
    const issued = await it.call<HallResults['enrolment.issue']>('enrolment.issue', { kind, site: SITE, name });
    return redeem(issued.result!.code);
  };
  const kioskCredentials: HallEnrolmentResults['enrolment.redeem'][] = [];
  for (let k = 1; k <= KIOSKS; k++) kioskCredentials.push(await enrol('kiosk', `kiosk ${k}`));
  const desks: HallClient[] = [];
  const deskCredentials: string[] = [];
  for (let d = 1; d <= DESKS; d++) {
    const credential = (await enrol('desk', `desk ${d}`)).credential;
    const desk = client(credential);
    desk.staffSession = (await desk.call<HallResults['staff.signIn']>('staff.signIn', { name: `clerk-${d}`, passphrase: `clerk-${d} passphrase long` })).result!.session;
    desks.push(desk);
    deskCredentials.push(credential);
  }

  // ── the hall: every kiosk submits its visits one after another (as its outbox does), all kiosks at once ──
  const acked: number[] = [];
  const claims: number[] = [];
  const lists: number[] = [];
  let claimed = 0;
  let refused = 0;
  let kiosksDone = false;
  const kiosks = kioskCredentials.map((c) => client(c.credential));
  const deskLoops = desks.map(async (desk) => {
    while (!kiosksDone) {
      const t = performance.now();
      const list = await desk.call<HallResults['queue.list']>('queue.list', {});
      lists.push(performance.now() - t);
      const free = (list.result?.items ?? []).filter((i: HallQueueItem) => i.claimedBy === null);
      if (free.length === 0) {
        await sleep(20);
        continue;
      }
      // Desks pick among the first few free ones, so two desks sometimes reach for the same.
      const pick = free[Math.floor(Math.random() * Math.min(3, free.length))]!;
      const s = performance.now();
      const answer = await desk.call<HallResults['queue.claim']>('queue.claim', { id: pick.id });
      claims.push(performance.now() - s);
      if (answer.result?.ok) claimed++;
      else refused++;
    }
  });
  const t0 = performance.now();
  await Promise.all(
    kiosks.map(async (kiosk, k) => {
      for (let n = 1; n <= PER_KIOSK; n++) {
        const v = visit(k, n);
        const s = performance.now();
        const answer = await kiosk.call('kiosk.submit', {
          submissionKey: v.key, kioskTicket: v.ticket, day: DAY, procedureId: 'juminhyo',
          forms: [{ templateId: 'juminhyo', templateVersion: 1, pdfBase64: v.pdf.toString('base64'), values }],
        });
        if (!answer.ok) throw new Error(`kiosk.submit refused: ${answer.code}`);
        acked.push(performance.now() - s);
      }
    }),
  );
  const hallSeconds = (performance.now() - t0) / 1000;
  kiosksDone = true;
  await Promise.all(deskLoops);
  const hallAcked = sorted(acked);

  // ── the live mirror: every kiosk streams at a typing pace, each desk follows one kiosk (kiosk d of desk d) ──
  const kioskSockets = await Promise.all(kioskCredentials.map((c) => socketTo(port, rig.tls.ca, c.credential)));
  const deskSockets = await Promise.all(desks.map((d, i) => socketTo(port, rig.tls.ca, deskCredentials[i]!, d.staffSession)));
  sockets.push(...kioskSockets, ...deskSockets);
  const mirrorLatency: number[] = [];
  let mirrorsSent = 0;
  await Promise.all(
    deskSockets.map(
      (ws, d) =>
        new Promise<void>((resolve, reject) => {
          ws.on('message', (data) => {
            const m = JSON.parse(data.toString()) as { kind: string; id?: number; ok?: boolean; event?: HallEvent };
            if (m.kind === 'event' && m.event?.type === 'mirror' && m.event.mirror) mirrorLatency.push(performance.timeOrigin + performance.now() - m.event.mirror.updatedAt);
            if (m.kind === 'response' && m.id === 1) {
              if (m.ok) resolve();
              else reject(new Error('mirror.follow refused'));
            }
          });
          ws.send(JSON.stringify({ kind: 'request', id: 1, name: 'mirror.follow', params: { kioskId: kioskCredentials[d % KIOSKS]!.deviceId } }));
        }),
    ),
  );
  const m0 = performance.now();
  await Promise.all(
    kioskSockets.map(async (ws, k) => {
      await sleep((k * 1000) / MIRROR_HZ / KIOSKS); // spread the kiosks over the period, as real typing is
      for (let n = 0; performance.now() - m0 < MIRROR_SECONDS * 1000; n++) {
        ws.send(JSON.stringify({ kind: 'request', id: n + 1, name: 'kiosk.mirror', params: { mirror: mirrorAt(n) } }));
        mirrorsSent++;
        await sleep(1000 / MIRROR_HZ);
      }
    }),
  );
  await sleep(500);
  const mirrorSorted = sorted(mirrorLatency);
  for (const ws of [...kioskSockets, ...deskSockets]) ws.close();

  // ── the embedded single-kiosk store: the same visits into one kiosk's own SQLite queue ──
  const embedded = openClerkQueue({ dir: join(rig.dir, 'embedded', 'queue'), keys: keyFolderStore(join(rig.dir, 'embedded-keys')) });
  queues.push(embedded);
  const embeddedAcked: number[] = [];
  const e0 = performance.now();
  for (let k = 0; k < KIOSKS; k++) {
    for (let n = 1; n <= PER_KIOSK; n++) {
      const v = visit(k, n);
      const s = performance.now();
      embedded.enqueue({ ticketNumber: v.ticket, day: DAY, procedureId: 'juminhyo', submissionKey: v.key, forms: [{ templateId: 'juminhyo', templateVersion: 1, pdf: v.pdf, values }] });
      embeddedAcked.push(performance.now() - s);
    }
  }
  const embeddedSeconds = (performance.now() - e0) / 1000;
  const embeddedSorted = sorted(embeddedAcked);

  // ── the outbox: the hall stops, every kiosk queues visits in its outbox, the hall returns; until every one is empty ──
  for (let k = 0; k < KIOSKS; k++) {
    const queue = openClerkQueue({ dir: join(rig.dir, `kiosk-${k}`, 'queue'), keys: keyFolderStore(join(rig.dir, `kiosk-${k}-keys`)), purgeWhenDone: false });
    queues.push(queue);
    const c = kioskCredentials[k]!;
    const credential: HallCredential = { version: 1, hall: `https://localhost:${port}`, ...c, ca: rig.tls.ca };
    const outbox = new HallOutbox({ queue, credential });
    outboxes.push(outbox);
    outbox.start();
  }
  await sleep(500);
  await hall.close();
  for (const [k, queue] of queues.slice(1).entries()) {
    for (let n = 1; n <= QUEUED; n++) {
      const v = visit(k, 1000 + n);
      queue.enqueue({ ticketNumber: v.ticket, day: DAY, procedureId: 'juminhyo', submissionKey: v.key, forms: [{ templateId: 'juminhyo', templateVersion: 1, pdf: v.pdf, values }] });
    }
  }
  await sleep(3000); // every outbox has found the hall gone at least once
  const waiting = queues.slice(1).reduce((sum, q) => sum + q.list().length, 0);
  hall = await rig.start(port);
  const back = performance.now();
  const firstForward: (number | undefined)[] = queues.slice(1).map(() => undefined);
  let drainedMs = NaN;
  while (performance.now() - back < 120_000) {
    queues.slice(1).forEach((q, i) => {
      if (firstForward[i] === undefined && q.list().length < QUEUED) firstForward[i] = performance.now() - back;
    });
    if (queues.slice(1).every((q) => q.list().length === 0)) {
      drainedMs = performance.now() - back;
      break;
    }
    await sleep(10);
  }
  const firstSorted = sorted(firstForward.filter((v): v is number => v !== undefined));
  const onHall = (await hall.stores.queue.list()).length;

  // ── the table ──
  const hallRate = (KIOSKS * PER_KIOSK) / hallSeconds;
  const embeddedRate = (KIOSKS * PER_KIOSK) / embeddedSeconds;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const rows: [string, string, string, string][] = [
    ['submissions / second', hallRate.toFixed(0), embeddedRate.toFixed(0), `≥ 200: ${verdict(hallRate >= 200)}`],
    ['acknowledged latency, median', ms(quantile(hallAcked, 0.5)), ms(quantile(embeddedSorted, 0.5)), ''],
    ['acknowledged latency, p95', ms(quantile(hallAcked, 0.95)), ms(quantile(embeddedSorted, 0.95)), ''],
    [`claim latency, median (${claimed} won, ${refused} lost)`, ms(quantile(sorted(claims), 0.5)), 'no claims: one desk', ''],
    ['claim latency, p95', ms(quantile(sorted(claims), 0.95)), '', ''],
    ['queue.list latency, p95 (desks, while filling)', ms(quantile(sorted(lists), 0.95)), '', ''],
    [`mirror kiosk → desk, median (${mirrorsSent} sent by ${KIOSKS} kiosks, ${mirrorLatency.length} delivered to ${DESKS} desks)`, ms(quantile(mirrorSorted, 0.5)), '', ''],
    ['mirror kiosk → desk, p95', ms(quantile(mirrorSorted, 0.95)), 'local desk: same process', `≤ 50 ms: ${verdict(quantile(mirrorSorted, 0.95) <= 50)}`],
    [`outbox drained after the hall returns (${waiting} waiting)`, Number.isNaN(drainedMs) ? '> 120 s' : ms(drainedMs), '', `≤ 2 s: ${verdict(drainedMs <= 2000)}`],
    ['  first forward per outbox after return, median', ms(quantile(firstSorted, 0.5)), '', ''],
    ['  first forward per outbox after return, max', ms(firstSorted.at(-1) ?? NaN), '', ''],
  ];
  console.log(`\nthe hall (PostgreSQL, HTTPS /rpc) vs the embedded store (one kiosk's SQLite queue) — ${KIOSKS} kiosks × ${PER_KIOSK} visits of a ${PDF_BYTES / 1024} KB PDF + values, ${DESKS} desks listing and claiming; ${onHall} on the hall at the end`);
  const head: [string, string, string, string] = ['measure', 'hall', 'embedded', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
} finally {
  for (const o of outboxes) await o.stop();
  for (const q of queues) q.close();
  for (const c of clients) c.close();
  for (const ws of sockets) ws.terminate();
  await hall.close().catch(() => {});
  await rig.remove();
}

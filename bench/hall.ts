// npm run bench:hall — the city-hall server under a floor's load, beside the embedded single-kiosk store. One private
// PostgreSQL cluster and one hall; kiosks enrolled with real one-time codes submit sealed visits through the hall's
// protocol (the request a kiosk's outbox makes), desks with a clerk signed in list and claim; then the hall is stopped,
// the kiosks' outboxes fill, the hall returns and the time until every outbox is empty is taken. Prints a table with
// the targets beside the figures; asserts nothing. The hall runs in a process of its own (`--in-process`: on the bench's
// thread, beside the kiosks, as the first runs did). `--hall-prof DIR`: a CPU profile of the hall process;
// `--pg-statements`: PostgreSQL's statements of the submit phase by time (pg_stat_statements), after the table. The live
// mirror: every kiosk streams its mirror over its WebSocket at a resident's typing pace while each desk follows one
// kiosk; kiosk → desk is timed in this one process.
// Flags: --kiosks 30 --desks 10 --per-kiosk 20 --queued 10 --pdf-kb 50 --mirror-seconds 5 --mirror-hz 5
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { HALL_WS_PATH, STAFF_HEADER, type HallEnrolmentResults, type HallEvent, type HallMirror, type HallQueueItem, type HallResults } from '../src-main/contract/hall';
import { hashPassphrase } from '../src-main/counter/admin/config';
import { keyFolderStore } from '../src-main/counter/queue/key';
import { openClerkQueue, type ClerkQueue } from '../src-main/counter/queue/store';
import type { HallStores } from '../src-main/hall/stores/contract';
import { pgStores, survivePgRestarts } from '../src-main/hall/stores/pg-stores';
import { HallClient, startHallRig, type HallRig } from '../src-main/hall/test/hall-rig';
import pg from 'pg';

const { values: flags } = parseArgs({
  options: {
    kiosks: { type: 'string', default: '30' },
    desks: { type: 'string', default: '10' },
    'per-kiosk': { type: 'string', default: '20' },
    queued: { type: 'string', default: '10' },
    'pdf-kb': { type: 'string', default: '50' },
    'in-process': { type: 'boolean', default: false },
    'hall-prof': { type: 'string' },
    'pg-statements': { type: 'boolean', default: false },
    'mirror-seconds': { type: 'string', default: '5' },
    'mirror-hz': { type: 'string', default: '5' },
    'outbox-processes': { type: 'string', default: '3' },
  },
});
const KIOSKS = Number(flags.kiosks);
const DESKS = Number(flags.desks);
const PER_KIOSK = Number(flags['per-kiosk']);
const QUEUED = Number(flags.queued);
const PDF_BYTES = Number(flags['pdf-kb']) * 1024;
const MIRROR_SECONDS = Number(flags['mirror-seconds']);
const MIRROR_HZ = Number(flags['mirror-hz']);
const OUTBOX_PROCESSES = Number(flags['outbox-processes']);
const DAY = '2026-12-05';
const SITE = 'honcho';

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)]!;
}
const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
const ms = (v: number) => (Number.isNaN(v) ? '—' : `${v.toFixed(1)} ms`);
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
const phase = (what: string) => process.stderr.write(`[bench:hall ${new Date().toISOString().slice(11, 19)}] ${what}\n`);

// Random bytes: a real form PDF is mostly compressed streams and font subsets. Values as a 住民票 request carries.
const pdfs = Array.from({ length: 16 }, () => randomBytes(PDF_BYTES));
const values = { 'applicant.name': '見本　花子', 'applicant.address': '千葉県香取市佐原ロ２１２７番地', 'applicant.birthDate': '1985-04-12', purpose: '年金の手続きのため', 'include.householder': true };
const visit = (kiosk: number, n: number) => ({ key: `bench-${kiosk}-${n}`, ticket: `K${kiosk}-${n}`, pdf: pdfs[(kiosk + n) % pdfs.length]! });

/** CPU time (ms, user + system) of the rig's PostgreSQL: the postmaster, its ended children and its live ones. */
function pgCpuMs(db: string): number {
  const dir = decodeURIComponent(/[?&]host=([^&]+)/.exec(db)![1]!);
  const postmaster = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const tick = 10; // USER_HZ is 100 on Linux
  let ms = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended while listed
    }
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // f[1] ppid, f[11] utime, f[12] stime, f[13] cutime, f[14] cstime
    if (Number(pid) === postmaster) ms += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * tick;
    else if (Number(f[1]) === postmaster) ms += (Number(f[11]) + Number(f[12])) * tick;
  }
  return ms;
}

/** CPU time (ms) the hall process has used, or this process's when the hall runs on its thread. */
let hallChild: ChildProcess | undefined;
async function hallCpuMs(): Promise<number> {
  const child = hallChild;
  if (!child) return NaN;
  const usage = await new Promise<NodeJS.CpuUsage>((resolve) => {
    const on = (m: { usage?: NodeJS.CpuUsage }) => {
      if (!m.usage) return;
      child.off('message', on);
      resolve(m.usage);
    };
    child.on('message', on);
    child.send({ usage: true });
  });
  return (usage.user + usage.system) / 1000;
}
const ownCpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const outboxChildren: ChildProcess[] = [];
/** Sends a message to a child and waits for its answer carrying `key`. */
function askChild<T = Record<string, unknown>>(child: ChildProcess, message: unknown, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const on = (m: Record<string, unknown>) => {
      if (!(key in m)) return;
      child.off('message', on);
      resolve(m as T);
    };
    child.on('message', on);
    child.once('exit', () => reject(new Error('an outbox process ended')));
    child.send(message as object);
  });
}
/** CPU time (ms) the outbox processes have used. */
async function outboxCpuMs(): Promise<number> {
  let total = 0;
  for (const child of outboxChildren) {
    const { usage } = await askChild<{ usage: NodeJS.CpuUsage }>(child, { usage: true }, 'usage');
    total += (usage.user + usage.system) / 1000;
  }
  return total;
}

/** A hall in its own process (or on this thread), and the stores beside it as the CLI reaches them. */
async function startHall(rig: HallRig, port = 0): Promise<{ port: number; stores: HallStores; close(): Promise<void> }> {
  if (flags['in-process']) return rig.start(port);
  const child = fork(join(import.meta.dirname, 'hall-process.ts'), [], {
    execArgv: ['--import', 'tsx', ...(flags['hall-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${flags['hall-prof']}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  hallChild = child;
  const started = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', () => reject(new Error('the hall process ended')));
    child.send({ start: { db: rig.db, cert: rig.tls.cert, key: rig.tls.key, keysDir: join(rig.dir, 'hall-keys'), port } });
  });
  const stores = pgStores(survivePgRestarts(new pg.Pool({ connectionString: rig.db, max: 2 })), { keys: keyFolderStore(join(rig.dir, 'hall-keys')) });
  let closed: Promise<void> | undefined;
  return {
    port: started,
    stores,
    close: () =>
      (closed ??= (async () => {
        await stores.close();
        if (child.exitCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.send({ stop: true });
        await exited;
      })()),
  };
}
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

const rig = await startHallRig('bench-hall', { pgStatements: flags['pg-statements'] });
/** The submit phase's statements by total time, when asked for (`--pg-statements`). */
let statementsTable: string[] = [];
async function statements(step: 'reset' | 'read'): Promise<void> {
  if (!flags['pg-statements']) return;
  const c = new pg.Client({ connectionString: rig.db });
  await c.connect();
  try {
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    if (step === 'reset') {
      await c.query('SELECT pg_stat_statements_reset()');
      return;
    }
    const { rows } = await c.query<{ calls: string; total: number; mean: number; rows: string; query: string }>(
      `SELECT calls, total_exec_time + total_plan_time AS total, (total_exec_time + total_plan_time) / calls AS mean, rows, query
       FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 12`,
    );
    statementsTable = rows.map((r) => `${r.total.toFixed(0).padStart(7)} ms ${String(r.calls).padStart(6)} calls ${r.mean.toFixed(3).padStart(8)} ms/call ${String(r.rows).padStart(7)} rows  ${r.query.replace(/\s+/g, ' ').slice(0, 110)}`);
  } finally {
    await c.end();
  }
}
const sockets: WebSocket[] = [];
const clients: HallClient[] = [];
const queues: ClerkQueue[] = [];
let hall = await startHall(rig);
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

  phase('enrolled; the hall phase');
  // ── the hall: every kiosk submits its visits one after another (as its outbox does), all kiosks at once ──
  const acked: number[] = [];
  const claims: number[] = [];
  const lists: number[] = [];
  let claimed = 0;
  let refused = 0;
  let kiosksDone = false;
  const kiosks = kioskCredentials.map((c) => client(c.credential));
  // On a loaded machine a kept-alive connection the hall closes just as a request goes out ends in a reset, and a burst
  // of new connections can be refused: a desk asks again, a kiosk sends again under the same key (as its outbox
  // does). Counted in the table, not hidden.
  let resets = 0;
  const again = async <T>(ask: () => Promise<T>): Promise<T> => {
    for (let tries = 1; ; tries++) {
      try {
        return await ask();
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if ((code !== 'ECONNRESET' && code !== 'ECONNREFUSED') || tries >= 5) throw e;
        resets++;
        await sleep(50 * tries);
      }
    }
  };
  // Each desk keeps its WebSocket open, as the hall's desk page does, and lists when the hall says its site's queue
  // changed (one listing at a time: changes during one are taken up by the next), then claims among the first few
  // free ones and lists again, as a clerk would after taking one. No change and nothing free: it waits for the next.
  const queueSockets = await Promise.all(desks.map((d, i) => socketTo(port, rig.tls.ca, deskCredentials[i]!, d.staffSession)));
  sockets.push(...queueSockets);
  let queueEvents = 0;
  const deskLoops = desks.map(async (desk, d) => {
    let changed = true;
    let wake: (() => void) | undefined;
    queueSockets[d]!.on('message', (data) => {
      const m = JSON.parse(data.toString()) as { kind: string; event?: HallEvent };
      if (m.kind !== 'event' || m.event?.type !== 'queue-changed') return;
      queueEvents++;
      changed = true;
      wake?.();
    });
    while (!kiosksDone) {
      if (!changed) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 100); // and see whether the kiosks are done
        });
        wake = undefined;
        continue;
      }
      changed = false;
      const t = performance.now();
      const list = await again(() => desk.call<HallResults['queue.list']>('queue.list', {}));
      lists.push(performance.now() - t);
      const free = (list.result?.items ?? []).filter((i: HallQueueItem) => i.claimedBy === null);
      if (free.length === 0) continue;
      // Desks pick among the first few free ones, so two desks sometimes reach for the same.
      const pick = free[Math.floor(Math.random() * Math.min(3, free.length))]!;
      const s = performance.now();
      const answer = await again(() => desk.call<HallResults['queue.claim']>('queue.claim', { id: pick.id }));
      claims.push(performance.now() - s);
      if (answer.result?.ok) claimed++;
      else refused++;
      changed = true;
    }
  });
  await statements('reset');
  const cpu0 = { hall: await hallCpuMs(), pg: pgCpuMs(rig.db), bench: ownCpuMs() };
  const t0 = performance.now();
  const desksSettled = Promise.allSettled(deskLoops); // a desk's failure waits for the kiosks, never unhandled
  await Promise.all(
    kiosks.map(async (kiosk, k) => {
      for (let n = 1; n <= PER_KIOSK; n++) {
        const v = visit(k, n);
        const s = performance.now();
        // As a kiosk submits a resident's visit: the site's ticket first (drawn on the forms), then the visit naming it.
        const ticket = await again(() => kiosk.call<HallResults['kiosk.ticket']>('kiosk.ticket', { day: DAY }));
        if (!ticket.ok) throw new Error(`kiosk.ticket refused: ${ticket.code}`);
        const answer = await again(() => kiosk.call('kiosk.submit', {
          submissionKey: v.key, hallTicket: ticket.result!.ticketNumber, day: DAY, procedureId: 'juminhyo',
          forms: [{ templateId: 'juminhyo', templateVersion: 1, pdfBase64: v.pdf.toString('base64'), values }],
        }));
        if (!answer.ok) throw new Error(`kiosk.submit refused: ${answer.code}`);
        acked.push(performance.now() - s);
      }
    }),
  ).finally(() => (kiosksDone = true));
  const hallSeconds = (performance.now() - t0) / 1000;
  const submitted = KIOSKS * PER_KIOSK;
  const cpu = { hall: ((await hallCpuMs()) - cpu0.hall) / submitted, pg: (pgCpuMs(rig.db) - cpu0.pg) / submitted, bench: (ownCpuMs() - cpu0.bench) / submitted };
  for (const desk of await desksSettled) if (desk.status === 'rejected') throw desk.reason;
  await statements('read');
  for (const ws of queueSockets) ws.close();
  const hallAcked = sorted(acked);

  phase('the embedded store');
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

  phase('the outbox phase');
  // ── the outbox: the hall stops, every kiosk queues visits in its outbox, the hall returns; until every one is empty ──
  // The outboxes run in processes of their own (`hall-outboxes.ts`), a share of the kiosks each.
  const groups = Array.from({ length: OUTBOX_PROCESSES }, (_, g) => kioskCredentials.map((c, k) => ({ k, c })).filter(({ k }) => k % OUTBOX_PROCESSES === g));
  for (const group of groups) {
    const child = fork(join(import.meta.dirname, 'hall-outboxes.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    outboxChildren.push(child);
    const kiosks = group.map(({ k, c }) => ({ k, credential: { version: 1 as const, hall: `https://localhost:${port}`, ...c, ca: rig.tls.ca } }));
    await askChild(child, { start: { dir: rig.dir, kiosks, queued: QUEUED, pdfBytes: PDF_BYTES, day: DAY } }, 'started');
  }
  await sleep(500);
  await hall.close();
  const emptied: { k: number; at: number; firstAt?: number }[] = [];
  const drained = new Promise<void>((resolve) => {
    for (const child of outboxChildren) {
      child.on('message', (m: { emptied?: number; at: number; firstAt?: number }) => {
        if (m.emptied === undefined) return;
        emptied.push({ k: m.emptied, at: m.at, ...(m.firstAt !== undefined ? { firstAt: m.firstAt } : {}) });
        if (emptied.length === KIOSKS) resolve();
      });
    }
  });
  let waiting = 0;
  for (const child of outboxChildren) waiting += (await askChild<{ filled: number }>(child, { fill: true }, 'filled')).filled;
  await sleep(3000); // every outbox has found the hall gone at least once
  phase('the hall returns');
  hall = await startHall(rig, port);
  const back = performance.timeOrigin + performance.now();
  const drainCpu0 = { hall: await hallCpuMs(), pg: pgCpuMs(rig.db), outboxes: await outboxCpuMs() };
  await Promise.race([drained, sleep(120_000)]);
  const drainedMs = emptied.length === KIOSKS ? Math.max(...emptied.map((e) => e.at)) - back : NaN;
  const firstForward = emptied.map((e) => (e.firstAt ?? e.at) - back);
  // The CPU time per drained visit (the outboxes' includes their own watch: one listing per round).
  const drainCpu = { hall: ((await hallCpuMs()) - drainCpu0.hall) / waiting, pg: (pgCpuMs(rig.db) - drainCpu0.pg) / waiting, outboxes: ((await outboxCpuMs()) - drainCpu0.outboxes) / waiting };
  const firstSorted = sorted(firstForward);
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
    [`queue.list latency, p95 (desks, while filling; ${lists.length} lists on ${queueEvents} queue-changed events)`, ms(quantile(sorted(lists), 0.95)), '', ''],
    ['connections reset or refused, retried (under load)', String(resets), '', ''],
    [`CPU per submission: hall ${flags['in-process'] ? '(with the kiosks) ' : ''}/ PostgreSQL / kiosks+desks`, `${flags['in-process'] ? cpu.bench.toFixed(1) : cpu.hall.toFixed(1)} / ${cpu.pg.toFixed(1)} / ${flags['in-process'] ? '—' : cpu.bench.toFixed(1)} ms`, '', ''],
    [`mirror kiosk → desk, median (${mirrorsSent} sent by ${KIOSKS} kiosks, ${mirrorLatency.length} delivered to ${DESKS} desks)`, ms(quantile(mirrorSorted, 0.5)), '', ''],
    ['mirror kiosk → desk, p95', ms(quantile(mirrorSorted, 0.95)), 'local desk: same process', `≤ 50 ms: ${verdict(quantile(mirrorSorted, 0.95) <= 50)}`],
    [`CPU per drained visit: hall / PostgreSQL / ${KIOSKS} outboxes (${OUTBOX_PROCESSES} processes)`, `${drainCpu.hall.toFixed(1)} / ${drainCpu.pg.toFixed(1)} / ${drainCpu.outboxes.toFixed(1)} ms`, '', ''],
    [`outbox drained after the hall returns (${waiting} waiting)`, Number.isNaN(drainedMs) ? '> 120 s' : ms(drainedMs), '', `≤ 2 s: ${verdict(drainedMs <= 2000)}`],
    ['  first forward per outbox after return, median', ms(quantile(firstSorted, 0.5)), '', ''],
    ['  first forward per outbox after return, max', ms(firstSorted.at(-1) ?? NaN), '', ''],
  ];
  console.log(`\nthe hall (PostgreSQL, HTTPS /rpc, ${flags['in-process'] ? 'on the bench\'s thread' : 'its own process'}) vs the embedded store (one kiosk's SQLite queue) — ${KIOSKS} kiosks × ${PER_KIOSK} visits of a ${PDF_BYTES / 1024} KB PDF + values, ${DESKS} desks listing and claiming; ${onHall} on the hall at the end`);
  const head: [string, string, string, string] = ['measure', 'hall', 'embedded', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
  if (statementsTable.length > 0) console.log(`\nPostgreSQL, the submit phase's statements by time (execution + planning):\n${statementsTable.join('\n')}`);
} finally {
  for (const child of outboxChildren) {
    if (child.exitCode !== null) continue;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.send({ stop: true });
    await exited;
  }
  for (const q of queues) q.close();
  for (const c of clients) c.close();
  for (const ws of sockets) ws.terminate();
  await hall.close().catch(() => {});
  await rig.remove();
}

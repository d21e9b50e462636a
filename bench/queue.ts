// npm run bench:queue — the clerk queue: how long the kiosk waits for "sent" (enqueue until the commit is on disk),
// and how many submissions a second the store takes, for 1,000 submissions of a ~50 KB PDF each. Prints a table;
// asserts nothing. BENCH_QUEUE_DIR puts the file on another disk (default: the OS temp folder).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClerkQueue, clerkQueueHandOff, keyFolderStore } from '../src-main/counter/queue';

const COUNT = Number(process.env.BENCH_SUBMISSIONS ?? 1000);
const PDF_BYTES = 50 * 1024;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)]!;
}
const ms = (v: number) => v.toFixed(2);

const dir = mkdtempSync(join(process.env.BENCH_QUEUE_DIR ?? tmpdir(), 'kakanai-bench-queue-'));
// The key in a folder of its own, apart from the data, removed with it.
const keysDir = mkdtempSync(join(tmpdir(), 'kakanai-bench-queue-keys-'));
const keys = keyFolderStore(keysDir);
const queue = new ClerkQueue({ dir, keys, retention: { kind: 'max-age', ms: 24 * 3600_000 } });
const output = clerkQueueHandOff(queue);
// Random bytes: a real form PDF is mostly Flate-compressed streams and embedded font subsets, i.e. incompressible.
const pdfs = Array.from({ length: 16 }, () => randomBytes(PDF_BYTES));
const values = new Map<string, string | boolean>([
  ['applicant.name', '見本　花子'],
  ['applicant.address', '千葉県香取市佐原ロ２１２７番地'],
  ['applicant.birthDate', '1985-04-12'],
  ['purpose', '年金の手続きのため'],
  ['include.householder', true],
]);

const latencies: number[] = [];
const t0 = performance.now();
for (let i = 0; i < COUNT; i++) {
  const start = performance.now();
  await output.sendToClerk({
    ticketNumber: `A-${String(i + 1).padStart(4, '0')}`,
    day: '2025-04-01',
    procedureId: 'juminhyo-request',
    forms: [{ templateId: 'juminhyo-request', templateVersion: 1, pdf: pdfs[i % pdfs.length]!, values }],
  });
  latencies.push(performance.now() - start);
}
const totalMs = performance.now() - t0;
latencies.sort((a, b) => a - b);
const fileMb = (statSync(queue.file).size + statSync(`${queue.file}-wal`).size) / 1024 / 1024;

const listStart = performance.now();
const listed = queue.list().length;
const listMs = performance.now() - listStart;
const openTimes: number[] = [];
for (let i = 0; i < 200; i++) {
  const s = performance.now();
  queue.open(1 + ((i * 7) % COUNT), { kind: 'clerk', id: 'bench' });
  openTimes.push(performance.now() - s);
}
openTimes.sort((a, b) => a - b);
// The clerk's "done": status change + purge of that one submission (secure_delete, WAL truncate) with 1,000 queued.
const doneTimes: number[] = [];
for (let id = 1; id <= 20; id++) {
  queue.setStatus(id, 'confirmed', { kind: 'clerk', id: 'bench' });
  const s = performance.now();
  queue.setStatus(id, 'done', { kind: 'clerk', id: 'bench' });
  doneTimes.push(performance.now() - s);
}
doneTimes.sort((a, b) => a - b);
const purgeStart = performance.now();
queue.close();
// A purge of the whole day: delete, VACUUM, truncate the WAL.
const later = new ClerkQueue({ dir, keys, retention: { kind: 'max-age', ms: 0 } });
const purgeMs = performance.now() - purgeStart;
const left = later.list().length;
later.close();
rmSync(dir, { recursive: true, force: true });
rmSync(keysDir, { recursive: true, force: true });

const rows: [string, string][] = [
  ['submissions', `${COUNT} × ${PDF_BYTES / 1024} KB PDF + values`],
  ['acknowledged latency, median', `${ms(quantile(latencies, 0.5))} ms`],
  ['acknowledged latency, p95', `${ms(quantile(latencies, 0.95))} ms`],
  ['acknowledged latency, max', `${ms(latencies.at(-1)!)} ms`],
  ['submissions / second', (COUNT / (totalMs / 1000)).toFixed(0)],
  ['database + WAL size', `${fileMb.toFixed(1)} MB`],
  [`list (${listed} summaries)`, `${ms(listMs)} ms`],
  ['open one (decrypt 50 KB), median', `${ms(quantile(openTimes, 0.5))} ms`],
  ['mark done (purges that one), median', `${ms(quantile(doneTimes, 0.5))} ms`],
  ['reopen, purge all + VACUUM + WAL truncate', `${ms(purgeMs)} ms (${left} left)`],
];
const width = Math.max(...rows.map(([k]) => k.length));
console.log(`\nclerk queue (SQLite WAL, synchronous=FULL, AES-256-GCM) — ${dir.startsWith(tmpdir()) ? tmpdir() : process.env.BENCH_QUEUE_DIR} on this machine`);
console.log(`${'measure'.padEnd(width)} | value`);
console.log(`${'-'.repeat(width)}-|------`);
for (const [k, v] of rows) console.log(`${k.padEnd(width)} | ${v}`);

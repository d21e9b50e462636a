// Crash safety of the whole counter service: a child runs the real service (card read on the rig's pcscd, render,
// session.submit into the SQLite clerk queue) visit after visit, and is killed with SIGKILL at random moments —
// while starting, mid-visit, and inside session.submit (render and commit). After each kill it is started again on
// the same folder, until 200 visits were acknowledged. Then: every acknowledged visit is in the store exactly once
// under the ticket the kiosk showed, nothing is there twice, `PRAGMA integrity_check` says ok, and every record decrypts.
// Then the retention window passes: nothing of the resident is left in the database files.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { cardFromFixture } from '../../../card-reader/virtual-card/emulate';
import { loadCardFixture, loadResidentFixture, residentFixturePath } from '../../../card-reader/virtual-card/resident-fixture';
import { VpcdCardClient } from '../../../card-reader/virtual-card/vpcd-client';
import { ClerkQueue, keyFolderStore } from '../queue';

const rig = inject('rig');
const child = join(import.meta.dirname, 'crash-service-child.ts');
const TOTAL = 200;
const KILLING_ROUNDS = 14;
const resident = loadResidentFixture(residentFixturePath('demo'));
const retention = { kind: 'max-age', ms: 24 * 3600_000 } as const;

/** Whether a text is in the bytes, in UTF-8 or UTF-16 either way. */
function found(bytes: Buffer, text: string): boolean {
  const le = Buffer.from(text, 'utf16le');
  return [Buffer.from(text, 'utf8'), le, Buffer.from(le).swap16()].some((needle) => bytes.includes(needle));
}

type Phase = 'starting' | 'visit' | 'submit' | 'between';
interface Round {
  /** Visits the child started (a number is never started twice across rounds). */
  started: number[];
  acked: Map<number, string>;
  /** Where the child was when the kill landed; undefined when it was not killed. */
  killedIn: Phase | undefined;
  /** The visit in flight at the kill, if any. */
  inFlight: number | undefined;
  finished: boolean;
}

type Kill = { mode: 'spawn' | 'ready'; afterMs: number } | { mode: 'submit'; k: number; delayMs: number };

/**
 * One life of the service. `kill`: SIGKILL `afterMs` after the spawn (mostly lands in the start-up) or after "ready"
 * (somewhere in the visits); or `delayMs` after the k-th "submit" line, i.e. inside render + commit. undefined: no kill.
 */
function runChild(dir: string, from: number, to: number, kill: Kill | undefined): Promise<Round> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, dir, String(from), String(to), 'demo'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...rig.env, KAKANAI_CRASH_READER: rig.readers[0]!.name },
    });
    const round: Round = { started: [], acked: new Map(), killedIn: undefined, inFlight: undefined, finished: false };
    let phase: Phase = 'starting';
    let current: number | undefined;
    let submits = 0;
    let killed = false;
    const killNow = () => {
      if (killed || round.finished) return;
      killed = true;
      round.killedIn = phase;
      round.inFlight = phase === 'visit' || phase === 'submit' ? current : undefined;
      p.kill('SIGKILL');
    };
    let buffered = '';
    p.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [word, n, ticket] = line.split(' ');
        if (killed) continue; // a line written just before the kill: the parent's view is what it saw before
        if (word === 'ready') {
          phase = 'between';
          if (kill?.mode === 'ready') setTimeout(killNow, kill.afterMs);
        }
        else if (word === 'visit') {
          [phase, current] = ['visit', Number(n)];
          round.started.push(Number(n));
        } else if (word === 'submit') {
          phase = 'submit';
          submits++;
          if (kill?.mode === 'submit' && submits === kill.k) setTimeout(killNow, kill.delayMs);
        } else if (word === 'ack') {
          [phase, current] = ['between', undefined];
          round.acked.set(Number(n), ticket!);
        } else if (word === 'finished') round.finished = true;
      }
    });
    const timer = kill?.mode === 'spawn' ? setTimeout(killNow, kill.afterMs) : undefined;
    const guard = setTimeout(() => p.kill('SIGKILL'), 90_000);
    p.on('error', reject);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      if (!killed && !round.finished) reject(new Error(`the service child ended by itself (code ${code}, signal ${signal})`));
      else resolve(round);
    });
  });
}

let card: VpcdCardClient;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kakanai-crash-service-'));
  // One card stays on the reader: each visit reads it with its PIN, as a resident's card would be read.
  card = new VpcdCardClient(cardFromFixture(loadCardFixture(residentFixturePath('demo'))), { port: rig.cardPort });
  await card.insert();
});
afterAll(async () => {
  await card?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('keeps every acknowledged submission exactly once across kill -9 of the whole service, and the store stays sound', async () => {
  const acked = new Map<number, string>();
  const inFlightAtKill = new Set<number>();
  const killedIn: Phase[] = [];
  let next = 0;
  for (let round = 0; acked.size < TOTAL; round++) {
    const random = (n: number) => Math.floor(Math.random() * n);
    const kills: Kill[] = [
      { mode: 'submit', k: 1 + random(12), delayMs: random(20) },
      { mode: 'ready', afterMs: random(800) },
      { mode: 'spawn', afterMs: random(2_000) },
    ];
    const kill = round < KILLING_ROUNDS ? kills[round % kills.length] : undefined;
    const result = await runChild(dir, next, next + (TOTAL - acked.size), kill);
    for (const [n, ticket] of result.acked) acked.set(n, ticket);
    if (result.killedIn) killedIn.push(result.killedIn);
    if (result.inFlight !== undefined) inFlightAtKill.add(result.inFlight);
    // The visit in flight at the kill is never sent again: the resident saw no "sent", and starts over as a new visit.
    if (result.started.length > 0) next = Math.max(...result.started) + 1;
  }
  // The kills really interrupted the service, several of them inside session.submit (render and commit).
  expect(killedIn.length).toBeGreaterThanOrEqual(KILLING_ROUNDS - 2);
  expect(killedIn.filter((k) => k === 'submit').length).toBeGreaterThanOrEqual(3);

  const queue = new ClerkQueue({ dir: join(dir, 'data', 'queue'), keys: keyFolderStore(join(dir, 'keys')), retention });
  try {
    expect(queue.integrityCheck()).toEqual(['ok']);
    const stored = new Map<number, string[]>();
    const all = queue.list();
    for (const summary of all) {
      // Every record decrypts (AES-GCM checks each byte) and holds a real PDF and the visit's own answer.
      const [form, ...others] = queue.open(summary.id, { kind: 'system', id: 'crash-test' }).reveal();
      expect(others).toEqual([]);
      expect(Buffer.from(form!.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      expect(form!.values['applicant.name']).toBe(resident.name);
      const visit = Number(/^crash-visit-(\d+)$/.exec(String(form!.values['purpose']))?.[1]);
      expect(Number.isInteger(visit), `a visit number in record ${summary.id}`).toBe(true);
      stored.set(visit, [...(stored.get(visit) ?? []), summary.ticketNumber]);
    }
    // Acknowledged: present exactly once, under the ticket the kiosk showed.
    expect(acked.size).toBe(TOTAL);
    for (const [n, ticket] of acked) expect(stored.get(n), `visit ${n}`).toEqual([ticket]);
    // Nothing twice; the only unacknowledged records are visits a kill cut off after their commit.
    for (const [n, tickets] of stored) {
      expect(tickets, `visit ${n}`).toHaveLength(1);
      if (!acked.has(n)) expect(inFlightAtKill.has(n), `visit ${n} stored but never acknowledged nor cut off`).toBe(true);
    }
    const tickets = all.map((s) => s.ticketNumber);
    expect(new Set(tickets).size, 'ticket numbers are unique across restarts').toBe(tickets.length);
    // Purge: a day later (opening the queue purges what expired), no name, address, My Number or ciphertext is left.
    const raw = new Database(queue.file, { readonly: true });
    const sealed = (raw.prepare('SELECT pdf_sealed, values_sealed FROM submission_forms').all() as { pdf_sealed: Buffer; values_sealed: Buffer }[]).flatMap((r) => [
      r.pdf_sealed.subarray(20, 52),
      r.values_sealed.subarray(20, 52),
    ]);
    raw.close();
    expect(sealed).toHaveLength(2 * all.length);
    queue.close();
    const later = new ClerkQueue({ dir: join(dir, 'data', 'queue'), keys: keyFolderStore(join(dir, 'keys')), retention, clock: () => Date.now() + retention.ms + 3600_000 });
    try {
      expect(later.list()).toEqual([]);
      expect(later.integrityCheck()).toEqual(['ok']);
      for (const file of [later.file, `${later.file}-wal`, `${later.file}-shm`]) {
        const bytes = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
        for (const text of [resident.name, resident.address, resident.myNumber]) expect(found(bytes, text), `${file}`).toBe(false);
        expect(sealed.some((chunk) => bytes.includes(chunk)), `ciphertext in ${file}`).toBe(false);
      }
    } finally {
      later.close();
    }
    console.info(`crash-service: ${killedIn.length} kills (${(['starting', 'visit', 'submit', 'between'] as const).map((p) => `${p} ${killedIn.filter((k) => k === p).length}`).join(', ')}); ${acked.size} acknowledged, ${stored.size - acked.size} committed but cut off before the acknowledgement`);
  } finally {
    queue.close();
  }
}, 180_000);

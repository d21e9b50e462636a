import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadAllResidentFixtures } from '../../../card-reader/virtual-card/resident-fixture';
import { PrivateFolderError } from '../private-folder';
import { ClerkQueue, QueueError, expiresAt, keyFolderStore, queueKeyFileName, type KeyProtector, type NewSubmission } from '.';

// The demo resident (fixtures/residents/demo.json) and a second, made-up one: the strings a leak would show.
const resident = { name: '見本　花子', address: '千葉県香取市佐原ロ２１２７番地', myNumber: '123456789018', phone: '000-0000-0000' };
const other = { name: '試験　次郎', address: '千葉県香取市佐原イ９９番地', myNumber: '876543210987' };
const clerk = { kind: 'clerk', id: 'clerk-07' } as const;

/** A PDF whose text sits uncompressed in the bytes, so an unsealed copy anywhere in the file would be found. */
function plainPdf(...texts: string[]): Uint8Array {
  return Buffer.from(`%PDF-1.7\n1 0 obj << /Length 99 >> stream\nBT (${texts.join(') Tj (')}) Tj ET\nendstream endobj\n%%EOF\n`, 'utf8');
}

function submission(ticketNumber: string, who: typeof resident | typeof other = resident, key?: string): NewSubmission {
  return {
    ticketNumber,
    day: '2025-04-01',
    procedureId: 'jido-teate-nintei',
    ...(key ? { submissionKey: key } : {}),
    forms: [
      {
        templateId: 'jido-teate-nintei',
        templateVersion: 1,
        pdf: plainPdf(who.name, who.address, who.myNumber),
        values: { 'claimant.name': who.name, 'claimant.address': who.address, 'claimant.myNumber': who.myNumber, 'account.method': 'public' },
      },
    ],
  };
}

/** Every encoding a name might be written in (UTF-8, UTF-16 either way) → whether any appears in the bytes. */
function leaks(bytes: Buffer, text: string): boolean {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  return [Buffer.from(text, 'utf8'), le, be].some((needle) => bytes.includes(needle));
}

function fileBytes(queue: ClerkQueue): { db: Buffer; wal: Buffer; shm: Buffer } {
  const read = (file: string) => (existsSync(file) ? readFileSync(file) : Buffer.alloc(0));
  return { db: read(queue.file), wal: read(`${queue.file}-wal`), shm: read(`${queue.file}-shm`) };
}

const opened: ClerkQueue[] = [];
const roots: string[] = [];
/** A temp folder per queue, holding its data folder (queue/) and, apart from it, its key folder (keys/). */
function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'kakanai-queue-'));
  roots.push(root);
  return root;
}
const keysOf = (dir: string) => join(dir, '..', 'keys');
function newQueue(options: { dir?: string; clock?: () => number; purgeWhenDone?: boolean } = {}) {
  const dir = options.dir ?? join(tempRoot(), 'queue');
  const queue = new ClerkQueue({
    dir,
    keys: keyFolderStore(keysOf(dir)),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.purgeWhenDone !== undefined ? { purgeWhenDone: options.purgeWhenDone } : {}),
  });
  opened.push(queue);
  return { queue, dir };
}
afterEach(() => {
  for (const q of opened.splice(0)) q.close();
});
afterAll(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function expectQueueError(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(QueueError);
    expect((e as QueueError).code).toBe(code);
    return;
  }
  throw new Error(`expected QueueError ${code}`);
}

describe('the clerk queue', () => {
  it('lists submissions in arrival order with metadata only, and opens one with its PDF and values', () => {
    const { queue } = newQueue();
    const a = queue.enqueue(submission('A-001'));
    const b = queue.enqueue(submission('A-002', other));
    const list = queue.list();
    expect(list.map((s) => [s.id, s.ticketNumber, s.status])).toEqual([
      [a, 'A-001', 'submitted'],
      [b, 'A-002', 'submitted'],
    ]);
    expect(list[0]!.forms).toEqual([{ position: 0, templateId: 'jido-teate-nintei', templateVersion: 1 }]);
    expect(JSON.stringify(list)).not.toContain(resident.name);

    const sub = queue.open(b, clerk);
    const [form] = sub.reveal();
    expect(Buffer.from(form!.pdf).toString('utf8')).toContain(other.name);
    expect(form!.values['claimant.myNumber']).toBe(other.myNumber);
    expect(form!.values['account.method']).toBe('public');
    // The opened submission redacts like ResidentInfo does.
    expect(JSON.stringify(sub)).not.toContain(other.name);
    expect(String(sub)).not.toContain(other.name);
  });

  it('moves submitted → confirmed → done with a history of who did it, and purges a done one at once, ciphertext and all', () => {
    const { queue } = newQueue();
    const id = queue.enqueue(submission('A-001'));
    queue.enqueue(submission('A-002', other)); // a neighbour stays: the file is not simply emptied
    const raw = new Database(queue.file, { readonly: true });
    const sealed = (raw.prepare('SELECT pdf_sealed FROM submission_forms WHERE submission_id = ?').get(id) as { pdf_sealed: Buffer }).pdf_sealed;
    raw.close();
    queue.setStatus(id, 'confirmed', clerk);
    const history = queue.open(id, clerk).history;
    expect(history.map((h) => [h.status, h.actor.kind, h.actor.id])).toEqual([
      ['submitted', 'kiosk', 'kiosk'],
      ['confirmed', 'clerk', 'clerk-07'],
    ]);
    expect(queue.setStatus(id, 'done', clerk).status).toBe('done');
    expect(queue.list().map((s) => s.ticketNumber)).toEqual(['A-002']);
    const both = Buffer.concat(Object.values(fileBytes(queue)));
    expect(both.includes(sealed.subarray(20, 52))).toBe(false);
    expectQueueError(() => queue.open(id, clerk), 'not-found');
    expect(queue.auditLog().filter((e) => e.action === 'purge').map((e) => e.detail)).toEqual(['done']);
  });

  it('returns a submission with a reason code, and refuses transitions that skip or reverse a step', () => {
    const { queue } = newQueue();
    const id = queue.enqueue(submission('A-001'));
    expectQueueError(() => queue.setStatus(id, 'done', clerk), 'bad-transition');
    expectQueueError(() => queue.setStatus(id, 'returned', clerk), 'bad-transition');
    const returned = queue.setStatus(id, 'returned', clerk, 'missing-document');
    expect([returned.status, returned.returnReason]).toEqual(['returned', 'missing-document']);
    expectQueueError(() => queue.setStatus(id, 'confirmed', clerk), 'bad-transition');
    expectQueueError(() => queue.correctField(id, { position: 0, fieldId: 'claimant.phone', value: '1' }, clerk), 'bad-transition');
  });

  it('hands waiting submissions over to the hall in one write each: submitted → done, history and audit beside, others left as they are', () => {
    const { queue } = newQueue({ purgeWhenDone: false });
    const a = queue.enqueue(submission('A-001'));
    const b = queue.enqueue(submission('A-002', other));
    const returned = queue.enqueue(submission('A-003'));
    queue.setStatus(returned, 'returned', clerk, 'other');
    const outbox = { kind: 'system', id: 'hall-outbox' } as const;
    expect(queue.handedOver([a, b, returned, 9999], outbox)).toEqual([a, b]);
    expect(queue.list().map((s) => [s.ticketNumber, s.status])).toEqual([
      ['A-001', 'done'],
      ['A-002', 'done'],
      ['A-003', 'returned'],
    ]);
    expect(queue.open(a, clerk).history.map((h) => [h.status, h.actor.id])).toEqual([
      ['submitted', 'kiosk'],
      ['done', 'hall-outbox'],
    ]);
    expect(queue.auditLog().filter((e) => e.actor.id === 'hall-outbox').map((e) => [e.submissionId, e.detail])).toEqual([
      [a, 'submitted-to-done'],
      [b, 'submitted-to-done'],
    ]);
    expect(queue.handedOver([a], outbox)).toEqual([]); // already done: nothing written twice
    expect(queue.purge()).toBe(2);
  });

  it('stores a retried submission once (same submission key)', () => {
    const { queue } = newQueue();
    const first = queue.enqueue(submission('A-001', resident, 'session-1'));
    const again = queue.enqueue(submission('A-001', resident, 'session-1'));
    expect(again).toBe(first);
    expect(queue.list()).toHaveLength(1);
  });

  it('keeps nothing of a resident in plaintext in the database file or its WAL', () => {
    const { queue } = newQueue();
    queue.enqueue(submission('A-001'));
    queue.enqueue(submission('A-002', other));
    const { db, wal } = fileBytes(queue);
    // The WAL holds the last commits (nothing checkpointed yet): the search must cover it to mean anything.
    expect(wal.length).toBeGreaterThan(0);
    const both = Buffer.concat([db, wal]);
    expect(both.includes(Buffer.from('A-002'))).toBe(true); // the search itself works: a plaintext column is found
    for (const who of [resident, other]) for (const text of Object.values(who)) expect(leaks(both, text), text).toBe(false);
  });

  it('refuses a changed byte, or a sealed value moved to another record, with a typed error', () => {
    const { queue } = newQueue();
    const a = queue.enqueue(submission('A-001'));
    const b = queue.enqueue(submission('A-002', other));
    const raw = new Database(queue.file);
    const sealed = (raw.prepare('SELECT pdf_sealed FROM submission_forms WHERE submission_id = ?').get(a) as { pdf_sealed: Buffer }).pdf_sealed;
    sealed[sealed.length - 5]! ^= 0x01;
    raw.prepare('UPDATE submission_forms SET pdf_sealed = ? WHERE submission_id = ?').run(sealed, a);
    // Moving B's values under A's record: the ciphertext is intact, but it names another record.
    const bValues = (raw.prepare('SELECT values_sealed FROM submission_forms WHERE submission_id = ?').get(b) as { values_sealed: Buffer }).values_sealed;
    raw.prepare('UPDATE submission_forms SET values_sealed = ? WHERE submission_id = ?').run(bValues, a);
    raw.close();
    expectQueueError(() => queue.open(a, clerk), 'tampered');
    expect(queue.open(b, clerk).reveal()[0]!.values['claimant.name']).toBe(other.name);
  });

  it('cannot open records with another key', () => {
    const { queue, dir } = newQueue();
    const id = queue.enqueue(submission('A-001'));
    queue.close();
    const otherKeys = keyFolderStore(join(dir, '..', 'other-keys'));
    otherKeys.save(queue.queueId, randomBytes(32));
    const other = new ClerkQueue({ dir, keys: otherKeys });
    opened.push(other);
    expectQueueError(() => other.open(id, clerk), 'tampered');
  });

  it('keeps its key in the key folder, apart from the data, readable by the owner only, and makes a looser one private again', () => {
    const { queue, dir } = newQueue();
    const id = queue.enqueue(submission('A-001'));
    queue.close();
    expect(readdirSync(dir).filter((f) => f.includes('key'))).toEqual([]);
    const keyFile = join(keysOf(dir), queueKeyFileName(queue.queueId, false));
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(keysOf(dir)).mode & 0o777).toBe(0o700);
    // The key folder is made private again on open; a key file others could read is refused, not silently fixed.
    chmodSync(keyFile, 0o644);
    const reopened = new ClerkQueue({ dir, keys: keyFolderStore(keysOf(dir)) });
    opened.push(reopened);
    expect(reopened.open(id, clerk).reveal()).toHaveLength(1);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('a copy of the data folder alone opens nothing: without the key folder the records stay sealed', () => {
    const { queue, dir } = newQueue();
    const id = queue.enqueue(submission('A-001'));
    queue.close();
    const copy = join(dir, '..', 'copied-queue');
    cpSync(dir, copy, { recursive: true });
    const elsewhere = new ClerkQueue({ dir: copy, keys: keyFolderStore(join(dir, '..', 'empty-keys')) });
    opened.push(elsewhere);
    expectQueueError(() => elsewhere.open(id, clerk), 'key-missing');
    expect(readdirSync(join(dir, '..', 'empty-keys'))).toEqual([]);
  });

  it('moves a queue-key.json kept beside the data (older versions) into the key store once, and removes it', () => {
    const root = tempRoot();
    const dir = join(root, 'queue');
    mkdirSync(dir, { mode: 0o700 });
    const legacyKey = randomBytes(32);
    writeFileSync(join(dir, 'queue-key.json'), JSON.stringify({ version: 1, queueKey: legacyKey.toString('base64') }), { mode: 0o600 });
    const { queue } = newQueue({ dir });
    expect(existsSync(join(dir, 'queue-key.json'))).toBe(false);
    const id = queue.enqueue(submission('A-001'));
    queue.close();
    expect(keyFolderStore(keysOf(dir)).load(queue.queueId)!.equals(legacyKey)).toBe(true);
    const { queue: again } = newQueue({ dir });
    expect(again.open(id, clerk).reveal()[0]!.values['claimant.name']).toBe(resident.name);
  });

  it('makes its folder 0700 and its files (the database, -wal, -shm) 0600 when they were left too open', () => {
    const root = tempRoot();
    const dir = join(root, 'queue');
    const first = newQueue({ dir }).queue;
    first.enqueue(submission('A-001'));
    first.close();
    chmodSync(dir, 0o755);
    for (const f of readdirSync(dir)) chmodSync(join(dir, f), 0o644);
    const { queue } = newQueue({ dir });
    queue.enqueue(submission('A-002'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['queue.sqlite', 'queue.sqlite-wal', 'queue.sqlite-shm']));
    for (const f of files) expect([f, statSync(join(dir, f)).mode & 0o777]).toEqual([f, 0o600]);
  });

  it('creates a new queue with the database, -wal and -shm 0600 whatever the umask', () => {
    const old = process.umask(0o022);
    try {
      const { queue, dir } = newQueue();
      queue.enqueue(submission('A-001'));
      for (const f of readdirSync(dir)) expect([f, statSync(join(dir, f)).mode & 0o777]).toEqual([f, 0o600]);
    } finally {
      process.umask(old);
    }
  });

  it.runIf(process.getuid?.() === 0)('refuses a queue folder another user owns, with a typed error', () => {
    const dir = join(tempRoot(), 'queue');
    mkdirSync(dir, { mode: 0o755 });
    chownSync(dir, 65534, 65534);
    expect(() => newQueue({ dir })).toThrow(PrivateFolderError);
    expect(() => newQueue({ dir })).toThrow(expect.objectContaining({ code: 'not-ours' }));
  });

  it("wraps the key with the host's protector (Electron's safeStorage): the key file holds no usable key", () => {
    const secret = randomBytes(32);
    const iv = Buffer.alloc(16, 7);
    const protector: KeyProtector = {
      protect: (plain) => { const c = createCipheriv('aes-256-cbc', secret, iv); return Buffer.concat([c.update(plain), c.final()]); },
      unprotect: (sealed) => { const d = createDecipheriv('aes-256-cbc', secret, iv); return Buffer.concat([d.update(sealed), d.final()]); },
    };
    const root = tempRoot();
    const queue = new ClerkQueue({ dir: join(root, 'queue'), keys: keyFolderStore(join(root, 'keys'), protector) });
    opened.push(queue);
    const id = queue.enqueue(submission('A-001'));
    const file = join(root, 'keys', queueKeyFileName(queue.queueId, true));
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { protectedKey: string };
    const key = keyFolderStore(join(root, 'keys'), protector).load(queue.queueId)!;
    expect(Buffer.from(stored.protectedKey, 'base64').includes(key)).toBe(false);
    expect(readFileSync(file, 'utf8')).not.toContain(key.toString('base64'));
    expect(queue.open(id, clerk).reveal()[0]!.values['claimant.name']).toBe(resident.name);
    const withoutProtector = new ClerkQueue({ dir: join(root, 'queue'), keys: keyFolderStore(join(root, 'keys')) });
    opened.push(withoutProtector);
    expectQueueError(() => withoutProtector.open(id, clerk), 'key-missing');
  });

  it('after the retention window leaves nothing of the resident in the files, not even the ciphertext', () => {
    let now = Date.parse('2025-04-01T10:00:00+09:00');
    const { queue } = newQueue({ clock: () => now });
    const id = queue.enqueue(submission('A-001'));
    const raw = new Database(queue.file, { readonly: true });
    const sealed = (raw.prepare('SELECT pdf_sealed, values_sealed FROM submission_forms WHERE submission_id = ?').get(id) as { pdf_sealed: Buffer; values_sealed: Buffer });
    raw.close();
    // 17:59 the same day: still there.
    now = Date.parse('2025-04-01T17:59:00+09:00');
    expect(queue.purge()).toBe(0);
    expect(queue.list()).toHaveLength(1);
    now = Date.parse('2025-04-01T18:00:01+09:00');
    expect(queue.list()).toEqual([]); // hidden at once, even before the purge runs
    expect(queue.purge()).toBe(1);
    const { db, wal } = fileBytes(queue);
    const both = Buffer.concat([db, wal]);
    for (const text of Object.values(resident)) expect(leaks(both, text), text).toBe(false);
    for (const blob of [sealed.pdf_sealed, sealed.values_sealed]) {
      expect(both.includes(blob.subarray(20, 52))).toBe(false);
    }
    const purge = queue.auditLog().find((e) => e.action === 'purge');
    expect([purge?.submissionId, purge?.ticketNumber, purge?.detail]).toEqual([id, 'A-001', 'expired']);
    expect(queue.integrityCheck()).toEqual(['ok']);
  });

  it('after the retention window leaves no fixture resident in queue.sqlite, -wal or -shm: no name, address, My Number or ciphertext', () => {
    const fixtures = loadAllResidentFixtures();
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
    let now = Date.parse('2025-04-01T10:00:00+09:00');
    const { queue } = newQueue({ clock: () => now });
    const ids = fixtures.map((f, i) => queue.enqueue(submission(`A-${String(i + 1).padStart(3, '0')}`, { name: f.name, address: f.address, myNumber: f.myNumber })));
    // After hours: this one's window ends the next day, so the purge must pick, not empty the file.
    now = Date.parse('2025-04-01T18:30:00+09:00');
    queue.enqueue(submission('A-900', other));
    const raw = new Database(queue.file, { readonly: true });
    const sealed = ids.flatMap((id) => {
      const row = raw.prepare('SELECT pdf_sealed, values_sealed FROM submission_forms WHERE submission_id = ?').get(id) as { pdf_sealed: Buffer; values_sealed: Buffer };
      return [row.pdf_sealed.subarray(20, 52), row.values_sealed.subarray(20, 52)];
    });
    raw.close();
    // The search can find what it looks for: every record's ciphertext is in the files before the purge.
    const before = Buffer.concat(Object.values(fileBytes(queue)));
    for (const chunk of sealed) expect(before.includes(chunk)).toBe(true);

    now = Date.parse('2025-04-01T19:00:00+09:00');
    expect(queue.purge()).toBe(fixtures.length);
    expect(queue.list().map((s) => s.ticketNumber)).toEqual(['A-900']);
    const check = (bytes: Buffer, where: string) => {
      for (const f of fixtures) for (const text of [f.name, f.address, f.myNumber]) expect(leaks(bytes, text), `${f.id} in ${where}`).toBe(false);
      for (const chunk of sealed) expect(bytes.includes(chunk), `ciphertext in ${where}`).toBe(false);
    };
    for (const [file, bytes] of Object.entries(fileBytes(queue))) check(bytes, file);
    expect(queue.integrityCheck()).toEqual(['ok']);
    queue.close();
    check(fileBytes(queue).db, 'the closed file');
  });

  it('applies a shortened retention to submissions already stored when the queue is opened again', () => {
    const now = Date.parse('2025-04-01T10:00:00+09:00');
    const { queue, dir } = newQueue({ clock: () => now });
    queue.enqueue(submission('A-001'));
    queue.close();
    const shorter = new ClerkQueue({ dir, keys: keyFolderStore(keysOf(dir)), clock: () => now + 60_000, retention: { kind: 'max-age', ms: 30_000 } });
    opened.push(shorter);
    expect(shorter.list()).toEqual([]);
    expect(shorter.auditLog().filter((e) => e.action === 'purge').map((e) => e.detail)).toEqual(['expired']);
  });

  it('records corrections and status changes in the audit log by field id, never by value', () => {
    const { queue } = newQueue({ purgeWhenDone: false });
    const id = queue.enqueue(submission('A-001'));
    const corrected = '千葉県香取市佐原ハ１番地';
    queue.correctField(id, { position: 0, fieldId: 'claimant.address', value: corrected }, clerk);
    queue.audit({ kind: 'desk', id: 'desk-2' }, 'pairing', { detail: 'paired' });
    queue.setStatus(id, 'confirmed', clerk);
    queue.setStatus(id, 'done', clerk);
    expect(queue.open(id, clerk).reveal()[0]!.values['claimant.address']).toBe(corrected);
    const log = queue.auditLog();
    expect(log.map((e) => [e.action, e.fieldId ?? e.detail])).toEqual([
      ['enqueue', null],
      ['correction', 'claimant.address'],
      ['pairing', 'paired'],
      ['status', 'submitted-to-confirmed'],
      ['status', 'confirmed-to-done'],
      ['open', null],
    ]);
    const text = JSON.stringify(log);
    for (const value of [...Object.values(resident), corrected]) expect(text).not.toContain(value);
    expect(leaks(Buffer.concat(Object.values(fileBytes(queue))), corrected)).toBe(false);
    expect(() => queue.audit(clerk, 'export', { detail: resident.name })).toThrow(RangeError);
  });
});

describe('the retention window', () => {
  const tokyo = { kind: 'end-of-business-day', endsAt: '18:00', timeZone: 'Asia/Tokyo' } as const;
  it('ends at the business day end of the arrival day, or the next day after hours', () => {
    expect(new Date(expiresAt(Date.parse('2025-04-01T09:00:00+09:00'), tokyo)).toISOString()).toBe('2025-04-01T09:00:00.000Z');
    expect(new Date(expiresAt(Date.parse('2025-04-01T19:30:00+09:00'), tokyo)).toISOString()).toBe('2025-04-02T09:00:00.000Z');
    expect(new Date(expiresAt(Date.parse('2025-03-31T23:30:00Z'), tokyo)).toISOString()).toBe('2025-04-01T09:00:00.000Z');
  });
  it('can be a fixed age instead', () => {
    expect(expiresAt(1000, { kind: 'max-age', ms: 60_000 })).toBe(61_000);
  });
});

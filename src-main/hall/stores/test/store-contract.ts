import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Retention } from '../../../counter/queue/retention';
import type { HallStores, VisitDurations } from '../contract.js';

export interface StoreTestOptions {
  clock?: () => number;
  retention?: Retention;
}

export interface StoreTestEnv {
  /** A new, independent connection to the same store. */
  open: (options?: StoreTestOptions) => HallStores | Promise<HallStores>;
  /** Every `table.column` (text or bytes, in every file or schema the stores write) holding one of these byte strings. */
  search: (needles: Buffer[]) => Promise<string[]>;
  teardown: () => Promise<void>;
}

const RESIDENTS_DIR = new URL('../../../../fixtures/residents/', import.meta.url);
/** Each fixture resident's name, kana and My Number: what must never be found in a column. */
const residents = readdirSync(RESIDENTS_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, RESIDENTS_DIR), 'utf8')) as { id: string; name: string; furigana?: string; myNumber: string });

const visit = (day: string, procedureId: string, outcome: VisitDurations['outcome'], cardMs: number): VisitDurations => ({
  day,
  procedureId,
  procedureKind: 'form',
  outcome,
  ms: { card: cardMs, pin: 1000, questions: null, review: null, 'clerk-wait': null, 'clerk-confirm': null },
});

const form = (text: string) => ({ templateId: 'juminhyo', templateVersion: 1, pdf: Buffer.from(`%PDF-1.7 ${text}`, 'utf8'), values: { 'name.kanji': text } });

/** The ONE suite both implementations pass. `open()` opens an independent connection to the same store. */
export function describeStores(kind: string, setup: () => Promise<StoreTestEnv>): void {
  describe(`hall stores (${kind})`, () => {
    let env: StoreTestEnv;
    const opened: HallStores[] = [];
    const open = async (options?: StoreTestOptions): Promise<HallStores> => {
      const s = await env.open(options);
      opened.push(s);
      return s;
    };
    beforeEach(async () => {
      env = await setup();
    });
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await env.teardown();
    });

    it('numbers tickets per site and day from 1, without gaps, across two connections at once', async () => {
      const [a, b] = [await open(), await open()];
      const taken = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).tickets.next('honcho', '2026-12-05', i % 2 ? 'k1' : 'k2')),
      );
      expect(taken.map((t) => t.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect((await a.tickets.next('shisho', '2026-12-05', 'k3')).number).toBe(1);
      expect((await a.tickets.next('honcho', '2026-12-06', 'k1')).number).toBe(1);
      expect(await b.tickets.list('honcho', '2026-12-05')).toHaveLength(20);
    });

    it('records an offline ticket once per kiosk and marks it', async () => {
      const s = await open();
      expect(await s.tickets.recordOffline('honcho', '2026-12-05', 'k1', 1)).toBe(true);
      expect(await s.tickets.recordOffline('honcho', '2026-12-05', 'k1', 1)).toBe(false);
      expect(await s.tickets.recordOffline('honcho', '2026-12-05', 'k2', 1)).toBe(true);
      await s.tickets.next('honcho', '2026-12-05', 'k3');
      const list = await s.tickets.list('honcho', '2026-12-05');
      expect(list.map((t) => [t.number, t.kiosk, t.offline])).toEqual([
        [1, 'k3', false],
        [1, 'k1', true],
        [1, 'k2', true],
      ]);
    });

    it('says which online tickets it issued to a kiosk: not another kiosk\'s, not an offline one, not one never issued', async () => {
      const s = await open();
      const mine = await s.tickets.next('honcho', '2026-12-05', 'k1');
      const theirs = await s.tickets.next('honcho', '2026-12-05', 'k2');
      await s.tickets.recordOffline('honcho', '2026-12-05', 'k1', 9);
      const asked = [mine, theirs, { day: '2026-12-05', number: 9 }, { day: '2026-12-05', number: 40 }, { day: '2026-12-06', number: mine.number }];
      expect(await s.tickets.issuedTo('honcho', 'k1', asked.map((t) => ({ day: t.day, number: t.number })))).toEqual([{ day: '2026-12-05', number: mine.number }]);
      expect(await s.tickets.issuedTo('shisho', 'k1', [{ day: '2026-12-05', number: mine.number }])).toEqual([]);
      expect(await s.tickets.issuedTo('honcho', 'k1', [])).toEqual([]);
    });

    it('enrols a named device once with a one-time, expiring code kept only as a hash; revocation ends its credential', async () => {
      const [a, b] = [await open(), await open()];
      const kiosk = await a.registry.add('kiosk', 'honcho', '1階 A');
      await expect(a.registry.add('kiosk', 'honcho', '1階 A')).rejects.toThrow();
      const t0 = Date.UTC(2026, 11, 5, 0, 0);
      await a.registry.issueCode(kiosk.id, 'ENROL-1234', t0 + 600_000);
      await a.registry.issueCode(kiosk.id, 'ENROL-LATE', t0 + 1_000);
      expect(await a.registry.redeemCode('ENROL-LATE', 'cred-late', t0 + 2_000)).toBeNull();
      const both = await Promise.all([a.registry.redeemCode('ENROL-1234', 'cred-a', t0 + 5_000), b.registry.redeemCode('ENROL-1234', 'cred-b', t0 + 5_000)]);
      expect(both.filter((d) => d !== null)).toHaveLength(1);
      const cred = both[0] ? 'cred-a' : 'cred-b';
      expect((await b.registry.byCredential(cred))?.id).toBe(kiosk.id);
      await a.registry.seen(kiosk.id, t0 + 9_000, 'idle');
      expect(await b.registry.list('honcho')).toEqual([
        { id: kiosk.id, kind: 'kiosk', site: 'honcho', name: '1階 A', enrolled: true, revokedAt: null, lastSeenAt: t0 + 9_000, lastState: 'idle' },
      ]);
      await a.registry.revoke(kiosk.id, t0 + 10_000);
      expect(await b.registry.byCredential(cred)).toBeNull();
      expect((await b.registry.list('honcho'))[0]).toMatchObject({ enrolled: false, revokedAt: t0 + 10_000 });
      expect(await b.registry.list('shisho')).toEqual([]);
      const desk = await a.registry.add('desk', 'shisho', '窓口 1');
      expect((await b.registry.list()).map((d) => [d.site, d.kind, d.id])).toEqual([
        ['honcho', 'kiosk', kiosk.id],
        ['shisho', 'desk', desk.id],
      ]);
    });

    it('enqueues a forwarded submission once per key, even from two connections at once, and lists a site in ticket order', async () => {
      const [a, b] = [await open(), await open()];
      const sub = (ticketNumber: string, submissionKey: string) => ({ ticketNumber, day: '2026-12-05', procedureId: 'juminhyo', submissionKey, forms: [form('x')] });
      const both = await Promise.all([a.queue.enqueue('honcho', 'k1', sub('10', 'key-10')), b.queue.enqueue('honcho', 'k1', sub('10', 'key-10'))]);
      expect(both[0].id).toBe(both[1].id);
      expect(both.filter((r) => r.created)).toHaveLength(1);
      expect(await a.queue.enqueue('honcho', 'k1', sub('10', 'key-10'))).toEqual({ id: both[0].id, created: false });
      expect((await b.queue.byKey('key-10'))?.id).toBe(both[0].id);
      expect(await b.queue.byKey('key-none')).toBeUndefined();
      await b.queue.enqueue('honcho', 'k2', sub('9', 'key-9'));
      await b.queue.enqueue('shisho', 'k3', sub('1', 'key-1'));
      expect((await a.queue.list({ site: 'honcho' })).map((s) => [s.ticketNumber, s.kiosk, s.status, s.claimedBy])).toEqual([
        ['9', 'k2', 'submitted', null],
        ['10', 'k1', 'submitted', null],
      ]);
      expect((await a.queue.list()).map((s) => s.site)).toEqual(['shisho', 'honcho', 'honcho']);
      // A desk's line, not the submission: the desks list on every change, the forms come with `summary`.
      const line = (await a.queue.list({ site: 'honcho' }))[1]!;
      expect(Object.keys(line).sort()).toEqual(['claimedBy', 'createdAt', 'day', 'expiresAt', 'id', 'kiosk', 'procedureId', 'returnReason', 'site', 'status', 'ticketNumber', 'updatedAt']);
      expect(await a.queue.summary(line.id)).toEqual({ ...line, forms: [{ position: 0, templateId: 'juminhyo', templateVersion: 1 }] });
      const nine = (await a.queue.list({ site: 'honcho' }))[0]!;
      await a.queue.setStatus(nine.id, 'returned', { kind: 'clerk', id: 'suzuki' }, 'missing-document');
      expect((await b.queue.list({ site: 'honcho', status: ['submitted'] })).map((s) => s.ticketNumber)).toEqual(['10']);

      // The resident holds the kiosk's own ticket (the hall's answer came too late): it replaces the stored one.
      await b.queue.renumber(both[0].id, 'K3FA2-001', { kind: 'kiosk', id: 'k1' });
      expect((await a.queue.byKey('key-10'))?.ticketNumber).toBe('K3FA2-001');
      expect((await a.queue.auditLog()).find((e) => e.detail === 'ticket-number')).toMatchObject({ action: 'correction', ticketNumber: 'K3FA2-001' });
      await expect(a.queue.renumber(9999, 'K3FA2-002', { kind: 'kiosk', id: 'k1' })).rejects.toMatchObject({ code: 'not-found' });
    });

    it('enqueues a kiosk\'s batch at once: each key once (also a key repeated in the batch, one stored before, and two connections sending the same batch at once), answers in order, each sealed with its own forms, history and audit', async () => {
      const [a, b] = [await open(), await open()];
      const sub = (n: number) => ({ ticketNumber: `K3FA2-${String(n).padStart(3, '0')}`, day: '2026-12-05', procedureId: 'juminhyo', submissionKey: `batch-${n}`, forms: [form(`見本 ${n}`), form(`添付 ${n}`)] });
      const before = await a.queue.enqueue('honcho', 'k1', sub(2));
      const batch = [sub(1), sub(2), sub(3), sub(1), ...Array.from({ length: 8 }, (_, i) => sub(10 + i))];
      const [first, second] = await Promise.all([a.queue.enqueueMany('honcho', 'k1', batch), b.queue.enqueueMany('honcho', 'k1', batch)]);
      expect(first.map((r) => r.id)).toEqual(second.map((r) => r.id));
      expect(first[1]).toEqual({ id: before.id, created: false });
      expect(first[3]!.id).toBe(first[0]!.id);
      expect(new Set(first.map((r) => r.id)).size).toBe(11);
      // Each new key was created by exactly one of the two connections, once.
      const created = [...first, ...second].filter((r) => r.created).map((r) => r.id);
      expect(created.sort((x, y) => x - y)).toEqual([...new Set(first.map((r) => r.id))].filter((id) => id !== before.id).sort((x, y) => x - y));
      expect(await a.queue.enqueueMany('honcho', 'k1', [])).toEqual([]);
      const stored = await b.queue.byKeys(['batch-1', 'batch-3', 'batch-17', 'batch-none']);
      expect([...stored.keys()].sort()).toEqual(['batch-1', 'batch-17', 'batch-3']);
      expect(stored.get('batch-3')).toMatchObject({ id: first[2]!.id, site: 'honcho', kiosk: 'k1', ticketNumber: 'K3FA2-003', status: 'submitted' });
      expect(stored.get('batch-3')!.forms).toHaveLength(2);
      const opened = await a.queue.open(first[11]!.id, { kind: 'clerk', id: 'sato' });
      expect(opened.reveal().map((f) => f.values)).toEqual([{ 'name.kanji': '見本 17' }, { 'name.kanji': '添付 17' }]);
      expect(opened.history.map((h) => h.status)).toEqual(['submitted']);
      expect((await a.queue.auditLog()).filter((e) => e.action === 'enqueue')).toHaveLength(11);
      expect(await a.queue.list({ site: 'honcho' })).toHaveLength(11);

      await a.tickets.recordOfflineMany('honcho', 'k1', [{ day: '2026-12-05', number: 3 }, { day: '2026-12-05', number: 1 }, { day: '2026-12-06', number: 1 }]);
      await Promise.all([b.tickets.recordOfflineMany('honcho', 'k1', [{ day: '2026-12-05', number: 3 }]), a.tickets.recordOfflineMany('honcho', 'k1', [])]);
      expect((await b.tickets.list('honcho', '2026-12-05')).map((t) => [t.number, t.offline, t.kiosk])).toEqual([[1, true, 'k1'], [3, true, 'k1']]);
      expect((await b.tickets.list('honcho', '2026-12-06')).map((t) => t.number)).toEqual([1]);
    });

    it('lets exactly one of two clerks claiming at once win, tells the other who holds it, and opens, corrects and audits without values', async () => {
      const [a, b] = [await open(), await open()];
      const { id } = await a.queue.enqueue('honcho', 'k1', { ticketNumber: '1', day: '2026-12-05', submissionKey: 'key-claim', forms: [form('見本　花子')] });
      const sato = { kind: 'clerk' as const, id: 'sato' };
      const tanaka = { kind: 'clerk' as const, id: 'tanaka' };
      const claims = await Promise.all([a.queue.claim(id, sato), b.queue.claim(id, tanaka)]);
      const won = claims.filter((c) => c.ok);
      expect(won).toHaveLength(1);
      const winner = claims[0]!.ok ? sato : tanaka;
      const loser = claims[0]!.ok ? claims[1]! : claims[0]!;
      expect(loser).toEqual({ ok: false, heldBy: winner });
      expect((await a.queue.claim(id, winner)).ok).toBe(true);
      expect((await b.queue.summary(id)).claimedBy).toEqual(winner);

      await b.queue.correctField(id, { position: 0, fieldId: 'name.kanji', value: '見本　花代' }, winner);
      const opened = await a.queue.open(id, winner);
      expect(opened.reveal()[0]!.values).toEqual({ 'name.kanji': '見本　花代' });
      expect(opened.reveal()[0]!.clerkFields).toEqual(['name.kanji']); // the desk knows the kanji is the clerk's
      expect(Buffer.from(opened.reveal()[0]!.pdf).toString('utf8')).toBe('%PDF-1.7 見本　花子');
      expect(JSON.stringify(opened)).not.toContain('見本');
      await a.queue.setStatus(id, 'confirmed', winner);
      const audit = await b.queue.auditLog();
      expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['enqueue', 'correction', 'open', 'status']));
      expect(JSON.stringify(audit)).not.toContain('見本');
      await expect(a.queue.claim(9999, sato)).rejects.toMatchObject({ code: 'not-found' });
    });

    it('stages a desk\'s corrected form sealed beside the original until confirmed, and lets only the holder release a claim', async () => {
      const [a, b] = [await open(), await open()];
      const { id } = await a.queue.enqueue('honcho', 'k1', { ticketNumber: '1', day: '2026-12-05', submissionKey: 'key-stage', forms: [form('みほん はなこ')] });
      const sato = { kind: 'clerk' as const, id: 'sato' };
      const tanaka = { kind: 'clerk' as const, id: 'tanaka' };
      const corrected = { 'name.kanji': '見本　花子' };
      await b.queue.stageCorrection(id, { position: 0, changedFields: ['name.kanji'], values: corrected, pdf: Buffer.from('%PDF-1.7 corrected') }, sato);
      const staged = (await a.queue.open(id, sato)).reveal()[0]!;
      expect(staged.values).toEqual({ 'name.kanji': 'みほん はなこ' });
      expect(staged.pending?.values).toEqual(corrected);
      expect(Buffer.from(staged.pending!.pdf).toString('utf8')).toBe('%PDF-1.7 corrected');
      expect(staged.clerkFields).toEqual(['name.kanji']);
      await expect(a.queue.stageCorrection(id, { position: 3, changedFields: ['name.kanji'], values: corrected, pdf: Buffer.from('x') }, sato)).rejects.toMatchObject({ code: 'not-found' });
      await expect(a.queue.stageCorrection(id, { position: 0, changedFields: ['name kanji'], values: corrected, pdf: Buffer.from('x') }, sato)).rejects.toMatchObject({ code: 'unknown-field' });

      expect(await a.queue.confirmCorrections(id, sato)).toBe(1);
      const confirmed = (await b.queue.open(id, sato)).reveal()[0]!;
      expect(confirmed.values).toEqual(corrected);
      expect(confirmed.pending).toBeUndefined();
      expect(Buffer.from(confirmed.pdf).toString('utf8')).toBe('%PDF-1.7 corrected');
      expect(await a.queue.confirmCorrections(id, sato)).toBe(0);

      expect((await a.queue.claim(id, sato)).ok).toBe(true);
      expect(await b.queue.release(id, tanaka)).toBe(false);
      expect((await a.queue.summary(id)).claimedBy).toEqual(sato);
      expect(await b.queue.release(id, sato)).toBe(true);
      expect((await a.queue.summary(id)).claimedBy).toBeNull();
      expect((await a.queue.claim(id, tanaka)).ok).toBe(true);
      await a.queue.audit(id, tanaka, 'print', 'hall-desk-download');

      const audit = (await b.queue.auditLog()).filter((e) => e.submissionId === id);
      expect(audit.filter((e) => e.action === 'correction').map((e) => `${e.fieldId ?? ''}:${e.detail ?? ''}`)).toEqual(['name.kanji:staged', ':confirmed']);
      expect(audit.filter((e) => e.action === 'status').map((e) => `${e.actor.id}:${e.detail ?? ''}`)).toEqual(['sato:claimed', 'sato:released', 'tanaka:claimed']);
      expect(audit.find((e) => e.action === 'print')).toMatchObject({ actor: tanaka, detail: 'hall-desk-download' });
      expect(JSON.stringify(audit)).not.toMatch(/見本|みほん/);
      await expect(a.queue.audit(id, tanaka, 'print', '見本')).rejects.toThrow();
    });

    it('keeps every resident sealed, and after the purge (done, then past retention) no table holds a name, kana or My Number', async () => {
      let now = Date.UTC(2026, 11, 5, 0, 0);
      const s = await open({ clock: () => now, retention: { kind: 'max-age', ms: 3_600_000 } });
      const needles = residents.flatMap((r) => [r.name, r.furigana, r.myNumber].filter((t): t is string => !!t)).map((t) => Buffer.from(t, 'utf8'));
      const ids: number[] = [];
      for (const [i, r] of residents.entries()) {
        const text = `${r.name} ${r.furigana ?? ''} ${r.myNumber}`;
        ids.push((await s.queue.enqueue(i % 2 ? 'honcho' : 'shisho', 'k1', { ticketNumber: String(i + 1), day: '2026-12-05', submissionKey: `key-${r.id}`, forms: [form(text)] })).id);
      }
      // A desk's correction waiting for confirmation is sealed too, and goes with its submission.
      const r = residents[1]!;
      const text = `${r.name} ${r.furigana ?? ''} ${r.myNumber}`;
      await s.queue.stageCorrection(ids[1]!, { position: 0, changedFields: ['name.kanji'], values: { 'name.kanji': text }, pdf: Buffer.from(`%PDF-1.7 ${text}`, 'utf8') }, { kind: 'clerk', id: 'sato' });
      expect(await env.search(needles)).toEqual([]);
      await s.queue.setStatus(ids[0]!, 'confirmed', { kind: 'clerk', id: 'sato' });
      await s.queue.setStatus(ids[0]!, 'done', { kind: 'clerk', id: 'sato' });
      expect(await s.queue.list()).toHaveLength(residents.length - 1);
      now += 3_600_001;
      expect(await s.queue.list()).toEqual([]);
      expect(await s.queue.purge()).toBe(residents.length - 1);
      await expect(s.queue.open(ids[1]!, { kind: 'clerk', id: 'sato' })).rejects.toMatchObject({ code: 'not-found' });
      expect(await env.search(needles)).toEqual([]);
      expect((await s.queue.auditLog()).filter((e) => e.action === 'purge')).toHaveLength(residents.length);
    });

    it('keeps template versions, refuses a stale save, moves the live pointer only to a stored version, and stores a background once', async () => {
      const [a, b] = [await open(), await open()];
      expect(await a.templates.saveVersion({ kind: 'template', id: 'juminhyo', basedOn: null, json: '{"v":1}', who: 'it-1', note: null })).toEqual({ ok: true, version: 1 });
      expect(await b.templates.saveVersion({ kind: 'template', id: 'juminhyo', basedOn: null, json: '{"v":"stale"}', who: 'it-2', note: null })).toEqual({ ok: false, latestVersion: 1 });
      expect(await b.templates.saveVersion({ kind: 'template', id: 'juminhyo', basedOn: 1, json: '{"v":2}', who: 'it-2', note: 'fix' })).toEqual({ ok: true, version: 2 });
      expect((await a.templates.versions('template', 'juminhyo')).map((v) => [v.version, v.json, v.savedBy, v.note])).toEqual([
        [1, '{"v":1}', 'it-1', null],
        [2, '{"v":2}', 'it-2', 'fix'],
      ]);
      expect(await a.templates.liveVersions()).toEqual([]);
      await a.templates.publish({ kind: 'template', id: 'juminhyo', version: 1 }, 'it-1');
      expect((await b.templates.liveVersions()).map((v) => v.json)).toEqual(['{"v":1}']);
      await b.templates.publish({ kind: 'template', id: 'juminhyo', version: 2 }, 'it-2');
      expect((await a.templates.livePointers()).map((p) => [p.id, p.version, p.source])).toEqual([['juminhyo', 2, 'designer']]);
      expect((await a.templates.liveVersions()).map((v) => v.json)).toEqual(['{"v":2}']);
      await a.templates.saveVersion({ kind: 'bundle', id: 'birth', basedOn: null, json: '{"b":1}', who: 'it-1', note: null });
      expect((await b.templates.latestVersions()).map((v) => [v.kind, v.id, v.version])).toEqual([
        ['bundle', 'birth', 1],
        ['template', 'juminhyo', 2],
      ]);
      await expect(a.templates.publish({ kind: 'template', id: 'juminhyo', version: 9 }, 'it-1')).rejects.toMatchObject({ code: 'not-found' });
      const bg = { hash: 'a'.repeat(64), bytes: new Uint8Array([37, 80, 68, 70]), pagesMm: [{ widthMm: 210, heightMm: 297 }] };
      expect(await a.templates.addBackground(bg, 'it-1')).toBe(true);
      expect(await b.templates.addBackground(bg, 'it-2')).toBe(false);
      const back = await b.templates.background(bg.hash);
      expect([Array.from(back!.bytes), back!.pagesMm]).toEqual([[37, 80, 68, 70], bg.pagesMm]);
      expect(await b.templates.background('b'.repeat(64))).toBeUndefined();
    });

    it('keeps staff with a role, a site or none (every site), and a passphrase hash only', async () => {
      const [a, b] = [await open(), await open()];
      await a.staff.put({ name: 'sato', role: 'clerk', site: 'honcho', passphraseHash: 'scrypt$1$2$3$salt$hash' });
      await a.staff.put({ name: 'it-1', role: 'it', site: null, passphraseHash: 'scrypt$1$2$3$salt$hash2' });
      await expect(a.staff.put({ name: 'x', role: 'clerk', site: null, passphraseHash: 'plain' })).rejects.toThrow();
      expect(await b.staff.find('sato')).toEqual({ name: 'sato', role: 'clerk', site: 'honcho', passphraseHash: 'scrypt$1$2$3$salt$hash' });
      await b.staff.put({ name: 'sato', role: 'clerk', site: null, passphraseHash: 'scrypt$1$2$3$salt$hash3' });
      expect(await a.staff.list()).toEqual([
        { name: 'it-1', role: 'it', site: null },
        { name: 'sato', role: 'clerk', site: null },
      ]);
      expect(await a.staff.remove('sato')).toBe(true);
      expect(await a.staff.remove('sato')).toBe(false);
      expect(await b.staff.find('sato')).toBeUndefined();
    });

    it('records each visit once and reads the figures city-wide, per site and per kiosk, by Tokyo day', async () => {
      const [a, b] = [await open(), await open()];
      expect(await a.figures.record('honcho', 'k1', 'visit-1', visit('2026-12-05', 'juminhyo', 'submitted', 1000))).toBe(true);
      expect(await b.figures.record('honcho', 'k1', 'visit-1', visit('2026-12-05', 'juminhyo', 'submitted', 1000))).toBe(false);
      await b.figures.record('honcho', 'k2', 'visit-2', visit('2026-12-05', 'juminhyo', 'cancelled', 3000));
      await a.figures.record('shisho', 'k3', 'visit-3', visit('2026-12-05', 'juminhyo', 'submitted', 5000));
      await a.figures.record('shisho', 'k3', 'visit-4', visit('2026-12-06', 'inkan', 'timed-out', 7000));
      const city = await b.figures.rows({ since: '2026-12-05', until: '2026-12-05' });
      expect(city.map((r) => [r.day, r.procedureId, r.sessions, r.submitted, r.cancelled, r.steps.card.medianMs])).toEqual([['2026-12-05', 'juminhyo', 3, 2, 1, 3000]]);
      expect((await a.figures.rows({ since: '2026-12-01', site: 'honcho' })).map((r) => r.sessions)).toEqual([2]);
      expect((await a.figures.rows({ since: '2026-12-01', site: 'shisho' })).map((r) => [r.day, r.sessions])).toEqual([
        ['2026-12-05', 1],
        ['2026-12-06', 1],
      ]);
      expect((await a.figures.rows({ since: '2026-12-01', kiosk: 'k2' })).map((r) => r.cancelled)).toEqual([1]);
      await expect(a.figures.rows({ since: '2026-13-01' })).rejects.toMatchObject({ code: 'bad-date' });
    });
  });
}

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as hallCli } from '../../cli/hall';
import { run as kioskCli } from '../../cli/kiosk-join';
import { credentialFile, readHallCredential } from '../join';
import WebSocket from 'ws';
import { hashPassphrase } from '../../counter/admin/config';
import { keyFolderStore } from '../../counter/queue/key';
import { initHallDir } from '../init';
import { startHallServer, type HallServer } from '../server';
import { CREDENTIAL_CACHE_MS } from '../service';
import { startPgCluster, type PgCluster } from './pg-cluster';

let cluster: PgCluster;
let dir: string;
let ca: string;
let caFile: string;
let dbUrl: string;
let hall: HallServer;
let adminDesk: string;
let adminSession: string;

// The test reads answers by path; their shapes are the contract's, checked by toEqual/toMatchObject.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
type Reply = { status: number; body: Record<string, unknown> };

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = request({ host: 'localhost', port: hall.port, path, method: 'POST', ca, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

let nextId = 1;
/** One request of the hall contract over HTTPS: the result, or the failure code. */
async function call(credential: string, name: string, params: unknown, staff?: string): Promise<{ status: number; ok: boolean; result?: Loose; code?: string }> {
  const r = await post('/rpc', { kind: 'request', id: nextId++, name, params }, { authorization: `Bearer ${credential}`, ...(staff ? { 'kakanai-staff': staff } : {}) });
  const error = r.body.error as { code: string } | undefined;
  return { status: r.status, ok: r.body.ok === true, result: r.body.result, code: error?.code ?? (r.body.code as string | undefined) };
}

async function redeem(code: string): Promise<Reply> {
  return post('/enrol', { kind: 'request', id: 1, name: 'enrolment.redeem', params: { code } });
}

async function enrol(kind: 'kiosk' | 'desk', site: string, name: string): Promise<string> {
  const issued = await call(adminDesk, 'enrolment.issue', { kind, site, name }, adminSession);
  expect(issued.ok).toBe(true);
  const r = await redeem(issued.result.code as string);
  return (r.body.result as { credential: string }).credential;
}

async function signIn(desk: string, name: string): Promise<string> {
  const r = await call(desk, 'staff.signIn', { name, passphrase: `${name} passphrase long` });
  expect(r.ok).toBe(true);
  return r.result.session as string;
}

function socket(credential?: string): Promise<{ ws: WebSocket; closed: Promise<number>; ask: (name: string, params: unknown) => Promise<Loose> } | { refused: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`wss://localhost:${hall.port}/ws`, { ca, headers: credential ? { authorization: `Bearer ${credential}` } : ({} as Record<string, string>) });
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }));
    ws.on('error', () => {});
    ws.on('open', () => {
      let id = 100;
      const ask = (name: string, params: unknown) =>
        new Promise<Loose>((answer) => {
          const mine = id++;
          const onMessage = (data: WebSocket.RawData) => {
            const m = JSON.parse(data.toString()) as { id: number };
            if (m.id === mine) {
              ws.off('message', onMessage);
              answer(m);
            }
          };
          ws.on('message', onMessage);
          ws.send(JSON.stringify({ kind: 'request', id: mine, name, params }));
        });
      resolve({ ws, closed, ask });
    });
  });
}

const form = { templateId: 'juminhyo', pdfBase64: Buffer.from('%PDF-1.7 見本　花子').toString('base64'), values: { 'name.kanji': '見本　花子' } };

beforeAll(async () => {
  cluster = await startPgCluster();
  dir = mkdtempSync(join(tmpdir(), 'kakanai-hall-protocol-'));
  const made = await initHallDir(join(dir, 'tls'), ['localhost']);
  ca = readFileSync(made.caCert, 'utf8');
  caFile = made.caCert;
  hall = await startHallServer({
    db: (dbUrl = await cluster.createDatabase('protocol')),
    cert: readFileSync(made.cert, 'utf8'),
    key: readFileSync(made.key, 'utf8'),
    port: 0,
    host: '127.0.0.1',
    keys: keyFolderStore(join(dir, 'keys')),
    enrolLimits: { freeTries: 3, baseDelayMs: 300, maxDelayMs: 600 },
  });
  for (const [name, role, site] of [['it-1', 'it', null], ['sato', 'clerk', 'honcho'], ['tanaka', 'clerk', 'honcho'], ['chief', 'clerk', null]] as const) {
    await hall.stores.staff.put({ name, role, site, passphraseHash: await hashPassphrase(`${name} passphrase long`, { N: 2 ** 10, r: 8, p: 1 }) });
  }
  // The first desk is set up from the server's side (the CLI's job); every other device joins over the wire.
  const first = await hall.stores.registry.add('desk', 'honcho', 'IT desk');
  await hall.stores.registry.issueCode(first.id, 'FIRSTDESK01', Date.now() + 60_000);
  adminDesk = ((await redeem('FIRSTDESK01')).body.result as { credential: string }).credential;
  adminSession = await signIn(adminDesk, 'it-1');
});

afterAll(async () => {
  await hall?.close();
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the hall protocol', () => {
  it('enrols a kiosk with a one-time code (a wrong or reused code is refused) and takes its submissions once per key, with the site\'s ticket', async () => {
    const issued = await call(adminDesk, 'enrolment.issue', { kind: 'kiosk', site: 'honcho', name: '1階 A' }, adminSession);
    expect(issued.result.code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect((await redeem('WRONG-CODE1')).body).toMatchObject({ ok: false, error: { code: 'bad-code' } });
    const joined = await redeem((issued.result.code as string).toLowerCase());
    expect(joined.body.result).toMatchObject({ kind: 'kiosk', site: 'honcho', name: '1階 A' });
    expect((await redeem(issued.result.code as string)).body).toMatchObject({ ok: false, error: { code: 'bad-code' } });
    const kiosk = (joined.body.result as { credential: string }).credential;

    const submit = { submissionKey: 'visit-1', day: '2026-12-05', procedureId: 'juminhyo', forms: [form] };
    const [first, again] = [await call(kiosk, 'kiosk.submit', submit), await call(kiosk, 'kiosk.submit', submit)];
    expect(first.result).toMatchObject({ ticketNumber: '1', created: true });
    expect(again.result).toEqual({ id: first.result.id, ticketNumber: '1', created: false });
    expect((await call(kiosk, 'kiosk.submit', { ...submit, submissionKey: 'visit-2' })).result).toMatchObject({ ticketNumber: '2', created: true });

    expect((await call(kiosk, 'kiosk.state', { version: '2026.12', reader: 'present' })).ok).toBe(true);
    const listed = await call(adminDesk, 'kiosks.list', { site: 'honcho' }, adminSession);
    expect(listed.result.devices.find((d: { name: string }) => d.name === '1階 A')).toMatchObject({ kind: 'kiosk', enrolled: true, online: true, version: '2026.12', reader: 'present' });
    expect(await call(kiosk, 'queue.list', {})).toMatchObject({ ok: false, code: 'unauthorized' });
    expect(await call(adminDesk, 'kiosk.submit', { ...submit, submissionKey: 'visit-3' }, adminSession)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await call(kiosk, 'kiosk.templates', {})).toMatchObject({ ok: true, result: { versions: [] } });
  });

  it('shows a clerk the queue of their site in ticket order, lets one of two clerks claim a submission, and keeps a clerk out of admin requests', async () => {
    const kiosk = await enrol('kiosk', 'shisho', '支所 A');
    const [deskA, deskB] = [await enrol('desk', 'honcho', '窓口 1'), await enrol('desk', 'honcho', '窓口 2')];
    const [sato, tanaka] = [await signIn(deskA, 'sato'), await signIn(deskB, 'tanaka')];
    await call(kiosk, 'kiosk.submit', { submissionKey: 'visit-shisho', day: '2026-12-05', forms: [form] });

    const list = await call(deskA, 'queue.list', {}, sato);
    expect(list.result.items.map((i: { site: string; ticketNumber: string }) => `${i.site}/${i.ticketNumber}`)).toEqual(['honcho/1', 'honcho/2']);
    expect(await call(deskA, 'queue.list', { site: 'shisho' }, sato)).toMatchObject({ ok: false, code: 'forbidden' });
    const chief = await signIn(deskB, 'chief');
    expect((await call(deskB, 'queue.list', {}, chief)).result.items).toHaveLength(3);
    expect(await call(deskA, 'enrolment.issue', { kind: 'kiosk', site: 'honcho', name: 'x' }, sato)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await call(deskA, 'enrolment.revoke', { deviceId: '00000000-0000-4000-8000-000000000000' }, sato)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await call(deskA, 'queue.list', {}, tanaka)).toMatchObject({ ok: false, code: 'unauthorized' });

    const id = list.result.items[0].id as number;
    const claims = await Promise.all([call(deskA, 'queue.claim', { id }, sato), call(deskB, 'queue.claim', { id }, tanaka)]);
    expect(claims.filter((c) => c.result.ok)).toHaveLength(1);
    const loser = claims.find((c) => !c.result.ok)!;
    expect(loser.result.heldBy).toBe(claims[0]!.result.ok ? 'sato' : 'tanaka');
    const opened = await call(deskA, 'queue.open', { id }, sato);
    expect(opened.result.forms[0].values).toEqual({ 'name.kanji': '見本　花子' });

    // A ticket the kiosk issued itself while the hall was out of reach is listed as offline; the hall's are not.
    await call(kiosk, 'kiosk.submit', { submissionKey: 'visit-shisho-offline', kioskTicket: 'K3FA2-001', day: '2026-12-05', forms: [form] });
    const shisho = (await call(deskB, 'queue.list', { site: 'shisho' }, chief)).result.items as { ticketNumber: string; offline: boolean }[];
    expect(shisho.map((i) => [i.ticketNumber, i.offline])).toEqual([['1', false], ['K3FA2-001', true]]);
  });

  it('takes a kiosk\'s batch in one request: each once per key, answered in order with its own id and ticket; a resend of the batch, a resend with the kiosk\'s own ticket, an oversized batch and a desk', async () => {
    const kiosk = await enrol('kiosk', 'omigawa', '小見川 A');
    const visit = (n: number, kioskTicket?: string) => ({ submissionKey: `batch-${n}`, ...(kioskTicket ? { kioskTicket } : {}), day: '2026-12-05', procedureId: 'juminhyo', forms: [{ ...form, values: { 'name.kanji': `見本 ${n}` } }] });
    const first = await call(kiosk, 'kiosk.submitBatch', { submissions: [visit(1), visit(2, 'K3FA2-007'), visit(3), visit(1)] });
    expect(first.ok).toBe(true);
    const results = first.result.results as { id: number; ticketNumber: string; created: boolean }[];
    expect(results.map((r) => [r.ticketNumber, r.created])).toEqual([['1', true], ['K3FA2-007', true], ['2', true], ['1', true]]);
    expect(results[3]!.id).toBe(results[0]!.id);
    expect(new Set(results.map((r) => r.id)).size).toBe(3);
    // The answer to the first try was lost: the kiosk sends the batch again, the resident of visit 3 now holding its own ticket.
    const again = await call(kiosk, 'kiosk.submitBatch', { submissions: [visit(1), visit(2, 'K3FA2-007'), visit(3, 'K3FA2-008')] });
    expect(again.result.results).toEqual([
      { id: results[0]!.id, ticketNumber: '1', created: false },
      { id: results[1]!.id, ticketNumber: 'K3FA2-007', created: false },
      { id: results[2]!.id, ticketNumber: 'K3FA2-008', created: false },
    ]);
    const stored = await hall.stores.queue.list({ site: 'omigawa' });
    expect(stored.map((s) => s.ticketNumber)).toEqual(['1', 'K3FA2-007', 'K3FA2-008']);
    expect((await hall.stores.tickets.list('omigawa', '2026-12-05')).map((t) => [t.number, t.offline])).toEqual([[1, false], [2, false], [7, true], [8, true]]);
    expect((await hall.stores.queue.open(results[1]!.id, { kind: 'clerk', id: 'sato' })).reveal()[0]!.values).toEqual({ 'name.kanji': '見本 2' });
    expect(await call(kiosk, 'kiosk.submitBatch', { submissions: Array.from({ length: 33 }, (_, i) => visit(100 + i)) })).toMatchObject({ ok: false, code: 'invalid-request' });
    expect(await call(adminDesk, 'kiosk.submitBatch', { submissions: [visit(4)] }, adminSession)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await hall.stores.queue.byKey('batch-4')).toBeUndefined();
  });

  it('tells a site\'s desks of a burst of submissions at once and again at its end, not once per visit: a listing after the last event holds every one', async () => {
    const kiosk = await enrol('kiosk', 'sawara', '佐原 A');
    const desk = await enrol('desk', 'sawara', '佐原 窓口');
    const opened = await socket(desk);
    if (!('ws' in opened)) throw new Error('refused');
    try {
      expect((await opened.ask('staff.signIn', { name: 'chief', passphrase: 'chief passphrase long' })).ok).toBe(true);
      const listings: Promise<Loose>[] = [];
      opened.ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as { kind: string; event?: { type: string; site: string } };
        if (m.kind === 'event' && m.event?.type === 'queue-changed' && m.event.site === 'sawara') listings.push(opened.ask('queue.list', { site: 'sawara' }));
      });
      const answers = await Promise.all(Array.from({ length: 12 }, (_, n) => call(kiosk, 'kiosk.submit', { submissionKey: `burst-${n}`, day: '2026-12-05', forms: [form] })));
      expect(answers.every((a) => a.ok)).toBe(true);
      await new Promise((r) => setTimeout(r, 600));
      expect(listings.length).toBeGreaterThanOrEqual(1);
      expect(listings.length).toBeLessThan(12);
      expect(((await listings.at(-1)!).result.items as unknown[]).length).toBe(12);
    } finally {
      opened.ws.close();
    }
  });

  it('slows down a sender of wrong enrolment codes (429 rate-limited) and lets a right code through once the wait is over', async () => {
    const issued = await call(adminDesk, 'enrolment.issue', { kind: 'kiosk', site: 'honcho', name: '2階 B' }, adminSession);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await redeem(`WRONG-GUES${i}`)).status);
    expect(statuses.slice(0, 4)).toEqual([403, 403, 403, 403]);
    const limited = await redeem(issued.result.code as string);
    expect(statuses[4]).toBe(429);
    expect(limited.status).toBe(429); // even the right code waits: the sender is slowed, not the code checked
    expect(limited.body).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
    await new Promise((r) => setTimeout(r, 700));
    expect((await redeem(issued.result.code as string)).body).toMatchObject({ ok: true, result: { kind: 'kiosk', site: 'honcho' } });
    expect((await redeem('WRONG-AFTER')).status).toBe(403); // a success forgives the sender
  });

  it('gives a revoked kiosk nothing: its open socket closes with 4401 and its next request is 401', async () => {
    const issued = await call(adminDesk, 'enrolment.issue', { kind: 'kiosk', site: 'honcho', name: '2階 B' }, adminSession);
    const kiosk = ((await redeem(issued.result.code as string)).body.result as { credential: string; deviceId: string });
    const open = await socket(kiosk.credential);
    if (!('ws' in open)) throw new Error('refused');
    expect((await open.ask('kiosk.state', { version: '1', reader: 'absent' })).ok).toBe(true);
    expect(await call(adminDesk, 'enrolment.revoke', { deviceId: kiosk.deviceId }, adminSession)).toMatchObject({ ok: true });
    expect(await open.closed).toBe(4401);
    expect(await call(kiosk.credential, 'kiosk.templates', {})).toEqual({ status: 401, ok: false, code: 'unauthorized', result: undefined });
    expect(await socket(kiosk.credential)).toEqual({ refused: 401 });
    expect((await redeem(issued.result.code as string)).body).toMatchObject({ ok: false, error: { code: 'bad-code' } });
  });

  it('gives an unenrolled client nothing on any path or socket', async () => {
    for (const path of ['/rpc', '/', '/queue', '/ws', '/health/../rpc']) {
      for (const headers of [{} as Record<string, string>, { authorization: 'Bearer not-a-credential-we-ever-issued' }, { authorization: 'Basic abc' }]) {
        const r = await post(path, { kind: 'request', id: 1, name: 'queue.list', params: {} }, headers);
        expect([path, r]).toEqual([path, { status: 401, body: { ok: false, code: 'unauthorized' } }]);
      }
    }
    expect(await socket()).toEqual({ refused: 401 });
    expect(await socket('not-a-credential-we-ever-issued')).toEqual({ refused: 401 });
  });
});

describe('kakanai kiosk join', () => {
  const printed: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    printed.length = 0;
  });
  const cli = async (args: string[]): Promise<number> => {
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
    return kioskCli(args);
  };

  it('redeems the code against the pinned CA, keeps the credential 0600 in the kiosk\'s private folder, and refuses a reused, wrong or expired code in one bilingual line', async () => {
    const issued = await call(adminDesk, 'enrolment.issue', { kind: 'kiosk', site: 'shisho', name: '支所 B' }, adminSession);
    const out = join(dir, 'kiosk-a');
    const hallUrl = `https://localhost:${hall.port}`;
    expect(await cli(['join', '--hall', hallUrl, '--code', issued.result.code as string, '--ca', caFile, '--out', out])).toBe(0);
    expect(printed.join('\n')).toContain('支所 B');
    const stored = readHallCredential(out)!;
    expect(printed.join('\n')).not.toContain(stored.credential);
    expect(statSync(credentialFile(out)).mode & 0o777).toBe(0o600);
    expect(statSync(join(out, 'hall')).mode & 0o777).toBe(0o700);
    expect(stored).toMatchObject({ hall: hallUrl, kind: 'kiosk', site: 'shisho', name: '支所 B', ca });
    expect(await call(stored.credential, 'kiosk.templates', {})).toMatchObject({ ok: true });

    const refusals: [string, string][] = [];
    const other = join(dir, 'kiosk-b');
    const expired = await hall.stores.registry.add('kiosk', 'shisho', '支所 C');
    await hall.stores.registry.issueCode(expired.id, 'EXPIREDCODE', Date.now() - 1);
    for (const code of [issued.result.code as string, 'WRONG-CODE9', 'EXPIRED-CODE']) {
      printed.length = 0;
      expect(await cli(['join', '--hall', hallUrl, '--code', code, '--ca', caFile, '--out', other])).toBe(1);
      refusals.push([code, printed.join('\n')]);
    }
    for (const [, line] of refusals) expect(line).toMatch(/^この登録コードは使えません.* \/ This enrolment code is not valid.*$/);
    expect(() => statSync(credentialFile(other))).toThrow();
    printed.length = 0;
    expect(await cli(['join', '--hall', hallUrl, '--code', 'ANY-CODE', '--ca', caFile, '--out', out])).toBe(1);
    expect(printed.join('')).toContain('already joined');
    printed.length = 0;
    expect(await cli(['join', '--hall', `http://localhost:${hall.port}`, '--code', 'ANY', '--out', other])).toBe(1);
    expect(printed.join('')).toContain('https://');
    printed.length = 0;
    // Without the hall's CA the system's roots do not know it: refused, nothing stored.
    const again = await call(adminDesk, 'enrolment.issue', { kind: 'kiosk', site: 'shisho', name: '支所 D' }, adminSession);
    expect(await cli(['join', '--hall', hallUrl, '--code', again.result.code as string, '--out', other])).toBe(1);
    expect(printed.join('')).toContain('CA');
    expect(() => statSync(credentialFile(other))).toThrow();
  });
});

describe('kakanai hall enrol / revoke (on the database: the first desk)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints a one-time code that enrols the device; revocation on the database ends its credential and its open socket at the next message', async () => {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
    expect(await hallCli(['enrol', '--db', dbUrl, '--kind', 'desk', '--site', 'honcho', '--name', '窓口 9'])).toBe(0);
    const code = /code: ([A-Z2-9]{5}-[A-Z2-9]{5})/.exec(printed.join('\n'))![1]!;
    const joined = (await redeem(code)).body.result as { credential: string; deviceId: string; kind: string };
    expect(joined.kind).toBe('desk');
    expect((await call(joined.credential, 'staff.signIn', { name: 'sato', passphrase: 'sato passphrase long' })).ok).toBe(true);
    const open = await socket(joined.credential);
    if (!('ws' in open)) throw new Error('refused');
    expect(await open.ask('staff.signIn', { name: 'sato', passphrase: 'sato passphrase long' })).toMatchObject({ ok: true, result: { name: 'sato', site: 'honcho' } });
    expect((await open.ask('queue.list', {})).result.items.length).toBeGreaterThan(0);
    // Revoked on the database, not through this server: the hall remembers a checked credential for at most
    // CREDENTIAL_CACHE_MS, so within a second the socket's next message is not answered and the socket closes.
    expect(await hallCli(['revoke', '--db', dbUrl, '--device', joined.deviceId])).toBe(0);
    const revokedAt = performance.now();
    await new Promise((r) => setTimeout(r, CREDENTIAL_CACHE_MS + 20));
    const answers: string[] = [];
    open.ws.on('message', (m) => answers.push(m.toString()));
    open.ws.send(JSON.stringify({ kind: 'request', id: 999, name: 'queue.list', params: {} }));
    expect(await open.closed).toBe(4401);
    expect(answers).toEqual([]);
    expect((await call(joined.credential, 'staff.signIn', { name: 'sato', passphrase: 'sato passphrase long' })).status).toBe(401);
    expect(performance.now() - revokedAt).toBeLessThan(1000);
  });
});

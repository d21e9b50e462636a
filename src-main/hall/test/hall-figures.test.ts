// The BPR figures read from the hall (`figures.read`, IT staff only): city-wide, per site and per kiosk, over the wire
// and through `kakanai figures --hall` run as a real process with a joined desk's credential.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallEnrolmentResults } from '../../contract/hall';
import { hashPassphrase } from '../../counter/admin/config';
import type { VisitDurations } from '../../counter/figures/aggregate';
import { keyFolderStore } from '../../counter/queue/key';
import { initHallDir } from '../init';
import { joinHall } from '../join';
import { startHallServer, type HallServer } from '../server';
import { HallClient } from './hall-rig';
import { startPgCluster, type PgCluster } from './pg-cluster';

let cluster: PgCluster;
let dir: string;
let caFile: string;
let hall: HallServer;
let it1: HallClient;
const kiosks: Record<string, string> = {};
const clients: HallClient[] = [];

const visit = (day: string, procedureId: string, pinMs: number): VisitDurations => ({
  day,
  procedureId,
  procedureKind: 'form',
  outcome: 'submitted',
  ms: { card: 4000, pin: pinMs, questions: 30_000, review: 10_000, 'clerk-wait': null, 'clerk-confirm': null },
});

async function desk(name: string, staff?: string): Promise<HallClient> {
  const issued = await it1.call<{ code: string }>('enrolment.issue', { kind: 'desk', site: 'honcho', name });
  const c = new HallClient(hall.port, readFileSync(caFile, 'utf8'), (await redeem(issued.result!.code)).credential);
  clients.push(c);
  if (staff) c.staffSession = (await c.call<{ session: string }>('staff.signIn', { name: staff, passphrase: `${staff} passphrase long` })).result!.session;
  return c;
}

async function redeem(code: string): Promise<HallEnrolmentResults['enrolment.redeem']> {
  const c = new HallClient(hall.port, readFileSync(caFile, 'utf8'));
  clients.push(c);
  return (await c.call<HallEnrolmentResults['enrolment.redeem']>('enrolment.redeem', { code })).result!;
}

/** `kakanai figures …` in a child process (the hall answers from this one), the passphrase on stdin. */
function figuresCli(args: string[], input: string): Promise<{ code: number | null; out: string; err: string }> {
  const script = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(join(import.meta.dirname, '../../cli/figures.ts'))}); }).then((m) => m.run(process.argv.slice(1))).then((code) => { process.exitCode = code; });`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script, '--', ...args], { cwd: join(import.meta.dirname, '../../..'), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
    child.stdin.end(input);
  });
}

beforeAll(async () => {
  cluster = await startPgCluster();
  dir = mkdtempSync(join(tmpdir(), 'kakanai-hall-figures-'));
  const made = await initHallDir(join(dir, 'tls'), ['localhost']);
  caFile = made.caCert;
  hall = await startHallServer({
    db: await cluster.createDatabase('figures'),
    cert: readFileSync(made.cert, 'utf8'),
    key: readFileSync(made.key, 'utf8'),
    port: 0,
    host: '127.0.0.1',
    keys: keyFolderStore(join(dir, 'keys')),
  });
  for (const [name, role, site] of [['it-1', 'it', null], ['sato', 'clerk', 'honcho']] as const) {
    await hall.stores.staff.put({ name, role, site, passphraseHash: await hashPassphrase(`${name} passphrase long`, { N: 2 ** 10, r: 8, p: 1 }) });
  }
  const first = await hall.stores.registry.add('desk', 'honcho', 'IT desk');
  await hall.stores.registry.issueCode(first.id, 'FIRSTDESK01', Date.now() + 60_000);
  it1 = new HallClient(hall.port, readFileSync(caFile, 'utf8'), (await redeem('FIRSTDESK01')).credential);
  clients.push(it1);
  it1.staffSession = (await it1.call<{ session: string }>('staff.signIn', { name: 'it-1', passphrase: 'it-1 passphrase long' })).result!.session;
  // Three kiosks on two sites; the honcho ones take 住民票 visits, the branch one a 印鑑登録 and a 住民票.
  for (const [name, site] of [['honcho-a', 'honcho'], ['honcho-b', 'honcho'], ['shisho-a', 'shisho']] as const) {
    const issued = await it1.call<{ code: string }>('enrolment.issue', { kind: 'kiosk', site, name });
    kiosks[name] = (await redeem(issued.result!.code)).deviceId;
  }
  let n = 0;
  const record = (kiosk: string, site: string, v: VisitDurations) => hall.stores.figures.record(site, kiosks[kiosk]!, `visit-${n++}`, v);
  await record('honcho-a', 'honcho', visit('2026-12-01', 'juminhyo', 5000));
  await record('honcho-a', 'honcho', visit('2026-12-01', 'juminhyo', 7000));
  await record('honcho-b', 'honcho', visit('2026-12-01', 'juminhyo', 9000));
  await record('shisho-a', 'shisho', visit('2026-12-01', 'juminhyo', 11_000));
  await record('shisho-a', 'shisho', visit('2026-12-02', 'inkan', 6000));
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await hall?.close();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('figures.read at the hall', () => {
  it('gives IT staff the figures city-wide, of one site and of one kiosk', async () => {
    const read = async (params: Record<string, string>) => {
      const r = await it1.call<{ rows: { day: string; procedureId: string; sessions: number; steps: { pin: { medianMs: number | null } } }[] }>('figures.read', params);
      expect(r.ok).toBe(true);
      return r.result!.rows.map((row) => [row.day, row.procedureId, row.sessions, row.steps.pin.medianMs]);
    };
    expect(await read({ since: '2026-12-01' })).toEqual([
      ['2026-12-01', 'juminhyo', 4, 8000],
      ['2026-12-02', 'inkan', 1, 6000],
    ]);
    expect(await read({ since: '2026-12-01', until: '2026-12-01' })).toEqual([['2026-12-01', 'juminhyo', 4, 8000]]);
    expect(await read({ since: '2026-12-01', site: 'honcho' })).toEqual([['2026-12-01', 'juminhyo', 3, 7000]]);
    expect(await read({ since: '2026-12-01', site: 'shisho' })).toEqual([
      ['2026-12-01', 'juminhyo', 1, 11_000],
      ['2026-12-02', 'inkan', 1, 6000],
    ]);
    expect(await read({ since: '2026-12-01', kiosk: kiosks['honcho-b']! })).toEqual([['2026-12-01', 'juminhyo', 1, 9000]]);
  });

  it('refuses a clerk, a desk without staff, a kiosk, and days the wrong way round or not in the calendar', async () => {
    const clerk = await desk('窓口 1', 'sato');
    expect(await clerk.call('figures.read', { since: '2026-12-01' })).toMatchObject({ ok: false, code: 'forbidden' });
    const nobody = await desk('窓口 2');
    expect(await nobody.call('figures.read', { since: '2026-12-01' })).toMatchObject({ status: 401, ok: false, code: 'unauthorized' });
    const issued = await it1.call<{ code: string }>('enrolment.issue', { kind: 'kiosk', site: 'honcho', name: 'honcho-c' });
    const kiosk = new HallClient(hall.port, readFileSync(caFile, 'utf8'), (await redeem(issued.result!.code)).credential);
    clients.push(kiosk);
    expect(await kiosk.call('figures.read', { since: '2026-12-01' })).toMatchObject({ ok: false });
    expect(await it1.call('figures.read', { since: '2026-12-02', until: '2026-12-01' })).toMatchObject({ ok: false, code: 'invalid-request' });
    expect(await it1.call('figures.read', { since: '2026-02-30' })).toMatchObject({ ok: false, code: 'invalid-request' });
    expect(await it1.call('figures.read', { since: '2026-12-01', site: 'Not A Site' })).toMatchObject({ ok: false, code: 'invalid-request' });
  });

  it('is what `kakanai figures --hall` prints, city-wide or for one site, with a joined desk and IT staff', async () => {
    const issued = await it1.call<{ code: string }>('enrolment.issue', { kind: 'desk', site: 'honcho', name: 'IT 端末 2' });
    const deskDir = join(dir, 'desk');
    await joinHall({ hall: `https://localhost:${hall.port}`, code: issued.result!.code, ca: readFileSync(caFile, 'utf8'), dataDir: deskDir });
    const base = ['--since', '2026-12-01', '--hall', `https://localhost:${hall.port}`, '--credential', deskDir, '--staff', 'it-1', '--stdin'];
    const cityWide = await figuresCli(base, 'it-1 passphrase long\n');
    expect(cityWide.err).toBe('');
    expect(cityWide.code).toBe(0);
    const lines = cityWide.out.trim().split('\n');
    expect(lines[0]).toContain('city-wide, from 2026-12-01');
    expect(lines[3]!.split(/\s{2,}/)).toEqual(['2026-12-01', 'juminhyo', '4', '4', '4.0', '8.0', '30.0', '10.0', '-', '-']);
    expect(lines[4]!.split(/\s{2,}/)).toEqual(['2026-12-02', 'inkan', '1', '1', '4.0', '6.0', '30.0', '10.0', '-', '-']);
    expect(cityWide.out).not.toContain('passphrase');

    const site = await figuresCli([...base, '--site', 'honcho', '--csv'], 'it-1 passphrase long\n');
    expect(site.code).toBe(0);
    expect(site.out.trim().split('\n')).toHaveLength(2); // the header and the one line of 住民票 at honcho
    expect(site.out).toContain('2026-12-01,juminhyo,form,3,3');

    const wrong = await figuresCli(base, 'not the passphrase\n');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/^庁舎サーバーが数字を返しませんでした.* \/ the hall gave no figures/);
    expect(wrong.err).not.toContain('not the passphrase');
    const clerk = await figuresCli([...base.slice(0, -3), '--staff', 'sato', '--stdin'], 'sato passphrase long\n');
    expect(clerk.code).toBe(1);
    expect((await figuresCli(['--since', '2026-12-01', '--hall', `https://localhost:${hall.port}`], '')).code).toBe(2);
  }, 120_000);
});

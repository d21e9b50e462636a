// Clients that are not the kiosk page, a paired desk or a signed-in IT staff member get nothing from the browser
// host: another OS user on this PC (nobody, through runuser) and an unauthenticated client of the same user, each
// trying every kiosk, clerk and admin request name and HTTP path with forged Origin and Host headers, while a
// resident's session is live and their card is read. Nothing is answered and no event reaches them.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startRig, type Rig } from '../../../../card-reader/rig/rig';
import { cardFromFixture } from '../../../../card-reader/virtual-card/emulate';
import { loadCardFixture, residentFixturePath } from '../../../../card-reader/virtual-card/resident-fixture';
import { VpcdCardClient } from '../../../../card-reader/virtual-card/vpcd-client';
import { ADMIN_HTTP, ADMIN_REQUEST_NAMES } from '../../../contract/admin';
import { CLERK_HTTP, CLERK_REQUEST_NAMES, CLERK_WS_PATH } from '../../../contract/clerk';
import { KIOSK_REQUEST_NAMES, type KioskEvent } from '../../../contract/kiosk';
import { KIOSK_LAUNCH_PATH, KIOSK_WS_PATH } from '../../../contract/wire';
import type { WireMessage } from '../../../contract/kiosk';
import { startCounterService, type CounterService } from '../../../counter';
import { addStaff } from '../../../counter/staff/test/staff-fixture';
import { startWebHost, type WebHost } from '../server';

type ProbeResult = {
  uid: number;
  upgrades: { path: string; name: string; origin: string; host: string; status: number; messages: string[] }[];
  http: { method: string; path: string; origin: string; status: number; body: string }[];
};

// Plain Node, no dependencies: it runs as another OS user from a world-readable temporary folder.
const PROBE = String.raw`
import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
const plan = JSON.parse(process.argv[2]);
const real = '127.0.0.1:' + plan.port;
const origins = ['http://' + real, 'http://localhost:' + plan.port, 'http://evil.example', 'null', ''];
const hosts = [real, 'localhost:' + plan.port, 'evil.example'];
function upgrade(path, origin, host, name) {
  return new Promise((resolve) => {
    const headers = { Host: host, Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64') };
    if (origin) headers.Origin = origin;
    const req = request({ host: '127.0.0.1', port: plan.port, path, headers, agent: false });
    req.on('response', (res) => { res.resume(); resolve({ status: res.statusCode, messages: [] }); });
    req.on('upgrade', (res, socket) => {
      const messages = [];
      socket.on('data', (d) => messages.push(d.toString('latin1')));
      // A masked text frame: the request, as a screen would send it.
      const text = Buffer.from(JSON.stringify({ kind: 'request', id: 1, name, params: {} }));
      const mask = randomBytes(4);
      const body = Buffer.from(text.map((b, i) => b ^ mask[i % 4]));
      socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | text.length]), mask, body]));
      setTimeout(() => { socket.destroy(); resolve({ status: 101, messages }); }, 400);
    });
    req.on('error', () => resolve({ status: 0, messages: [] }));
    req.end();
  });
}
function http(method, path, origin, body) {
  return new Promise((resolve) => {
    const headers = { Host: real, 'Content-Type': 'application/json' };
    if (origin) headers.Origin = origin;
    const req = request({ host: '127.0.0.1', port: plan.port, path, method, headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, body: text }));
    });
    req.on('error', (e) => resolve({ status: 0, body: e.code }));
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
const result = { uid: process.getuid(), upgrades: [], http: [] };
for (const [path, names] of [[plan.kioskPath, plan.kioskNames], [plan.clerkPath, plan.clerkNames]]) {
  for (const name of names) {
    for (const origin of origins) {
      for (const host of hosts) result.upgrades.push({ path, name, origin, host, ...(await upgrade(path, origin, host, name)) });
    }
  }
}
for (const origin of origins) {
  for (const [method, path, body] of plan.http) result.http.push({ method, path, origin, ...(await http(method, path, origin, body)) });
}
process.stdout.write(JSON.stringify(result));
`;

let rig: Rig;
let service: CounterService;
let host: WebHost;
let dir: string;

beforeAll(async () => {
  rig = await startRig();
  dir = mkdtempSync(join(tmpdir(), 'kakanai-untrusted-'));
  service = await startCounterService({ reader: { socketPath: rig.socketPath, name: rig.readers[0].name }, outputDir: join(dir, 'data'), watchTemplates: false });
  await addStaff(service.admin.staff.directory, 'tanaka', 'clerk');
  await addStaff(service.admin.staff.directory, 'joho', 'it');
  host = await startWebHost({ service, port: 0, clerk: service.clerk, admin: service.admin, rendererDir: dir });
});

afterAll(async () => {
  await host?.close();
  await service?.close();
  await rig?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function probe(asNobody: boolean): Promise<ProbeResult> {
  const folder = mkdtempSync(join(tmpdir(), 'kakanai-probe-'));
  chmodSync(folder, 0o755);
  const script = join(folder, 'probe.mjs');
  writeFileSync(script, PROBE, { mode: 0o644 });
  const http: [string, string, unknown][] = [
    ['POST', KIOSK_LAUNCH_PATH, { token: Buffer.alloc(32, 9).toString('base64url') }],
    ['GET', KIOSK_LAUNCH_PATH, undefined],
    ['POST', CLERK_HTTP.pair, { code: service.clerk.desks.pairingCode().code }],
    ['POST', CLERK_HTTP.pair, { code: service.clerk.desks.pairingCode().code, name: 'tanaka', passphrase: 'a guess at it' }],
    ...[CLERK_HTTP.session, CLERK_HTTP.logout, CLERK_WS_PATH, ...CLERK_REQUEST_NAMES.map((n) => `${CLERK_WS_PATH}/${n}`)].flatMap((p) => [['GET', p, undefined] as [string, string, unknown], ['POST', p, {}] as [string, string, unknown]]),
    ['POST', ADMIN_HTTP.signIn, { name: 'joho', passphrase: 'a guess at it' }],
    ...[ADMIN_HTTP.session, ADMIN_HTTP.signOut, `${ADMIN_HTTP.figuresCsv}?since=2025-01-01`].flatMap((p) => [['GET', p, undefined] as [string, string, unknown], ['POST', p, {}] as [string, string, unknown]]),
    ...ADMIN_REQUEST_NAMES.map((name) => ['POST', ADMIN_HTTP.call, { name, params: {} }] as [string, string, unknown]),
    ...ADMIN_REQUEST_NAMES.map((name) => ['POST', `/api/admin/${name}`, {}] as [string, string, unknown]),
  ];
  const plan = { port: host.port, kioskPath: KIOSK_WS_PATH, kioskNames: KIOSK_REQUEST_NAMES, clerkPath: CLERK_WS_PATH, clerkNames: CLERK_REQUEST_NAMES, http };
  const command = asNobody ? ['runuser', ['-u', 'nobody', '--', process.execPath, script, JSON.stringify(plan)]] as const : [process.execPath, [script, JSON.stringify(plan)]] as const;
  return new Promise<ProbeResult>((resolve, reject) => {
    const child = spawn(command[0], [...command[1]], { stdio: ['ignore', 'pipe', 'inherit'], timeout: 120_000 });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('close', (code) => {
      rmSync(folder, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`probe exited with ${code}`));
      resolve(JSON.parse(out) as ProbeResult);
    });
  });
}

describe('untrusted clients of the browser host', { timeout: 180_000 }, () => {
  it('another OS user and an unauthenticated client get no answer and no event, whatever they send', async () => {
    // The kiosk page itself, holding the kiosk session: a resident's session is live and the card is read.
    const session = host.openKioskSession();
    const kiosk = new WebSocket(new URL(KIOSK_WS_PATH, host.url), { origin: new URL(host.url).origin, headers: { Cookie: `${session.name}=${session.value}` } });
    await new Promise((resolve, reject) => (kiosk.once('open', resolve), kiosk.once('unexpected-response', () => reject(new Error('kiosk refused')))));
    const events: KioskEvent[] = [];
    const answers = new Map<number, unknown>();
    kiosk.on('message', (m) => {
      const msg = JSON.parse(String(m)) as WireMessage;
      if (msg.kind === 'event') events.push(msg.event);
      if (msg.kind === 'response') answers.set(msg.id, msg);
    });
    const ask = async (id: number, name: string, params: unknown) => {
      kiosk.send(JSON.stringify({ kind: 'request', id, name, params }));
      await expect.poll(() => answers.get(id), { timeout: 20_000 }).toBeDefined();
      return answers.get(id) as { ok: boolean };
    };
    expect(await ask(1, 'session.start', { procedureId: 'juminhyo-request', language: 'ja' })).toMatchObject({ ok: true });
    const fixture = loadCardFixture(residentFixturePath('demo'));
    if (fixture.kind !== 'resident') throw new Error('expected a resident');
    const card = new VpcdCardClient(cardFromFixture(fixture), { port: rig.cardPort });
    await card.insert();
    await expect.poll(() => events.some((e) => e.type === 'reader' && e.state.card === 'present'), { timeout: 10_000 }).toBe(true);
    try {
      const probes = Promise.all([probe(true), probe(false)]);
      expect(await ask(2, 'card.read', { pin: fixture.resident.pin })).toMatchObject({ ok: true, result: { ok: true } });
      const [nobody, sameUser] = await probes;
      expect(nobody.uid).toBe(65534);
      expect(sameUser.uid).toBe(process.getuid!());
      expect(events.some((e) => e.type === 'card-read-progress')).toBe(true); // events were flowing meanwhile

      const secrets = [service.clerk.desks.pairingCode().code, fixture.resident.name, fixture.resident.address];
      for (const result of [nobody, sameUser]) {
        expect(result.upgrades.length).toBe((KIOSK_REQUEST_NAMES.length + CLERK_REQUEST_NAMES.length) * 15);
        const opened = result.upgrades.filter((u) => u.status === 101 || u.messages.length > 0);
        expect(opened, `uid ${result.uid}`).toEqual([]);
        for (const u of result.upgrades) expect([401, 403, 404], `${u.path} ${u.origin} ${u.host}`).toContain(u.status);
        const answered = result.http.filter((h) => h.status < 400 || h.status === 0);
        expect(answered, `uid ${result.uid}`).toEqual([]);
        const text = JSON.stringify(result);
        for (const secret of secrets) expect(text.includes(secret), `uid ${result.uid} saw a secret`).toBe(false);
      }
      expect(service.clerk.desks.list()).toEqual([]);
    } finally {
      await card.close();
      kiosk.close();
    }
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLERK_HTTP, CLERK_REQUEST_NAMES, CLERK_WS_PATH, DESK_PLACE_COOKIE, type ClerkEvent, type ClerkFailure, type Mirror } from '../../contract/clerk';
import type { RpcMessage } from '../../contract/common';

type ClerkWireMessage = RpcMessage<ClerkEvent, ClerkFailure>;
import type { KioskApi } from '../../contract/kiosk';
import { cityBell, ClerkDesk, DeskRegistry } from '../../counter/clerk';
import { ClerkQueue, keyFolderStore } from '../../counter/queue';
import { FileStaffDirectory, StaffSignIn } from '../../counter/staff';
import { addStaff, TEST_PASSPHRASE } from '../../counter/staff/test/staff-fixture';
import { startWebHost, type WebHost } from './server';

// The kiosk side is not under test here: a service that answers nothing.
const noKiosk: KioskApi = { request: () => Promise.reject(new Error('not used')), onEvent: () => () => {} };
const restingKiosk: Mirror = { step: 'attract', session: null, updatedAt: 0 };

let dir: string;
let queue: ClerkQueue;
let desks: DeskRegistry;
let desk: ClerkDesk;
let host: WebHost;
let origin: string;
/** The city's bell the desk service offers (none unless a test writes one). */
let bell: { file: string; type: string; size: number } | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kakanai-clerk-access-'));
  queue = new ClerkQueue({ dir: join(dir, 'queue'), keys: keyFolderStore(join(dir, 'keys')) });
  desks = new DeskRegistry();
  const directory = new FileStaffDirectory(dir);
  await addStaff(directory, 'tanaka', 'clerk');
  await addStaff(directory, 'joho', 'it');
  desk = new ClerkDesk({
    desks,
    staff: new StaffSignIn(directory),
    queue,
    live: { mirror: () => restingKiosk, correct: async () => ({ problems: [] }), readWithCheckCodeB: async () => ({ ok: false, error: 'NoCard' }), allowLastTry: () => {} },
    bell: () => bell,
  });
  host = await startWebHost({ service: noKiosk, port: 0, clerk: desk, rendererDir: dir });
  origin = host.url.replace(/\/$/, '');
});

afterEach(async () => {
  await host.close();
  desk.close();
  queue.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pair(code = desks.pairingCode().code, name = 'tanaka', passphrase = TEST_PASSPHRASE): Promise<Response> {
  return fetch(`${origin}${CLERK_HTTP.pair}`, { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/json' }, body: JSON.stringify({ code, name, passphrase }) });
}

function cookieOf(res: Response): string {
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** The upgrade's HTTP status, or 101 when the socket opened. */
function upgradeStatus(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}${CLERK_WS_PATH}`, { headers: { Origin: origin, ...headers } });
    ws.on('open', () => (ws.close(), resolve(101)));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

describe('clerk access on the browser host', () => {
  it("pairing with the kiosk code and a clerk's own sign-in sets an HttpOnly, SameSite=Strict cookie on Path=/", async () => {
    const res = await pair();
    expect(res.status).toBe(200);
    expect(await res.clone().json()).toMatchObject({ clerk: 'tanaka' });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^kakanai_desk=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure'); // plain HTTP on loopback; the TLS host adds it
    const session = await fetch(`${origin}${CLERK_HTTP.session}`, { headers: { Cookie: cookieOf(res) } });
    expect(session.status).toBe(200);
  });

  it('an unpaired client gets 401 on every clerk path and its WebSocket upgrade is refused', async () => {
    const paths = [CLERK_HTTP.session, CLERK_HTTP.logout, CLERK_WS_PATH, ...CLERK_REQUEST_NAMES.map((n) => `${CLERK_WS_PATH}/${n}`)];
    for (const path of paths) {
      for (const method of ['GET', 'POST']) {
        const res = await fetch(`${origin}${path}`, { method, headers: { Origin: origin } });
        expect(res.status, `${method} ${path}`).toBe(401);
      }
    }
    expect(await upgradeStatus({})).toBe(401);
    expect(await upgradeStatus({ Cookie: `kakanai_desk=${Buffer.alloc(32, 1).toString('base64url')}` })).toBe(401);
  });

  it('a wrong code is 403; after a few the same client is slowed down (429 with Retry-After), not locked out', async () => {
    const right = desks.pairingCode().code;
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 4; i++) expect((await pair(wrong)).status).toBe(403);
    const limited = await pair(desks.pairingCode().code);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    expect(limited.headers.get('set-cookie')).toBeNull();
  });

  it('the right code with a wrong passphrase, an unknown name or an IT staff member does not pair', async () => {
    for (const [name, passphrase] of [['tanaka', 'not the passphrase'], ['nobody', TEST_PASSPHRASE], ['joho', TEST_PASSPHRASE]] as const) {
      const res = await pair(desks.pairingCode().code, name, passphrase);
      expect(res.status, name).toBe(403);
      expect(await res.json()).toEqual({ error: 'wrong-credentials' });
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    expect(desks.list()).toEqual([]);
  });

  it("the clerk's name is in the queue's audit, and a clerk removed from the directory loses the desk", async () => {
    const cookie = cookieOf(await pair());
    expect(queue.auditLog().at(-1)).toMatchObject({ action: 'pairing', detail: 'paired', actor: { kind: 'clerk', id: expect.stringMatching(/^tanaka:desk-/) } });
    desk.staff.directory.remove('tanaka');
    expect((await fetch(`${origin}${CLERK_HTTP.session}`, { headers: { Cookie: cookie } })).status).toBe(401);
    expect(desks.list()).toEqual([]);
  });

  it('pairing from another origin is refused', async () => {
    const res = await fetch(`${origin}${CLERK_HTTP.pair}`, { method: 'POST', headers: { Origin: 'http://evil.example' }, body: JSON.stringify({ code: desks.pairingCode().code }) });
    expect(res.status).toBe(403);
  });

  it('a paired desk opens the clerk socket, gets the mirror, and a revoke closes it', async () => {
    const cookie = cookieOf(await pair());
    const ws = new WebSocket(`${origin.replace('http', 'ws')}${CLERK_WS_PATH}`, { headers: { Origin: origin, Cookie: cookie } });
    const messages: ClerkWireMessage[] = [];
    ws.on('message', (m) => messages.push(JSON.parse(String(m)) as ClerkWireMessage));
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(JSON.stringify({ kind: 'request', id: 1, name: 'queue.list', params: {} }));
    await expect.poll(() => messages.find((m) => m.kind === 'response')).toEqual({ kind: 'response', id: 1, ok: true, result: { items: [] } });
    expect(messages.some((m) => m.kind === 'event' && m.event.type === 'mirror')).toBe(true);
    const [paired] = desks.list();
    desks.revoke(paired!.deskId);
    expect(await closed).toBe(4401);
    expect((await fetch(`${origin}${CLERK_HTTP.session}`, { headers: { Cookie: cookie } })).status).toBe(401);
    expect(queue.auditLog().map((e) => `${e.action}:${e.detail}`)).toEqual(['pairing:paired', 'pairing:revoked']);
  });

  it('a desk whose page closed its socket is listed as left at once, and present again when it reconnects', async () => {
    const cookie = cookieOf(await pair());
    const connect = async () => {
      const ws = new WebSocket(`${origin.replace('http', 'ws')}${CLERK_WS_PATH}`, { headers: { Origin: origin, Cookie: cookie } });
      await new Promise((resolve) => ws.on('open', resolve));
      return ws;
    };
    const ws = await connect();
    expect(desks.list()).toMatchObject([{ clerk: 'tanaka', present: true }]);
    ws.close();
    await expect.poll(() => desks.list()[0]?.present).toBe(false);
    const again = await connect();
    expect(desks.list()).toMatchObject([{ present: true }]);
    again.close();
  });

  it('a browser keeps its place cookie across pairings: the desk it pairs is the same place, kept only as a hash', async () => {
    const first = await pair();
    const place = first.headers.getSetCookie().find((c) => c.startsWith(`${DESK_PLACE_COOKIE}=`))!;
    expect(place).toMatch(/HttpOnly; SameSite=Strict; Path=\/; Max-Age=31536000$/);
    const value = place.split(';')[0]!;
    const again = await fetch(`${origin}${CLERK_HTTP.pair}`, {
      method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'application/json', Cookie: value },
      body: JSON.stringify({ code: desks.pairingCode().code, name: 'tanaka', passphrase: TEST_PASSPHRASE }),
    });
    expect(again.status).toBe(200);
    const [a, b] = desks.list();
    expect(desks.placeOf(a!.deskId)).toBe(desks.placeOf(b!.deskId));
    expect(desks.placeOf(a!.deskId)).not.toContain(value.split('=')[1]!);
    // Another browser (no cookie) is another place.
    await pair();
    expect(desks.placeOf(desks.list()[2]!.deskId)).not.toBe(desks.placeOf(a!.deskId));
  });

  it("the call bell: a paired desk only; the shipped chime by redirect, else the city's file", async () => {
    expect((await fetch(`${origin}${CLERK_HTTP.bell}`)).status).toBe(401);
    const cookie = cookieOf(await pair());
    const shipped = await fetch(`${origin}${CLERK_HTTP.bell}`, { headers: { Cookie: cookie }, redirect: 'manual' });
    expect([shipped.status, shipped.headers.get('location'), shipped.headers.get('cache-control')]).toEqual([302, '/clerk-bell.wav', 'no-store']);
    const file = join(dir, 'clerk-bell.wav');
    writeFileSync(file, Buffer.from('RIFF-city-bell'));
    bell = cityBell(dir);
    const city = await fetch(`${origin}${CLERK_HTTP.bell}`, { headers: { Cookie: cookie } });
    expect([city.status, city.headers.get('content-type'), Buffer.from(await city.arrayBuffer()).toString()]).toEqual([200, 'audio/wav', 'RIFF-city-bell']);
    bell = undefined;
  });

  it('logout drops the session server-side and clears the cookie', async () => {
    const cookie = cookieOf(await pair());
    const out = await fetch(`${origin}${CLERK_HTTP.logout}`, { method: 'POST', headers: { Origin: origin, Cookie: cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await fetch(`${origin}${CLERK_HTTP.session}`, { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('refuses to listen beyond loopback without TLS', async () => {
    await expect(startWebHost({ service: noKiosk, host: '0.0.0.0', port: 0, clerk: desk })).rejects.toThrow(/without TLS/);
  });
});

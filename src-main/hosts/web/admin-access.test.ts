// The admin app's access over real HTTP: the counter service (real SQLite, real files; no card reader needed) behind
// the browser host. Sign-in, the cookie, 401 on every admin path without a session, the limits, the origin check.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_HTTP, ADMIN_REQUEST_NAMES } from '../../contract/admin';
import { startCounterService, type CounterService } from '../../counter';
import { FileStaffDirectory } from '../../counter/staff';
import { addStaff } from '../../counter/staff/test/staff-fixture';
import { startWebHost, type WebHost } from './server';

const PASSPHRASE = 'correct horse battery staple';

let dir: string;
let service: CounterService;
let host: WebHost;
let origin: string;

async function start(withPassphrase = true): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'kakanai-admin-access-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(dir, 'admin.html'), '<!doctype html><title>admin</title>');
  if (withPassphrase) {
    const directory = new FileStaffDirectory(join(dir, 'data'));
    await addStaff(directory, 'joho.taro', 'it', PASSPHRASE);
    await addStaff(directory, 'it', 'it', PASSPHRASE);
    await addStaff(directory, 'tanaka', 'clerk', PASSPHRASE);
  }
  service = await startCounterService({ reader: { socketPath: join(dir, 'no-pcscd.sock') }, outputDir: join(dir, 'data'), watchTemplates: false });
  host = await startWebHost({ service, port: 0, admin: service.admin, rendererDir: dir });
  origin = host.url.replace(/\/$/, '');
}

afterEach(async () => {
  await host?.close();
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

function signIn(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${origin}${ADMIN_HTTP.signIn}`, { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

function cookieOf(res: Response): string {
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

function call(cookie: string, name: string, params: unknown = {}): Promise<Response> {
  return fetch(`${origin}${ADMIN_HTTP.call}`, { method: 'POST', headers: { Origin: origin, Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ name, params }) });
}

describe('admin access on the browser host', () => {
  beforeEach(() => start());

  it('every admin path but sign-in answers 401 without a session, whatever the method or the call', async () => {
    const paths = [ADMIN_HTTP.session, ADMIN_HTTP.signOut, ADMIN_HTTP.call, ADMIN_HTTP.figuresCsv, '/api/admin', '/api/admin/', '/api/admin/anything', ...ADMIN_REQUEST_NAMES.map((n) => `/api/admin/${n}`)];
    for (const path of paths) {
      for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
        const res = await fetch(`${origin}${path}`, { method, headers: { Origin: origin } });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(await res.json()).toEqual({ error: 'not-signed-in' });
      }
    }
    for (const name of ADMIN_REQUEST_NAMES) {
      expect((await call('', name)).status, name).toBe(401);
      expect((await call(`kakanai_admin=${Buffer.alloc(32, 7).toString('base64url')}`, name)).status, name).toBe(401);
    }
    expect(service.admin.store.auditLog().filter((e) => e.action !== 'sign-in-failed')).toEqual([]);
  });

  it('signing in sets an HttpOnly, SameSite=Strict cookie; the session names the staff member; sign-out ends it', async () => {
    const res = await signIn({ name: '  Joho.Taro ', passphrase: PASSPHRASE });
    expect(res.status).toBe(204);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^kakanai_admin=[A-Za-z0-9_-]{43}; /);
    for (const flag of ['HttpOnly', 'SameSite=Strict', 'Path=/']) expect(setCookie).toContain(flag);
    expect(setCookie).not.toContain('Secure');
    const cookie = cookieOf(res);

    const session = await fetch(`${origin}${ADMIN_HTTP.session}`, { headers: { Cookie: cookie } });
    expect(await session.json()).toEqual({ name: 'joho.taro' });
    const whoami = await call(cookie, 'admin.whoami');
    expect(await whoami.json()).toEqual({ ok: true, result: { name: 'joho.taro' } });
    const list = (await (await call(cookie, 'documents.list')).json()) as { ok: boolean; result: { documents: unknown[] } };
    expect(list.ok).toBe(true);
    expect(list.result.documents.length).toBeGreaterThan(10);
    expect(await (await call(cookie, 'documents.get', { kind: 'template', id: 'no-such-form' })).json()).toEqual({ ok: false, error: { code: 'not-found' } });
    expect(await (await call(cookie, 'documents.get', { kind: 'page' })).json()).toEqual({ ok: false, error: { code: 'invalid-request' } });

    const csv = await fetch(`${origin}${ADMIN_HTTP.figuresCsv}?since=2025-06-01`, { headers: { Cookie: cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');

    const out = await fetch(`${origin}${ADMIN_HTTP.signOut}`, { method: 'POST', headers: { Origin: origin, Cookie: cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await fetch(`${origin}${ADMIN_HTTP.session}`, { headers: { Cookie: cookie } })).status).toBe(401);
    expect(service.admin.store.auditLog().map((e) => `${e.who}:${e.action}`)).toEqual(['joho.taro:sign-out', 'joho.taro:sign-in']);
  });

  it('a wrong passphrase is 403 and audited by name; after a few wrong tries one address is slowed (429 with Retry-After)', async () => {
    for (let i = 0; i < 4; i++) expect((await signIn({ name: 'mallory', passphrase: `wrong passphrase ${i}` })).status).toBe(403);
    const limited = await signIn({ name: 'mallory', passphrase: PASSPHRASE });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    expect(limited.headers.get('set-cookie')).toBeNull();
    const audit = service.admin.store.auditLog();
    expect(audit).toHaveLength(4);
    expect(audit.every((e) => e.action === 'sign-in-failed' && e.who === 'mallory')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('wrong passphrase 0');
  });

  it('refuses a name that is empty or too long, and a sign-in or call from another origin', async () => {
    expect((await signIn({ name: '   ', passphrase: PASSPHRASE })).status).toBe(400);
    expect((await signIn({ name: 'x'.repeat(41), passphrase: PASSPHRASE })).status).toBe(400);
    expect((await signIn({ name: 'tanaka', passphrase: PASSPHRASE })).status).toBe(403); // a clerk is not IT staff
    expect((await signIn({ passphrase: PASSPHRASE })).status).toBe(400);
    expect((await signIn({ name: 'eve', passphrase: PASSPHRASE }, { Origin: 'http://evil.example' })).status).toBe(403);
    const cookie = cookieOf(await signIn({ name: 'it', passphrase: PASSPHRASE }));
    const crossSite = await fetch(`${origin}${ADMIN_HTTP.call}`, { method: 'POST', headers: { Origin: 'http://evil.example', Cookie: cookie }, body: JSON.stringify({ name: 'admin.whoami', params: {} }) });
    expect(crossSite.status).toBe(403);
    expect((await fetch(`${origin}${ADMIN_HTTP.signIn}`, { headers: { Origin: origin } })).status).toBe(405);
  });

  it('serves the admin page at /admin', async () => {
    for (const path of ['/admin', '/admin/']) {
      const res = await fetch(`${origin}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>admin</title>');
    }
  });
});

describe('the lockout cannot be forced', () => {
  beforeEach(() => start());

  it('wrong passphrases from many addresses never stop the right one; a known browser is not slowed by its own address', async () => {
    // Many addresses guessing at the IT staff's name: none of it counts against anyone else.
    for (let a = 0; a < 60; a++) expect((await service.admin.signIn('it', `guess ${a}`, `10.9.${a >> 8}.${a & 255}`)).ok).toBe(false);
    const fresh = await signIn({ name: 'it', passphrase: PASSPHRASE });
    expect(fresh.status).toBe(204);
    const device = (fresh.headers.getSetCookie().find((c) => c.startsWith('kakanai_staff_device=')) ?? '').split(';')[0]!;
    expect(device).toMatch(/^kakanai_staff_device=[A-Za-z0-9_-]{43}$/);
    // Now another local user guesses from this very address (loopback) until it is slowed down…
    for (let i = 0; i < 8; i++) await signIn({ name: 'it', passphrase: `local guess ${i}` });
    expect((await signIn({ name: 'it', passphrase: PASSPHRASE })).status).toBe(429);
    // …and the browser that signed in before still gets in at once.
    expect((await signIn({ name: 'it', passphrase: PASSPHRASE }, { Cookie: device })).status).toBe(204);
  });
});

describe('admin access before a passphrase is set', () => {
  beforeEach(() => start(false));

  it('sign-in answers 409 no-passphrase', async () => {
    const res = await signIn({ name: 'it', passphrase: PASSPHRASE });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'no-passphrase' });
  });
});

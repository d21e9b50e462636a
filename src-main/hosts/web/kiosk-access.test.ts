// The kiosk socket's door on the browser host: the one-time launch token traded for the kiosk session cookie, and
// no kiosk socket at all when the host is Electron's loopback host for desks and admin.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { KioskApi } from '../../contract/kiosk';
import { KIOSK_LAUNCH_PATH, KIOSK_WS_PATH, LAUNCH_FRAGMENT } from '../../contract/wire';
import { startWebHost, type WebHost } from './server';

const kioskInfo = { demo: true };
const service: KioskApi = { request: async () => kioskInfo as never, onEvent: () => () => {} };
let dir: string;
let host: WebHost;

async function start(kiosk?: boolean): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'kakanai-kiosk-access-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  host = await startWebHost({ service, port: 0, rendererDir: dir, ...(kiosk === undefined ? {} : { kiosk }) });
  return host.url.replace(/\/$/, '');
}

afterEach(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

function upgrade(origin: string, cookie?: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}${KIOSK_WS_PATH}`, { origin, ...(cookie ? { headers: { Cookie: cookie } } : {}) });
    ws.on('open', () => (ws.close(), resolve(101)));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

const trade = (origin: string, token: string, from = origin) =>
  fetch(`${origin}${KIOSK_LAUNCH_PATH}`, { method: 'POST', headers: { Origin: from, 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });

describe('the kiosk socket on the browser host', () => {
  it('opens only with the kiosk session a one-time launch token gave; the token works once and only from this origin', async () => {
    const origin = await start();
    expect(await upgrade(origin)).toBe(401);
    const launch = new URL(host.launchUrl());
    expect(launch.search).toBe(''); // the token travels in the fragment, never in a request line
    const token = new URLSearchParams(launch.hash.slice(1)).get(LAUNCH_FRAGMENT)!;
    expect((await trade(origin, token, 'http://evil.example')).status).toBe(403);
    const traded = await trade(origin, token);
    expect(traded.status).toBe(204);
    const setCookie = traded.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^kakanai_kiosk=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\//);
    expect((await trade(origin, token)).status).toBe(403);
    expect((await trade(origin, 'A'.repeat(43))).status).toBe(403);
    expect(await upgrade(origin, setCookie.split(';')[0])).toBe(101);
  });

  it('serves no kiosk socket and no launch on the host Electron starts for desks and admin', async () => {
    const origin = await start(false);
    const session = host.openKioskSession();
    expect(await upgrade(origin, `${session.name}=${session.value}`)).toBe(404);
    expect((await trade(origin, new URLSearchParams(new URL(host.launchUrl()).hash.slice(1)).get(LAUNCH_FRAGMENT)!)).status).not.toBe(204);
  });
});

// Under TLS every response of the browser host carries HSTS — pages, API refusals, refused WebSocket upgrades — and
// without TLS none does (a browser ignores it on plain HTTP anyway). A throwaway self-signed certificate.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskApi } from '../../contract/kiosk';
import { HSTS, startWebHost, type WebHost } from './server';

const noKiosk: KioskApi = { request: () => Promise.reject(new Error('not used')), onEvent: () => () => {} };
let dir: string;
let host: WebHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kakanai-hsts-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/CN=127.0.0.1', '-days', '1'], { stdio: 'ignore' });
  host = await startWebHost({ service: noKiosk, port: 0, rendererDir: dir, tls: { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) } });
});

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; hsts: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { Host: `127.0.0.1:${host.port}`, ...headers }, rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, hsts: res.headers['strict-transport-security'] as string | undefined });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HSTS on the TLS host', () => {
  it('is on every response: the page, a refused API call, a wrong host, a refused upgrade', async () => {
    expect(await get('/')).toEqual({ status: 200, hsts: HSTS });
    expect(await get('/api/clerk/session')).toMatchObject({ hsts: HSTS });
    expect(await get('/api/nothing')).toEqual({ status: 404, hsts: HSTS });
    expect(await get('/', { Host: 'rebind.example' })).toEqual({ status: 421, hsts: HSTS });
    const upgrade = await get('/api/kiosk', { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', Origin: host.url.replace(/\/$/, '') });
    expect(upgrade).toEqual({ status: 401, hsts: HSTS });
    expect(HSTS).toMatch(/^max-age=\d{8,}/);
  });
});

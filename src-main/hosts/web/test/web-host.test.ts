// `kakanai serve` as a real process on a private rig, spoken to by a real WebSocket client as the kiosk page would;
// and the browser host's HTTP side (headers, paths, hosts) in this process over the same rig.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startRig, type Rig } from '../../../../card-reader/rig/rig';
import { cardFromFixture } from '../../../../card-reader/virtual-card/emulate';
import { loadCardFixture, residentFixturePath } from '../../../../card-reader/virtual-card/resident-fixture';
import { VpcdCardClient } from '../../../../card-reader/virtual-card/vpcd-client';
import type { KioskEvent } from '../../../contract/kiosk';
import { KIOSK_LAUNCH_PATH, KIOSK_WS_PATH, LAUNCH_FRAGMENT } from '../../../contract/wire';
import type { WireMessage, WireResponse } from '../../../contract/kiosk';
import { repoRoot } from '../../../forms/load';
import { startWebHost } from '../server';
import { startCounterService } from '../../../counter';
import { holdPrinter, PRINTER_WAIT_MS } from '../../../counter/printing/test/cups-pdf';

let rig: Rig;
let serve: ChildProcess;
let url: URL;
let outputDir: string;
/** The kiosk session cookie, got the way the kiosk page gets it: the one-time launch URL kakanai serve prints. */
let kioskCookie: string;
/** The kiosk test prints on cups-pdf (--printer kakanai-pdf). */
let releasePrinter: (() => Promise<void>) | undefined;

beforeAll(async () => {
  releasePrinter = await holdPrinter();
  rig = await startRig();
  outputDir = mkdtempSync(join(tmpdir(), 'kakanai-serve-out-'));
  serve = spawn(process.execPath, [join(repoRoot, 'bin/kakanai.mjs'), 'serve', '--port', '0', '--out', outputDir, '--printer', 'kakanai-pdf'], {
    env: { ...process.env, PCSCLITE_CSOCK_NAME: rig.socketPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [firstLine, launchLine] = await new Promise<string[]>((resolve, reject) => {
    const lines: string[] = [];
    createInterface({ input: serve.stdout! }).on('line', (line) => {
      lines.push(line);
      if (lines.length === 2) resolve(lines);
    });
    serve.once('exit', (code) => reject(new Error(`kakanai serve exited with ${code}`)));
  });
  url = new URL(firstLine!);
  const launch = new URL(launchLine!);
  expect(launch.origin).toBe(url.origin);
  const token = new URLSearchParams(launch.hash.slice(1)).get(LAUNCH_FRAGMENT)!;
  const exchange = () => fetch(new URL(KIOSK_LAUNCH_PATH, url), { method: 'POST', headers: { Origin: url.origin }, body: JSON.stringify({ token }) });
  const traded = await exchange();
  expect(traded.status).toBe(204);
  const setCookie = traded.headers.get('set-cookie') ?? '';
  for (const flag of ['HttpOnly', 'SameSite=Strict', 'Path=/']) expect(setCookie).toContain(flag);
  kioskCookie = setCookie.split(';')[0]!;
  expect((await exchange()).status).toBe(403); // one use
}, PRINTER_WAIT_MS);

afterAll(async () => {
  if (serve && serve.exitCode === null) {
    const exited = new Promise((resolve) => serve.once('exit', resolve));
    serve.kill('SIGTERM');
    await exited;
  }
  await rig?.stop();
  rmSync(outputDir, { recursive: true, force: true });
  await releasePrinter?.();
});

/** A kiosk page's connection: requests by id, events kept in order. */
class KioskSocket {
  readonly events: KioskEvent[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, (r: WireResponse) => void>();
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as WireMessage;
      if (msg.kind === 'event') this.events.push(msg.event);
      if (msg.kind === 'response') this.pending.get(msg.id)?.(msg);
    });
  }
  static open(origin: string, cookie: string | undefined = kioskCookie): Promise<KioskSocket> {
    const ws = new WebSocket(new URL(KIOSK_WS_PATH, url), { origin, ...(cookie ? { headers: { Cookie: cookie } } : {}) });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new KioskSocket(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }
  sendRaw(message: unknown): Promise<WireResponse> {
    const id = (message as { id: number }).id;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
    });
  }
  async request(name: string, params: unknown): Promise<unknown> {
    const r = await this.sendRaw({ kind: 'request', id: this.nextId++, name, params });
    if (!r.ok) throw Object.assign(new Error(r.error.code), { code: r.error.code });
    return r.result;
  }
  async untilEvent(match: (e: KioskEvent) => boolean): Promise<KioskEvent> {
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  close(): void {
    this.ws.close();
  }
}

describe('kakanai serve over its WebSocket', () => {
  it('carries a whole visit: info, session, reader events, tries, the read, answers, preview, submit and the wipe', async () => {
    const kiosk = await KioskSocket.open(url.origin);
    try {
      const info = (await kiosk.request('kiosk.info', {})) as { demo: boolean; procedures: { id: string }[] };
      expect(info.demo).toBe(false);
      expect(info.procedures.map((p) => p.id)).toContain('juminhyo-request');
      await kiosk.request('session.start', { procedureId: 'juminhyo-request', language: 'en' });

      const resident = loadCardFixture(residentFixturePath('demo'));
      if (resident.kind !== 'resident') throw new Error('expected a resident fixture');
      const card = new VpcdCardClient(cardFromFixture(resident), { port: rig.cardPort });
      await card.insert();
      await kiosk.untilEvent((e) => e.type === 'reader' && e.state.card === 'present');
      expect(await kiosk.request('card.tries', {})).toEqual({ triesLeft: 3 });
      const read = (await kiosk.request('card.read', { pin: resident.resident.pin })) as { ok: boolean; resident: { name: string } };
      expect(read).toMatchObject({ ok: true, resident: { name: resident.resident.name } });
      expect(kiosk.events.filter((e) => e.type === 'card-read-progress').length).toBeGreaterThanOrEqual(6);
      await card.close();
      await kiosk.untilEvent((e) => e.type === 'reader' && e.state.card === 'empty');

      const answers = { kana: 'みほん はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 1 };
      expect(await kiosk.request('session.answer', { answers })).toEqual({ problems: [] });
      const { forms } = (await kiosk.request('session.preview', {})) as { forms: { pdfBase64: string }[] };
      expect(Buffer.from(forms[0]!.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      const submission = (await kiosk.request('session.submit', { print: true, toClerk: false })) as { ticketNumber: string };
      expect(submission.ticketNumber).toMatch(/^A-\d{3}$/);
      await kiosk.request('session.end', { reason: 'done' });
      expect(await kiosk.request('session.memory', {})).toEqual({ hasSession: false, hasResident: false, hasMyNumber: false, answerCount: 0, renderedForms: 0, personCards: 0, personMyNumbers: 0 });
    } finally {
      kiosk.close();
    }
  });

  it('refuses a page from another origin, a client that sends no Origin, and one without the kiosk session', async () => {
    await expect(KioskSocket.open('http://evil.example')).rejects.toThrow('HTTP 403');
    await expect(KioskSocket.open(`http://localhost:${Number(url.port) + 1}`)).rejects.toThrow('HTTP 403');
    await expect(KioskSocket.open(url.origin, '')).rejects.toThrow('HTTP 401');
    await expect(KioskSocket.open(url.origin, `kakanai_kiosk=${Buffer.alloc(32, 3).toString('base64url')}`)).rejects.toThrow('HTTP 401');
    const bare = new WebSocket(new URL(KIOSK_WS_PATH, url), { headers: { Cookie: kioskCookie } });
    const status = await new Promise<number>((resolve) => bare.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(403);
  });

  it('answers malformed requests with invalid-request, and drops a client that sends something else', async () => {
    const kiosk = await KioskSocket.open(url.origin);
    try {
      expect(await kiosk.sendRaw({ kind: 'request', id: 7, name: 'card.read', params: { pin: 1234 } })).toEqual({ kind: 'response', id: 7, ok: false, error: { code: 'invalid-request' } });
      expect(await kiosk.sendRaw({ kind: 'request', id: 8, name: 'shell.exec', params: {} })).toMatchObject({ id: 8, ok: false, error: { code: 'invalid-request' } });
      expect(await kiosk.sendRaw({ kind: 'request', id: 9, name: 'kiosk.info', params: { extra: true } })).toMatchObject({ id: 9, ok: false, error: { code: 'invalid-request' } });
      expect(await kiosk.sendRaw({ kind: 'request', id: 10, name: 'session.preview', params: {} })).toMatchObject({ id: 10, ok: false, error: { code: 'no-session' } });
      const closed = new Promise<number>((resolve) => kiosk.ws.once('close', (code) => resolve(code)));
      kiosk.ws.send('not json');
      expect(await closed).toBe(1008);
    } finally {
      kiosk.close();
    }
  });
});

describe('the browser host over HTTP', () => {
  let base: string;
  let rendererDir: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'kakanai-renderer-'));
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="./assets/kiosk-abc.js"></script>');
    writeFileSync(join(rendererDir, 'assets', 'kiosk-abc.js'), 'console.log(1)');
    const service = await startCounterService({ reader: { socketPath: rig.socketPath }, outputDir, watchTemplates: false });
    const host = await startWebHost({ service, port: 0, rendererDir });
    base = host.url;
    close = async () => {
      await host.close();
      await service.close();
    };
  });
  afterAll(async () => {
    await close?.();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
      const u = new URL(base);
      const req = httpRequest({ host: u.hostname, port: u.port, path, headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('serves the kiosk page with a strict CSP, no framing, no referrer, no sniffing', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const script = await get('/assets/kiosk-abc.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toContain('immutable');
  });

  it('serves nothing outside its folder, and nothing to a request for another host name', async () => {
    expect((await get('/../../../etc/passwd')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get('/assets/../../index.html')).status).toBe(200); // normalised inside the folder: the page
    expect((await get('/', { Host: 'rebind.example:80' })).status).toBe(421);
    const api = await get('/api/kiosk');
    expect(api.status).toBe(426);
    expect(api.headers['cache-control']).toBe('no-store');
  });
});

// Chromium in kiosk mode on a throwaway profile, signed in as the kiosk screen without a secret in its argv: every
// local user can read /proc/PID/cmdline, so the kiosk session's cookie is set over the DevTools pipe (fds 3 and 4,
// which only this process holds) and the page is opened over it too.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

export const CHROMIUM = '/usr/bin/chromium';

type Cookie = { name: string; value: string };

/** Starts Chromium on about:blank, sets the cookie, opens `url`; `close` ends it (and its profile). */
export function openChromiumKiosk(url: string, cookie: Cookie, options: { headless?: boolean; binary?: string } = {}): { close(): void; pid: number | undefined; ready: Promise<void>; exited: Promise<void> } {
  const profile = mkdtempSync(join(tmpdir(), 'kakanai-chromium-'));
  // Chromium refuses to run as root without --no-sandbox; a kiosk user account keeps the sandbox.
  const root = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const flags = [...root, '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  const mode = options.headless ? ['--headless'] : ['--kiosk', '--app=about:blank'];
  const child: ChildProcess = spawn(options.binary ?? CHROMIUM, [...flags, `--user-data-dir=${profile}`, '--remote-debugging-pipe', ...mode, ...(options.headless ? ['about:blank'] : [])], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  child.on('error', () => console.error('Chromium を起動できません / Chromium did not start'));
  const exited = new Promise<void>((resolve) =>
    child.once('close', () => {
      // Chromium's helpers may still be writing as the browser exits: retry, and never crash the kiosk over it.
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      } catch {
        // left for the OS's /tmp cleanup
      }
      resolve();
    }),
  );
  const cdp = devToolsPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
  const ready = (async () => {
    await cdp.send('Storage.setCookies', { cookies: [{ ...cookie, url, httpOnly: true, sameSite: 'Strict' }] });
    const page = await firstPage(cdp);
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: page, flatten: true })) as { sessionId: string };
    await cdp.send('Page.navigate', { url }, sessionId);
  })();
  ready.catch(() => console.error('Chromium にキオスク画面を開けません / could not open the kiosk page in Chromium'));
  return { close: () => void child.kill('SIGTERM'), pid: child.pid, ready, exited };
}

async function firstPage(cdp: DevToolsPipe): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string }[] };
    const page = targetInfos.find((t) => t.type === 'page');
    if (page) return page.targetId;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no page');
}

type DevToolsPipe = { send(method: string, params?: object, sessionId?: string): Promise<unknown> };

/** The DevTools protocol over Chromium's pipe: JSON messages ended by a NUL byte. */
function devToolsPipe(toChromium: Writable, fromChromium: Readable): DevToolsPipe {
  let nextId = 1;
  let buffered = '';
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  fromChromium.setEncoding('utf8');
  fromChromium.on('data', (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
      const message = JSON.parse(buffered.slice(0, end)) as { id?: number; result?: unknown; error?: { message: string } };
      buffered = buffered.slice(end + 1);
      const waiting = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiting) continue;
      pending.delete(message.id!);
      if (message.error) waiting.reject(new Error(message.error.message));
      else waiting.resolve(message.result);
    }
  });
  fromChromium.on('error', () => {});
  toChromium.on('error', () => {});
  return {
    send(method, params = {}, sessionId) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        toChromium.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
      });
    },
  };
}

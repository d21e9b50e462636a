// The browser host: the counter service's contract over a WebSocket (/api/kiosk) and the built renderer over HTTP,
// on loopback by default. Thin: it checks who is calling and what they send, then hands the request to the service.
// The kiosk socket is for the kiosk page kakanai started, and nobody else (any local user can reach loopback): that
// page holds a kiosk session cookie, got by a one-time launch token or set by kakanai in the browser it launched.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { kioskContract, type KioskApi, type KioskEvent, type KioskFailure } from '../../contract/kiosk';
import type { RpcEvent } from '../../contract/common';
import { broadcast, serveSocket } from '../../rpc/server';
import { KIOSK_COOKIE, KIOSK_LAUNCH_PATH, KIOSK_WS_PATH, LAUNCH_FRAGMENT } from '../../contract/wire';
import { SessionTable } from '../../counter/access';
import type { AdminDesk } from '../../counter/admin';
import type { ClerkDesk } from '../../counter/clerk';
import { failureOf } from '../../counter/errors';
import { adminAccess } from './admin-access';
import { clerkAccess } from './clerk-access';
import { repoRoot } from '../../forms/load';
import { cookieValue, HSTS, refuseUpgrade, sessionCookie } from './replies';
import { SECURITY_HEADERS } from '../../web/security-headers';
import { sendPlain, serveStatic } from './static-files';
import { join } from 'node:path';

export interface WebHostOptions {
  service: KioskApi;
  /** Default 127.0.0.1: only this machine's browser reaches the kiosk. */
  host?: string;
  /** Default 8765 (Vite's dev server proxies /api/kiosk there); 0 picks a free port. */
  port?: number;
  /** The built renderer; default dist/renderer in the repository. */
  rendererDir?: string;
  /** The clerk's desks (the service's `clerk`): /clerk, /api/clerk. Without it only the kiosk is served. */
  clerk?: ClerkDesk;
  /** The IT staff's admin app (the service's `admin`): /admin, /api/admin. Without it neither is served. */
  admin?: AdminDesk;
  /** Required to bind to anything but loopback (desks on other PCs): PEM certificate and key from the config. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * Serve the kiosk's socket (default true). Electron's kiosk window speaks IPC, so its loopback host for desks and
   * admin passes false: no /api/kiosk at all.
   */
  kiosk?: boolean;
}

export interface WebHost {
  /** http://host:port/ — the kiosk screen. */
  url: string;
  port: number;
  /**
   * A one-time URL that signs the browser opening it in as the kiosk screen (`#launch=<token>`, good for 5 minutes
   * and one use). For a developer's own browser; kakanai's own Chromium gets a kiosk session cookie instead.
   */
  launchUrl(): string;
  /** A new kiosk session, as the cookie the kiosk page's browser must hold (set it over CDP, or in a test's context). */
  openKioskSession(): { name: string; value: string };
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8765;
/** The signature PNG is the largest message a screen sends. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
const LAUNCH_TOKEN_MS = 5 * 60_000;
const MAX_LAUNCH_BODY = 256;
export { HSTS } from './replies';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const rendererDir = options.rendererDir ?? join(repoRoot, 'dist', 'renderer');
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let port = options.port ?? DEFAULT_PORT;
  // Desks on other PCs would otherwise read residents' data in clear over the LAN: no TLS, no other address.
  if (!loopbackNames.has(host.includes(':') ? `[${host}]` : host) && !options.tls) {
    throw new Error(`refusing to listen on ${host} without TLS: give a certificate and key (--tls-cert, --tls-key), or bind to 127.0.0.1`);
  }
  const scheme = options.tls ? 'https' : 'http';
  const servesKiosk = options.kiosk !== false;
  // The kiosk screen runs all day on this PC: its session ends with the host, or after a day without a request.
  const kioskSessions = new SessionTable<{ kiosk: true }>({ idleMs: 24 * 60 * 60_000, absoluteMs: 7 * 24 * 60 * 60_000 });
  const launchTokens = new SessionTable<{ launch: true }>({ idleMs: LAUNCH_TOKEN_MS, absoluteMs: LAUNCH_TOKEN_MS });
  const kioskCookie = (value: string) => sessionCookie(KIOSK_COOKIE, value, { secure: options.tls !== undefined });
  const sameOrigin = (req: IncomingMessage) => hostAllowed(req, host, port) && req.headers.origin === `${scheme}://${req.headers.host}`;
  const clerk = options.clerk ? clerkAccess(options.clerk, { secure: options.tls !== undefined, sameOrigin }) : undefined;
  const admin = options.admin ? adminAccess(options.admin, { secure: options.tls !== undefined, sameOrigin }) : undefined;

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (options.tls) res.setHeader('Strict-Transport-Security', HSTS);
    if (!hostAllowed(req, host, port)) return sendPlain(res, 421, 'wrong host');
    const path = new URL(req.url ?? '/', 'http://kiosk.invalid').pathname;
    if (path === KIOSK_LAUNCH_PATH && servesKiosk) return launch(req, res);
    if (clerk?.handleHttp(req, res, path)) return;
    if (admin?.handleHttp(req, res, path)) return;
    if (path === KIOSK_WS_PATH || path.startsWith('/api/')) return sendPlain(res, path === KIOSK_WS_PATH ? 426 : 404, 'WebSocket only');
    // The clerk's app is public code; it shows only the pairing page until /api/clerk says the desk is paired.
    if (clerk && (path === '/clerk' || path === '/clerk/')) req.url = '/clerk.html';
    // Likewise the admin app: public code that shows the sign-in until /api/admin/session answers.
    if (admin && (path === '/admin' || path === '/admin/')) req.url = '/admin.html';
    serveStatic(rendererDir, req, res);
  };
  const server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest) : createServer(onRequest);

  /** The kiosk page trades its one-time launch token for the kiosk session cookie. */
  function launch(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'POST' || !sameOrigin(req) || !isLoopbackAddress(req.socket.remoteAddress)) return sendPlain(res, 403, 'forbidden');
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_LAUNCH_BODY) req.destroy();
    });
    req.on('end', () => {
      let token: unknown;
      try {
        token = (JSON.parse(body) as { token?: unknown } | null)?.token;
      } catch {
        token = undefined;
      }
      // One use: the token ends whether or not this request gets the cookie to the page.
      if (typeof token !== 'string' || !launchTokens.end(token)) return sendPlain(res, 403, 'forbidden');
      res.writeHead(204, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store', 'Set-Cookie': kioskCookie(kioskSessions.open({ kiosk: true })) });
      res.end();
    });
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://kiosk.invalid').pathname;
    const refuse = (socket: Duplex, status: 401 | 403 | 404) => refuseUpgrade(socket, status, options.tls !== undefined);
    if (!hostAllowed(req, host, port)) return refuse(socket, 403);
    if (clerk?.handleUpgrade(req, socket, head, path)) return;
    if (path !== KIOSK_WS_PATH || !servesKiosk) return refuse(socket, 404);
    // Same origin only: another site open in the kiosk's browser must not drive the service (CSWSH).
    if (!sameOrigin(req)) return refuse(socket, 403);
    // The kiosk's own screen runs on this PC: bound to the LAN for desks, its socket still answers loopback only.
    if (!isLoopbackAddress(req.socket.remoteAddress)) return refuse(socket, 403);
    // Loopback is every local user: only the page holding the kiosk session gets a socket (and so any event).
    const sessionId = cookieValue(req, KIOSK_COOKIE);
    if (!kioskSessions.get(sessionId)) return refuse(socket, 401);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req, sessionId));
  });

  wss.on('connection', (ws: WebSocket, _req: IncomingMessage, sessionId: string) => {
    serveSocket(ws, {
      contract: kioskContract,
      label: 'kiosk',
      admitted: () => kioskSessions.get(sessionId) !== undefined,
      invalid: { code: 'invalid-request' },
      call: (name, params) => options.service.request(name as never, params as never),
      failureOf: (error): KioskFailure => failureOf(error),
    });
  });

  const unsubscribe = options.service.onEvent((event) => broadcast(wss.clients, { kind: 'event', event } satisfies RpcEvent<KioskEvent>));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}/`;

  return {
    url,
    port,
    launchUrl() {
      return `${url}#${LAUNCH_FRAGMENT}=${launchTokens.open({ launch: true })}`;
    },
    openKioskSession() {
      return { name: KIOSK_COOKIE, value: kioskSessions.open({ kiosk: true }) };
    },
    async close() {
      unsubscribe();
      await clerk?.close();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}


const loopbackNames = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isLoopbackAddress(address: string | undefined): boolean {
  return address === '::1' || address?.startsWith('127.') === true || address?.startsWith('::ffff:127.') === true;
}

/**
 * The Host header must name this server (a page on another name resolving to 127.0.0.1 — DNS rebinding — is
 * refused). Bound to every interface, any name is accepted and the Origin check alone guards the WebSocket.
 */
function hostAllowed(req: IncomingMessage, boundHost: string, port: number): boolean {
  const header = req.headers.host;
  if (!header) return false;
  if (boundHost === '0.0.0.0' || boundHost === '::') return true;
  const bound = boundHost.includes(':') ? `[${boundHost}]` : boundHost;
  const names = loopbackNames.has(bound) ? [...loopbackNames] : [bound];
  return names.some((n) => header === `${n}:${port}`);
}

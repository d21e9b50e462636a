// The browser host: the counter service's contract over a WebSocket (/api/kiosk) and the built renderer over HTTP,
// on loopback by default. Thin: it checks who is calling and what they send, then hands the request to the service.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { KioskApi, KioskFailure } from '../../contract/kiosk';
import { KIOSK_WS_PATH, type WireEvent, type WireResponse } from '../../contract/wire';
import { failureOf } from '../../counter/errors';
import { repoRoot } from '../../forms/load';
import { SECURITY_HEADERS, sendPlain, serveStatic } from './static-files';
import { checkWireRequest } from './wire-request';
import { join } from 'node:path';

export interface WebHostOptions {
  service: KioskApi;
  /** Default 127.0.0.1: only this machine's browser reaches the kiosk. */
  host?: string;
  /** Default 8765 (Vite's dev server proxies /api/kiosk there); 0 picks a free port. */
  port?: number;
  /** The built renderer; default dist/renderer in the repository. */
  rendererDir?: string;
}

export interface WebHost {
  /** http://host:port/ — the kiosk screen. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8765;
/** The signature PNG is the largest message a screen sends. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const rendererDir = options.rendererDir ?? join(repoRoot, 'dist', 'renderer');
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let port = options.port ?? DEFAULT_PORT;

  const server = createServer((req, res) => {
    if (!hostAllowed(req, host, port)) return sendPlain(res, 421, 'wrong host');
    const path = new URL(req.url ?? '/', 'http://kiosk.invalid').pathname;
    if (path === KIOSK_WS_PATH || path.startsWith('/api/')) return sendPlain(res, path === KIOSK_WS_PATH ? 426 : 404, 'WebSocket only');
    serveStatic(rendererDir, req, res);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://kiosk.invalid').pathname;
    if (path !== KIOSK_WS_PATH) return refuse(socket, 404);
    // Same origin only: another site open in the kiosk's browser must not drive the service (CSWSH).
    if (!hostAllowed(req, host, port) || req.headers.origin !== `http://${req.headers.host}`) return refuse(socket, 403);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text only');
      const checked = checkWireRequest(data.toString());
      if (!checked.ok) {
        if (checked.id === undefined) return ws.close(1008, 'not a kiosk request');
        return send(ws, { kind: 'response', id: checked.id, ok: false, error: { code: 'invalid-request' } });
      }
      const { id, name, params } = checked.request;
      options.service.request(name, params as never).then(
        (result) => send(ws, { kind: 'response', id, ok: true, result }),
        (error: unknown) => {
          const failure: KioskFailure = failureOf(error);
          // The error's name only: a message could hold anything, and this log must hold nothing of a resident.
          if (failure.code === 'internal') console.error(`kiosk request ${name} failed (internal: ${(error as Error)?.name ?? typeof error})`);
          send(ws, { kind: 'response', id, ok: false, error: failure });
        },
      );
    });
  });

  const unsubscribe = options.service.onEvent((event) => {
    const message: WireEvent = { kind: 'event', event };
    const text = JSON.stringify(message);
    for (const ws of wss.clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;

  return {
    url,
    port,
    async close() {
      unsubscribe();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(ws: WebSocket, message: WireResponse): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

function refuse(socket: Duplex, status: 403 | 404): void {
  const headers = Object.entries({ ...SECURITY_HEADERS, Connection: 'close', 'Content-Length': '0' }).map(([k, v]) => `${k}: ${v}`);
  socket.end([`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Not Found'}`, ...headers, '', ''].join('\r\n'));
}

const loopbackNames = new Set(['127.0.0.1', 'localhost', '[::1]']);

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

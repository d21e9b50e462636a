// The clerk's desks on the browser host: pairing over HTTP (the one clerk call an unpaired browser may make), the
// desk's session cookie, and the clerk WebSocket (/api/clerk) that needs it. Everything else under /api/clerk is 401
// without a live desk session. Thin: the desk registry and the desk service hold the behaviour.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLERK_HTTP, CLERK_WS_PATH, DESK_COOKIE, DESK_PLACE_COOKIE, clerkContract, type ClerkEvent, type ClerkFailure, type DeskIdentity } from '../../contract/clerk';
import type { RpcEvent } from '../../contract/common';
import { STAFF_DEVICE_COOKIE } from '../../contract/wire';
import { clerkFailureOf, DEFAULT_BELL_PATH, type ClerkDesk } from '../../counter/clerk';
import { broadcast, send, serveSocket } from '../../rpc/server';
import { cookieValue, refuseUpgrade, sendJson, sessionCookie } from './replies';
import { SECURITY_HEADERS } from '../../web/security-headers';
import { sendPlain } from './static-files';

export interface ClerkAccess {
  /** Handles /api/clerk/* over HTTP; false when the path is not the clerk's. */
  handleHttp(req: IncomingMessage, res: ServerResponse, path: string): boolean;
  /** Handles the upgrade to /api/clerk; false when the path is not the clerk's. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, path: string): boolean;
  close(): Promise<void>;
}

const MAX_PAIR_BODY = 2048;
/** The device cookie outlives sessions: it only says "a clerk signed in from this browser before". */
const DEVICE_MAX_AGE_S = 90 * 24 * 60 * 60;
const PLACE_MAX_AGE_S = 365 * 24 * 60 * 60;
/** An opened submission's PDFs are the largest thing a desk receives; it sends only small requests. */
const MAX_CLERK_MESSAGE = 64 * 1024;

export function clerkAccess(desk: ClerkDesk, options: { secure: boolean; sameOrigin(req: IncomingMessage): boolean }): ClerkAccess {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLERK_MESSAGE });
  const sockets = new Map<WebSocket, { sessionId: string; desk: DeskIdentity }>();
  // Idle desks are noticed even when no request comes: their sockets are closed by the desk-ended event.
  const sweeper = setInterval(() => desk.desks.sweep(), 30_000);
  sweeper.unref();

  const offEvents = desk.onEvent((event: ClerkEvent, deskId) => {
    const to = [...sockets].filter(([, who]) => deskId === undefined || who.desk.deskId === deskId).map(([ws]) => ws);
    broadcast(to, { kind: 'event', event } satisfies RpcEvent<ClerkEvent>);
    if (event.type === 'desk-ended') for (const ws of to) ws.close(4401, 'desk ended');
  });

  const sessionIdOf = (req: IncomingMessage, cookieName = DESK_COOKIE) => cookieValue(req, cookieName);
  const cookie = (value: string, maxAge?: number, cookieName = DESK_COOKIE) => sessionCookie(cookieName, value, { secure: options.secure, maxAge });

  function pair(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    let tooLong = false;
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_PAIR_BODY) {
        tooLong = true;
        req.destroy();
      }
    });
    req.on('end', () => {
      if (tooLong) return;
      let input: { code?: unknown; name?: unknown; passphrase?: unknown };
      try {
        input = (JSON.parse(body) ?? {}) as typeof input;
      } catch {
        return sendJson(res, 400, { error: 'invalid-request' });
      }
      const given = sessionIdOf(req, DESK_PLACE_COOKIE);
      const place = given && /^[A-Za-z0-9_-]{43}$/.test(given) ? given : randomBytes(32).toString('base64url');
      void desk.pair({ code: input.code, name: input.name, passphrase: input.passphrase }, req.socket.remoteAddress ?? 'unknown', sessionIdOf(req, STAFF_DEVICE_COOKIE), place).then(
        (outcome) => {
          if (!outcome.ok) {
            if (outcome.reason === 'rate-limited') return sendJson(res, 429, { error: 'rate-limited' }, { 'Retry-After': String(Math.ceil(outcome.retryAfterMs / 1000)) });
            return sendJson(res, outcome.reason === 'invalid-request' ? 400 : 403, { error: outcome.reason });
          }
          res.setHeader('Set-Cookie', [cookie(outcome.sessionId), cookie(outcome.device, DEVICE_MAX_AGE_S, STAFF_DEVICE_COOKIE), cookie(place, PLACE_MAX_AGE_S, DESK_PLACE_COOKIE)]);
          sendJson(res, 200, { deskId: outcome.deskId, clerk: outcome.clerk });
        },
        () => sendPlain(res, 500, 'internal'),
      );
    });
  }

  return {
    handleHttp(req, res, path) {
      if (path !== CLERK_WS_PATH && !path.startsWith(`${CLERK_WS_PATH}/`)) return false;
      // A page of another site must not drive a desk: every clerk call carries this origin.
      const mutating = req.method !== 'GET' && req.method !== 'HEAD';
      if (mutating && !options.sameOrigin(req)) {
        sendPlain(res, 403, 'forbidden');
        return true;
      }
      if (path === CLERK_HTTP.pair && req.method === 'POST') {
        pair(req, res);
        return true;
      }
      const sessionId = sessionIdOf(req);
      const who = desk.deskOf(sessionId);
      if (!who) {
        sendJson(res, 401, { error: 'not-paired' });
        return true;
      }
      if (path === CLERK_HTTP.logout && req.method === 'POST') {
        desk.desks.logout(sessionId);
        res.writeHead(204, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store', 'Set-Cookie': cookie('', 0) });
        res.end();
        return true;
      }
      if (path === CLERK_HTTP.session && req.method === 'GET') {
        sendJson(res, 200, { deskId: who.deskId, clerk: who.clerk });
        return true;
      }
      if (path === CLERK_HTTP.bell && (req.method === 'GET' || req.method === 'HEAD')) {
        sendBell(req, res, desk.bellSound());
        return true;
      }
      if (path === CLERK_WS_PATH) sendPlain(res, 426, 'WebSocket only');
      else sendPlain(res, 404, 'not found');
      return true;
    },

    handleUpgrade(req, socket, head, path) {
      if (path !== CLERK_WS_PATH) return false;
      if (!options.sameOrigin(req)) {
        refuseUpgrade(socket, 403, options.secure);
        return true;
      }
      const sessionId = sessionIdOf(req);
      const who = desk.deskOf(sessionId);
      if (!sessionId || !who) {
        refuseUpgrade(socket, 401, options.secure);
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.set(ws, { sessionId, desk: who });
        const left = desk.desks.socketOpened(who.deskId);
        ws.on('close', () => (sockets.delete(ws), left()));
        // Each request proves the session again: a revoked or idle desk's open socket is shut, not trusted.
        serveSocket(ws, {
          contract: clerkContract,
          label: 'clerk',
          admitted: () => desk.deskOf(sessionId) !== undefined,
          invalid: { code: 'invalid-request' },
          call: (name, params) => {
            const now = desk.deskOf(sessionId);
            return now ? desk.request(now, name as never, params as never) : Promise.reject(new Error('not paired'));
          },
          failureOf: (error): ClerkFailure => clerkFailureOf(error),
        });
        // The desk's first picture: the kiosk as it is now.
        void desk.request(who, 'mirror.get', {}).then(
          (mirror) => {
            send(ws, { kind: 'event', event: { type: 'mirror', mirror } } satisfies RpcEvent<ClerkEvent>);
          },
          () => ws.close(4401, 'not signed in'),
        );
      });
      return true;
    },

    async close() {
      clearInterval(sweeper);
      offEvents();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** The city's bell, or a redirect to the page's shipped chime. Never cached: a new city file applies at the next call. */
function sendBell(req: IncomingMessage, res: ServerResponse, bell: { file: string; type: string; size: number } | undefined): void {
  if (!bell) {
    res.writeHead(302, { ...SECURITY_HEADERS, Location: DEFAULT_BELL_PATH, 'Cache-Control': 'no-store' });
    return void res.end();
  }
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': bell.type, 'Content-Length': String(bell.size), 'Cache-Control': 'no-store' });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(bell.file).on('error', () => res.destroy()).pipe(res);
}

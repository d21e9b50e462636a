// The IT staff's admin app on the browser host: sign-in over HTTP (the one admin call an anonymous browser may
// make), the session cookie, and the calls of contract/admin.ts as POST /api/admin/call. Every other path under
// /api/admin answers 401 without a live admin session. Thin: the admin desk holds the behaviour.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ADMIN_COOKIE, ADMIN_HTTP, MAX_ADMIN_BODY_BYTES, isAdminRequestName, type AdminFailure } from '../../contract/admin';
import { STAFF_DEVICE_COOKIE } from '../../contract/wire';
import { adminFailureOf, type AdminDesk } from '../../counter/admin';
import { answer } from '../../rpc/server';
import { cookieValue, sendJson, sessionCookie } from './replies';
import { SECURITY_HEADERS } from '../../web/security-headers';
import { sendPlain } from './static-files';

export interface AdminAccess {
  /** Handles /api/admin/* over HTTP; false when the path is not the admin's. */
  handleHttp(req: IncomingMessage, res: ServerResponse, path: string): boolean;
}

const ADMIN_PREFIX = '/api/admin';
const MAX_SIGN_IN_BODY = 4096;
/** The device cookie outlives sessions: it only says "this person signed in from this browser before". */
const DEVICE_MAX_AGE_S = 90 * 24 * 60 * 60;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The paths a signed-in client may use, with their method. */
const signedInPaths = new Map<string, 'GET' | 'POST'>([
  [ADMIN_HTTP.signOut, 'POST'],
  [ADMIN_HTTP.session, 'GET'],
  [ADMIN_HTTP.call, 'POST'],
  [ADMIN_HTTP.figuresCsv, 'GET'],
]);

export function adminAccess(admin: AdminDesk, options: { secure: boolean; sameOrigin(req: IncomingMessage): boolean }): AdminAccess {
  const sessionIdOf = (req: IncomingMessage, cookieName = ADMIN_COOKIE) => cookieValue(req, cookieName);
  const cookie = (value: string, maxAge?: number, cookieName = ADMIN_COOKIE) => sessionCookie(cookieName, value, { secure: options.secure, maxAge });

  function notAllowed(res: ServerResponse, allow: string): void {
    sendPlain(res, 405, 'method not allowed', { Allow: allow });
  }

  async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req, MAX_SIGN_IN_BODY);
    if (body === 'too-large') return sendJson(res, 413, { error: 'too-large' });
    const { name, passphrase } = (body ?? {}) as { name?: unknown; passphrase?: unknown };
    if (typeof name !== 'string' || typeof passphrase !== 'string') return sendJson(res, 400, { error: 'invalid-request' });
    let outcome;
    try {
      outcome = await admin.signIn(name, passphrase, req.socket.remoteAddress ?? 'unknown', sessionIdOf(req, STAFF_DEVICE_COOKIE));
    } catch (e) {
      const failure = adminFailureOf(e);
      return sendJson(res, failure.code === 'invalid-request' ? 400 : 500, { error: failure.code });
    }
    if (outcome.ok) {
      res.writeHead(204, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store', 'Set-Cookie': [cookie(outcome.sessionId), cookie(outcome.device, DEVICE_MAX_AGE_S, STAFF_DEVICE_COOKIE)] });
      return void res.end();
    }
    if (outcome.reason === 'rate-limited') return sendJson(res, 429, { error: 'rate-limited' }, { 'Retry-After': String(Math.ceil(outcome.retryAfterMs / 1000)) });
    if (outcome.reason === 'no-passphrase') return sendJson(res, 409, { error: 'no-passphrase' });
    sendJson(res, 403, { error: 'wrong-passphrase' });
  }

  async function call(req: IncomingMessage, res: ServerResponse, who: string): Promise<void> {
    const body = await readJson(req, MAX_ADMIN_BODY_BYTES);
    if (body === 'too-large') return sendJson(res, 413, { ok: false, error: { code: 'too-large' } satisfies AdminFailure });
    const { name, params } = (body ?? {}) as { name?: unknown; params?: unknown };
    if (!isAdminRequestName(name)) return sendJson(res, 400, { ok: false, error: { code: 'invalid-request' } satisfies AdminFailure });
    const response = await answer(0, name, params, {
      label: 'admin',
      call: (n, p) => admin.request(who, n as never, p as never),
      // The error's name only reaches the log: a message could carry a document's text.
      failureOf: (error): AdminFailure => adminFailureOf(error),
    });
    sendJson(res, 200, response.ok ? { ok: true, result: response.result } : { ok: false, error: response.error });
  }

  function figuresCsv(req: IncomingMessage, res: ServerResponse): void {
    const query = new URL(req.url ?? '/', 'http://kiosk.invalid').searchParams;
    const since = query.get('since') ?? '';
    const until = query.get('until') ?? undefined;
    if (!DAY.test(since) || (until !== undefined && !DAY.test(until))) return sendJson(res, 400, { error: 'invalid-request' });
    const csv = admin.figuresCsv(since, until);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="kakanai-figures-${since}${until ? `-${until}` : ''}.csv"`,
      'Cache-Control': 'no-store',
    });
    res.end(csv);
  }

  return {
    handleHttp(req, res, path) {
      if (path !== ADMIN_PREFIX && !path.startsWith(`${ADMIN_PREFIX}/`)) return false;
      // A page of another site must not drive the admin app: every change carries this origin.
      const mutating = req.method !== 'GET' && req.method !== 'HEAD';
      if (mutating && !options.sameOrigin(req)) {
        sendPlain(res, 403, 'forbidden');
        return true;
      }
      if (path === ADMIN_HTTP.signIn) {
        if (req.method !== 'POST') notAllowed(res, 'POST');
        else void signIn(req, res).catch(() => sendPlain(res, 500, 'internal'));
        return true;
      }
      const sessionId = sessionIdOf(req);
      const who = admin.nameOf(sessionId);
      if (who === undefined) {
        // Nothing of the body is read for a caller without a session.
        sendJson(res, 401, { error: 'not-signed-in' }, { Connection: 'close' });
        return true;
      }
      const method = signedInPaths.get(path);
      if (!method) sendPlain(res, 404, 'not found');
      else if (req.method !== method) notAllowed(res, method);
      else if (path === ADMIN_HTTP.session) sendJson(res, 200, { name: who });
      else if (path === ADMIN_HTTP.figuresCsv) figuresCsv(req, res);
      else if (path === ADMIN_HTTP.call) void call(req, res, who).catch(() => sendPlain(res, 500, 'internal'));
      else {
        admin.signOut(sessionId);
        res.writeHead(204, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store', 'Set-Cookie': cookie('', 0) });
        res.end();
      }
      return true;
    },
  };
}

/** The request body as JSON: undefined when it is not JSON, 'too-large' past the limit (the rest is not read). */
async function readJson(req: IncomingMessage, max: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > max) {
    req.resume();
    return 'too-large';
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) {
      req.destroy();
      return 'too-large';
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

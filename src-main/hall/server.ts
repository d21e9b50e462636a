// The city-hall server: HTTPS only, migrations on start. GET /health is public; POST /enrol redeems a one-time code;
// every other path and every WebSocket message needs a device credential the registry still knows (401 / close 4401,
// no data otherwise). Requests go through the one RPC layer (rpc/server.ts) to the HallService.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { repoRoot } from '../forms/load';
import pg from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';
import { AttemptLimiter, type AttemptLimiterOptions } from '../counter/access/attempt-limiter';
import { HALL_HEADER, HALL_HTTP, HALL_WS_PATH, STAFF_HEADER, hallContract, hallEnrolmentContract, type HallEvent, type HallFailure } from '../contract/hall';
import { answer, readRequest, send, serveSocket } from '../rpc/server';
import { ADMIN_HTTP } from '../contract/admin';
import { defaultKeysDir, keyFolderStore, type QueueKeyStore } from '../counter/queue/key';
import { migrate, schemaVersion } from './migrations';
import { HALL_APPS, deskCookie, deskCookieCredential, serveDeskFile } from './desk-web';
import { HallRequestError, HallService, type HallCaller } from './service';
import { pgStores, survivePgRestarts } from './stores/pg-stores';
import type { Device, HallStores } from './stores/contract';
import type { MirrorListener } from './mirror-relay';
import { TLS_SECURITY_HEADERS } from '../web/security-headers';

export interface HallServer {
  port: number;
  /** The stores the server uses (tests and the CLI add staff and devices through them). */
  stores: HallStores;
  close(): Promise<void>;
}

/** Connections to PostgreSQL. */
const POOL_SIZE = 8;
/** A submission carries its PDFs: generous, but bounded. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export async function startHallServer(opts: {
  db: string;
  cert: string;
  key: string;
  port?: number;
  host?: string;
  keys?: QueueKeyStore;
  clock?: () => number;
  /** How wrong enrolment codes slow their sender down (defaults: 3 free tries, then 1 s doubling to 30 s). */
  enrolLimits?: AttemptLimiterOptions;
  /** The built screens (`npm run build`): the clerk app is served under /desk/. Default dist/renderer. */
  rendererDir?: string;
}): Promise<HallServer> {
  const rendererDir = opts.rendererDir ?? join(repoRoot, 'dist', 'renderer');
  const pool = survivePgRestarts(new pg.Pool({ connectionString: opts.db, max: POOL_SIZE }));
  try {
    await migrate(pool);
    // Every connection open before the port is: a returning hall's first requests (a fleet of outboxes draining at
    // once) found each of its eight connections still to be made, half a second on a busy server.
    await Promise.all(Array.from({ length: POOL_SIZE }, () => pool.query('SELECT 1')));
  } catch (err) {
    await pool.end();
    throw err;
  }
  const stores = pgStores(pool, { keys: opts.keys ?? keyFolderStore(defaultKeysDir()), ...(opts.clock ? { clock: opts.clock } : {}) });
  const service = new HallService(stores, opts.clock ? { clock: opts.clock } : {});
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
  // A code is 10 characters of 32 and lives 24 h; guessing from one address is slowed down, never locked out.
  const enrolLimiter = new AttemptLimiter({ ...(opts.clock ? { clock: opts.clock } : {}), ...opts.enrolLimits });
  const socketsOf = new Map<string, Set<WebSocket>>();
  const kioskSenders = new WeakMap<WebSocket, (event: HallEvent) => void>();
  service.onRevoked((deviceId) => {
    for (const ws of socketsOf.get(deviceId) ?? []) ws.close(4401, 'revoked');
  });

  const server: Server = createServer({ cert: opts.cert, key: opts.key, minVersion: 'TLSv1.2' }, (req, res) => {
    void route(req, res).catch(() => reply(res, 500, { ok: false, code: 'internal' }));
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === HALL_HTTP.health) {
      const v = await schemaVersion(pool).catch(() => undefined);
      return v === undefined ? reply(res, 503, { ok: false, code: 'DatabaseUnavailable' }) : reply(res, 200, { ok: true, schemaVersion: v });
    }
    if (req.method === 'POST' && path === HALL_HTTP.enrol) {
      const read = readRequest(hallEnrolmentContract, await body(req));
      if (!read.ok) return reply(res, 400, { kind: 'response', id: read.id ?? 0, ok: false, error: { code: 'invalid-request' } });
      const verdict = enrolLimiter.begin(req.socket.remoteAddress ?? 'unknown', 'enrol');
      if (!verdict.ok) {
        res.setHeader('Retry-After', String(Math.ceil(verdict.retryAfterMs / 1000)));
        return reply(res, 429, { kind: 'response', id: read.request.id, ok: false, error: { code: 'rate-limited' } });
      }
      const response = await answer(read.request.id, read.request.name, read.request.params, {
        call: (_name, params) => service.redeem(params),
        failureOf: (e) => service.failureOf(e),
        label: 'hall enrolment',
      });
      if (response.ok) enrolLimiter.succeeded(verdict.sender, 'enrol');
      return reply(res, response.ok ? 200 : 403, response);
    }
    if (path === '/desk' || path === '/admin') {
      res.writeHead(308, { location: `${path}/` });
      return void res.end();
    }
    const app = Object.keys(HALL_APPS).find((prefix) => path?.startsWith(prefix));
    if (app !== undefined) return deskWeb(req, res, path!, app);
    // The admin app asks a kiosk's session path first: the hall's refusal tells it to start in its hall mode.
    if (path === ADMIN_HTTP.session) {
      res.setHeader(HALL_HEADER, '1');
      return reply(res, 401, { ok: false, code: 'unauthorized' });
    }
    // Everything else: the credential first, so an unknown caller learns nothing, not even which paths exist.
    const device = await service.device(bearerOf(req));
    if (!device) return reply(res, 401, { ok: false, code: 'unauthorized' });
    if (req.method !== 'POST' || path !== HALL_HTTP.rpc) return reply(res, 404, { ok: false, code: 'not-found' });
    const read = readRequest(hallContract, await body(req));
    if (!read.ok) return reply(res, 400, { kind: 'response', id: read.id ?? 0, ok: false, error: { code: 'invalid-request' } });
    const caller: HallCaller = { device, staffToken: headerOf(req, STAFF_HEADER) };
    const response = await answer<HallFailure>(read.request.id, read.request.name, read.request.params, {
      call: (name, params) => service.call(caller, name, params),
      failureOf: (e) => service.failureOf(e),
      label: 'hall',
    });
    reply(res, response.ok ? 200 : response.error.code === 'unauthorized' ? 401 : 200, response);
  }

  /** The clerk and admin apps' files (public: code, no data), a browser desk's enrolment and its "which desk am I". */
  async function deskWeb(req: IncomingMessage, res: ServerResponse, path: string, prefix: string): Promise<void> {
    if (req.method === 'POST' && path === `${prefix}enrol`) {
      const code = readCode(await body(req));
      if (typeof code !== 'string' || code.length > 64) return reply(res, 400, { ok: false, code: 'invalid-request' });
      const verdict = enrolLimiter.begin(req.socket.remoteAddress ?? 'unknown', 'enrol');
      if (!verdict.ok) {
        res.setHeader('Retry-After', String(Math.ceil(verdict.retryAfterMs / 1000)));
        return reply(res, 429, { ok: false, code: 'rate-limited' });
      }
      const redeemed = (await service.redeem({ code }).catch(() => null)) as { kind: string; site: string; name: string; credential: string } | null;
      // A kiosk's code redeemed in a browser is spent and gives nothing: kiosks join with `kakanai kiosk join`.
      if (!redeemed || redeemed.kind !== 'desk') return reply(res, 403, { ok: false, code: 'bad-code' });
      enrolLimiter.succeeded(verdict.sender, 'enrol');
      res.setHeader('set-cookie', deskCookie(redeemed.credential));
      return reply(res, 200, { ok: true, site: redeemed.site, name: redeemed.name });
    }
    if (req.method === 'GET' && path === `${prefix}device`) {
      const device = await service.device(deskCookieCredential(req));
      return device?.kind === 'desk' ? reply(res, 200, { ok: true, site: device.site, name: device.name }) : reply(res, 401, { ok: false, code: 'unauthorized' });
    }
    if (req.method !== 'GET') return reply(res, 404, { ok: false, code: 'not-found' });
    serveDeskFile(rendererDir, path, res, prefix);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0];
    // A kiosk or a desk's program sends its credential as a bearer; a browser desk as its cookie, from the hall's page.
    const credential = bearerOf(req) ?? deskCookieCredential(req);
    void service.device(credential).then(
      (device) => {
        if (!device || path !== HALL_WS_PATH) {
          socket.end(`HTTP/1.1 ${device ? '404 Not Found' : '401 Unauthorized'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => admit(ws, device, credential!, headerOf(req, STAFF_HEADER)));
      },
      () => socket.destroy(),
    );
  });

  function admit(ws: WebSocket, admittedDevice: Device, credential: string, staffHeader: string | undefined): void {
    const deviceId = admittedDevice.id;
    const own = socketsOf.get(deviceId) ?? new Set<WebSocket>();
    socketsOf.set(deviceId, own.add(ws));
    let staffToken = staffHeader;
    let admitted = true;
    // A desk's socket hears the mirror it follows and its site's calls while a clerk is signed in on it.
    const listener: MirrorListener = {
      staff: () => (admitted && admittedDevice.kind === 'desk' ? service.sessionOf(staffToken, deviceId) : undefined),
      send: (event) => send(ws, { kind: 'event', event }),
    };
    // A kiosk's socket also carries the corrections hall desks send to its live session.
    const toKiosk = (event: HallEvent) => send(ws, { kind: 'event', event });
    kioskSenders.set(ws, toKiosk);
    if (admittedDevice.kind === 'desk') service.mirrors.addListener(listener);
    else service.mirrors.connected(deviceId, admittedDevice.site, toKiosk);
    ws.on('close', () => {
      own.delete(ws);
      kioskSenders.delete(ws);
      admitted = false;
      service.mirrors.removeListener(listener);
      // The kiosk's mirror lives only as long as one of its streams does.
      if (admittedDevice.kind === 'kiosk' && own.size === 0) service.mirrors.drop(deviceId);
      else if (admittedDevice.kind === 'kiosk') service.mirrors.disconnected(deviceId, toKiosk, kioskSenders.get([...own].at(-1)!));
    });
    serveSocket(ws, {
      contract: hallContract,
      label: 'hall',
      admitted: () => admitted,
      invalid: { code: 'invalid-request' },
      // Every message proves the credential again: a device revoked elsewhere gets its socket closed, not an answer.
      call: async (name, params) => {
        const device = await service.device(credential);
        if (!device || device.id !== deviceId) {
          admitted = false;
          ws.close(4401, 'not enrolled');
          throw new HallRequestError('unauthorized');
        }
        const result = await service.call({ device, staffToken, listener }, name, params);
        // Whoever signs in or out here starts with no kiosk followed.
        if (name === 'staff.signIn' || name === 'staff.signOut' || name === 'staff.resume') service.mirrors.unfollow(listener);
        if (name === 'staff.signIn') staffToken = (result as { session: string }).session;
        if (name === 'staff.resume') staffToken = (params as { session: string }).session;
        if (name === 'staff.signOut') staffToken = undefined;
        return result;
      },
      failureOf: (e) => service.failureOf(e),
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8443, opts.host ?? '0.0.0.0', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    stores,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Kept-alive kiosk connections would hold the close open until they idle out.
        server.closeAllConnections();
      });
      await pool.end();
    },
  };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...TLS_SECURITY_HEADERS, 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The `code` of a browser desk's enrolment body, or undefined when it is not one. */
function readCode(text: string): unknown {
  try {
    return (JSON.parse(text) as { code?: unknown } | null)?.code;
  } catch {
    return undefined;
  }
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

function bearerOf(req: IncomingMessage): string | undefined {
  const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(headerOf(req, 'authorization') ?? '');
  return m?.[1];
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        req.destroy();
        reject(new HallRequestError('invalid-request'));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

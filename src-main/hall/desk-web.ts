// The apps on the hall: the built clerk screens under /desk/ and the admin app under /admin/, and a browser desk's
// device credential as an HttpOnly, Secure, SameSite=Strict cookie set once by redeeming a desk's one-time code at
// POST /desk/enrol or /admin/enrol (one cookie: an enrolled desk reaches both; who signs in decides what they get).
// The page never sees the credential; the WebSocket sends it with the upgrade, accepted only from the hall's origin.
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { TLS_SECURITY_HEADERS as PAGE_HEADERS } from '../web/security-headers';

export const DESK_PREFIX = '/desk/';
export const ADMIN_PREFIX = '/admin/';
/** Each app's page at its prefix; both load the same hashed assets. */
export const HALL_APPS: Readonly<Record<string, string>> = { [DESK_PREFIX]: 'clerk.html', [ADMIN_PREFIX]: 'admin.html' };
export const DESK_DEVICE_COOKIE = 'kakanai_hall_device';
/** A desk stays enrolled for a year in its browser; revocation at the hall ends it at once. */
const COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
};

/** The file of the built app a /desk/ or /admin/ path names (the prefix itself is its page), or undefined. */
export function deskFile(rendererDir: string, path: string, prefix = DESK_PREFIX): string | undefined {
  const page = HALL_APPS[prefix];
  if (page === undefined || !path.startsWith(prefix)) return undefined;
  let rest: string;
  try {
    rest = decodeURIComponent(path.slice(prefix.length));
  } catch {
    return undefined;
  }
  if (rest === '') rest = page;
  // The app's page and what it loads: nothing else of the renderer folder (the kiosk's page stays off).
  const bell = prefix === DESK_PREFIX && rest === 'clerk-bell.wav';
  if (!(rest === page || bell || rest === 'favicon.svg' || /^assets\/[A-Za-z0-9._-]+$/.test(rest))) return undefined;
  if (!(extname(rest) in TYPES)) return undefined;
  const base = normalize(rendererDir);
  const file = normalize(join(base, rest));
  if (!file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) return undefined;
  return file;
}

export function serveDeskFile(rendererDir: string, path: string, res: ServerResponse, prefix = DESK_PREFIX): void {
  const file = deskFile(rendererDir, path, prefix);
  if (!file) {
    res.writeHead(404, { ...PAGE_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    return void res.end('not found');
  }
  const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { ...PAGE_HEADERS, 'content-type': TYPES[extname(file)]!, 'content-length': String(statSync(file).size), 'cache-control': cache });
  createReadStream(file).pipe(res);
}

/** The Set-Cookie that makes this browser the enrolled desk. */
export function deskCookie(credential: string): string {
  return `${DESK_DEVICE_COOKIE}=${credential}; Path=/; Max-Age=${COOKIE_MAX_AGE_S}; HttpOnly; Secure; SameSite=Strict`;
}

/** The desk credential a browser's cookie carries, when the request comes from the hall's own page. */
export function deskCookieCredential(req: IncomingMessage): string | undefined {
  const cookie = req.headers.cookie ?? '';
  const m = new RegExp(`(?:^|;\\s*)${DESK_DEVICE_COOKIE}=([A-Za-z0-9_-]{20,200})(?:;|$)`).exec(cookie);
  if (!m) return undefined;
  // A page of another origin cannot ride on the desk's cookie (cross-site WebSocket hijacking).
  const origin = req.headers.origin;
  return origin === undefined || origin === `https://${req.headers.host ?? ''}` ? m[1] : undefined;
}

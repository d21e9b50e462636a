// The kiosk's own origin in Electron: app://kakanai/, a standard + secure custom scheme, so the renderer has a real
// origin ('self' in the CSP means something) and no file:// page can reach the disk around it.
import { extname, join, normalize, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kakanai';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const KIOSK_URL = `${APP_ORIGIN}/index.html`;
/** Issue 5's clerk-facing screen, once Vite builds it. */
export const CLERK_URL = `${APP_ORIGIN}/clerk.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for pages and files of our own origin: every other URL is remote content and is refused. */
export function isOwnUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/** The file under the built renderer that an app:// URL names, or null when it names anything outside it. */
export function rendererFileFor(rendererDir: string, url: string): string | null {
  if (!isOwnUrl(url)) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  // A decoded "..", a backslash or a NUL could step outside the renderer folder on one OS or another.
  if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) return null;
  const relative = path === '/' || path === '' ? 'index.html' : path.replace(/^\/+/, '');
  const root = normalize(rendererDir);
  const file = normalize(join(root, relative));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  // pdf.js reads its CMaps and standard fonts as bytes.
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

/** Module scripts only run with a JavaScript type, so every served file gets an explicit one. */
export function contentTypeFor(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

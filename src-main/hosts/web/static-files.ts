// The built renderer (dist/renderer) over HTTP, with the shared security headers (web/security-headers). Only files
// under the folder are served.
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { contentTypeFor, rendererPath } from '../renderer-files';
import { SECURITY_HEADERS } from '../../web/security-headers';

export function sendPlain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(text);
}

/** The file for a URL path under `root`, or undefined (missing, a folder, or outside the root). */
export function fileFor(root: string, urlPath: string): string | undefined {
  const file = rendererPath(root, urlPath);
  return file !== null && existsSync(file) && statSync(file).isFile() ? file : undefined;
}

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendPlain(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
  if (!existsSync(join(root, 'index.html'))) {
    return sendPlain(res, 503, 'The kiosk screens are not built yet: run `npx vite build` (or `npm run build`).');
  }
  const file = fileFor(root, new URL(req.url ?? '/', 'http://kiosk.invalid').pathname);
  if (!file) return sendPlain(res, 404, 'not found');
  const type = contentTypeFor(file);
  // Vite's hashed files under assets/ never change; the page itself is always fetched fresh.
  const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(statSync(file).size), 'Cache-Control': cache });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

// The built screens (dist/renderer) as both hosts serve them: which file a URL path names, and its content type.
// One definition, so the Electron app:// handler and the browser host can never disagree on what is reachable.
import { extname, join, normalize, sep } from 'node:path';

/** The file under `root` that a URL path names, or null when it is malformed or would step outside `root`. */
export function rendererPath(root: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // A decoded "..", a backslash or a NUL could step outside the renderer folder on one OS or another.
  if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) return null;
  const relative = path === '/' || path === '' ? 'index.html' : path.replace(/^\/+/, '');
  const base = normalize(root);
  const file = normalize(join(base, relative));
  return file.startsWith(base.endsWith(sep) ? base : base + sep) ? file : null;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
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
  '.wav': 'audio/wav',
  // pdf.js reads its CMaps and standard fonts as bytes.
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

/** Module scripts only run with a JavaScript type, so every served file gets an explicit one. */
export function contentTypeFor(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

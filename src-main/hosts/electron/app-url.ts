// The kiosk's own origin in Electron: app://kakanai/, a standard + secure custom scheme, so the renderer has a real
// origin ('self' in the CSP means something) and no file:// page can reach the disk around it.
import { contentTypeFor, rendererPath } from '../renderer-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kakanai';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const KIOSK_URL = `${APP_ORIGIN}/index.html`;
/** The clerk-facing screen (the desk app), once Vite builds it. */
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
  return isOwnUrl(url) ? rendererPath(rendererDir, new URL(url).pathname) : null;
}

export { contentTypeFor };

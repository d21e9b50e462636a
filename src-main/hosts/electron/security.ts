// Electron's security checklist as code. The decisions are pure functions (unit-tested without Electron); the two
// `secure…` functions only hang them on a session and a webContents. Electron's `remote` module is gone since
// Electron 14, so there is nothing of it to disable.
import type { HandlerDetails, Session, WebContents, WindowOpenHandlerResponse } from 'electron';
import { APP_SCHEME, isOwnUrl } from './app-url';

// Renderer bytes only from our own origin. data:/blob: images are the review pages pdf.js rasterises;
// no 'unsafe-inline' / 'unsafe-eval' (the Vite build has no inline code; pdf.js runs with isEvalSupported: false).
const directives: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'media-src': ["'none'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'child-src': ["'none'"],
  'manifest-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export const KIOSK_CSP = Object.entries(directives)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

/** Response headers for every page and file the app:// handler serves. */
export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': KIOSK_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/** Replaces whatever CSP a response carried (any letter case) with ours. */
export function withKioskCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [KIOSK_CSP] };
}

/** Only our own pages: a link, a form or a script can never take the kiosk to another site. */
export function navigationAllowed(url: string): boolean {
  return isOwnUrl(url);
}

/** Our protocol handler never redirects, so any redirect is someone else's doing. */
export function redirectAllowed(_url: string): boolean {
  return false;
}

/** No popups, no new windows, whatever the page asks. */
export function windowOpenResponse(_details?: Pick<HandlerDetails, 'url'>): WindowOpenHandlerResponse {
  return { action: 'deny' };
}

/** Camera, microphone, notifications, HID, serial, geolocation…: a kiosk page needs none of them. (Screen capture is
 * refused by Electron itself unless a display-media handler is set; none is.) */
export function permissionGranted(_permission: string): boolean {
  return false;
}

/** Every network request is refused unless it is our scheme (plus DevTools' own pages in a development run). */
export function requestAllowed(url: string, options: { devTools: boolean }): boolean {
  if (isOwnUrl(url)) return true;
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  if (scheme === 'data:' || scheme === 'blob:') return true; // local bytes, still bounded by the CSP
  return options.devTools && (scheme === 'devtools:' || scheme === 'chrome-devtools:');
}

/** The admin and clerk windows may reach their loopback origin (the browser host's /admin, /clerk and APIs) and nothing else. */
export function loopbackRequestAllowed(url: string, loopbackOrigin: string, options: { devTools: boolean }): boolean {
  if (sameOrigin(url, loopbackOrigin)) return true;
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  if (scheme === 'data:' || scheme === 'blob:') return true;
  return options.devTools && (scheme === 'devtools:' || scheme === 'chrome-devtools:');
}

export function loopbackNavigationAllowed(url: string, loopbackOrigin: string): boolean {
  return sameOrigin(url, loopbackOrigin);
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    const u = new URL(url);
    return u.origin === origin && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** The admin or clerk window's session: the same refusals as the kiosk's, the loopback origin instead of app://. */
export function secureLoopbackSession(session: Session, loopbackOrigin: string, options: { devTools: boolean }): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionGranted(permission)));
  session.setPermissionCheckHandler((_contents, permission) => permissionGranted(permission));
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) =>
    callback({ cancel: !loopbackRequestAllowed(details.url, loopbackOrigin, options) }),
  );
}

/** Hangs the permission and network policy on the kiosk's session. */
export function secureSession(session: Session, options: { devTools: boolean }): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionGranted(permission)));
  session.setPermissionCheckHandler((_contents, permission) => permissionGranted(permission));
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) =>
    callback({ cancel: !requestAllowed(details.url, options) }),
  );
  // Header events do not fire for custom schemes (electron#6021), so app:// responses carry the CSP from the
  // protocol handler itself; this catches any other response that got through.
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withKioskCsp(details.responseHeaders) }),
  );
}

/**
 * Hangs the navigation and window policy on one webContents (every one the app creates). Subframes need no hook:
 * the CSP allows none, and the print window's PDF viewer lives in frames of its own.
 */
export function secureContents(contents: WebContents, allowed: (url: string) => boolean = navigationAllowed): void {
  contents.on('will-navigate', (event, url) => {
    if (!allowed(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!redirectAllowed(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenResponse);
}

export const PRIVILEGED_SCHEME = {
  scheme: APP_SCHEME,
  // standard: real origin and relative URLs; secure: a secure context; no bypassCSP, no corsEnabled for others.
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
} as const;

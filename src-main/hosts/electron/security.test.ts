import { describe, expect, it } from 'vitest';
import {
  loopbackNavigationAllowed,
  loopbackRequestAllowed,
  KIOSK_CSP,
  navigationAllowed,
  permissionGranted,
  PRIVILEGED_SCHEME,
  redirectAllowed,
  requestAllowed,
  secureContents,
  secureSession,
  securityHeaders,
  windowOpenResponse,
  withKioskCsp,
} from './security';

const directives = new Map(
  KIOSK_CSP.split(';').map((d) => {
    const [name, ...sources] = d.trim().split(/\s+/);
    return [name!, sources];
  }),
);

describe('the Content-Security-Policy', () => {
  it("defaults to 'self' and allows neither inline code nor eval", () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(KIOSK_CSP).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|strict-dynamic/);
  });

  it('names no remote origin and no wildcard anywhere', () => {
    for (const [name, sources] of directives) {
      for (const source of sources) {
        expect(source, name).toMatch(/^('self'|'none'|data:|blob:)$/);
      }
    }
  });

  it('forbids plugins, frames, form posts, <base> and being framed', () => {
    for (const name of ['object-src', 'frame-src', 'child-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(directives.get(name), name).toEqual(["'none'"]);
    }
  });

  it('travels on every served file and replaces a CSP a response already had', () => {
    expect(securityHeaders('text/html; charset=utf-8')['Content-Security-Policy']).toBe(KIOSK_CSP);
    expect(securityHeaders('text/javascript')['X-Content-Type-Options']).toBe('nosniff');
    const replaced = withKioskCsp({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] });
    expect(replaced).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [KIOSK_CSP] });
    expect(withKioskCsp(undefined)).toEqual({ 'Content-Security-Policy': [KIOSK_CSP] });
  });
});

describe('navigation, windows and permissions', () => {
  it('lets the page navigate only within app://kakanai/', () => {
    expect(navigationAllowed('app://kakanai/index.html')).toBe(true);
    for (const url of ['https://example.com/', 'http://127.0.0.1:8765/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)', 'app://kakanai@evil.example/']) {
      expect(navigationAllowed(url), url).toBe(false);
    }
  });

  it('refuses every redirect and every new window', () => {
    expect(redirectAllowed('app://kakanai/index.html')).toBe(false);
    expect(windowOpenResponse({ url: 'app://kakanai/index.html' })).toEqual({ action: 'deny' });
    expect(windowOpenResponse({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('denies every permission a page can ask for', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'fullscreen', 'openExternal', 'unknown']) {
      expect(permissionGranted(permission), permission).toBe(false);
    }
  });

  it('cancels every request that is not our scheme; DevTools pages only in a development run', () => {
    const production = { devTools: false };
    expect(requestAllowed('app://kakanai/assets/kiosk.js', production)).toBe(true);
    expect(requestAllowed('data:image/png;base64,AAAA', production)).toBe(true);
    for (const url of ['https://fonts.googleapis.com/css', 'http://localhost:5173/', 'ws://127.0.0.1:8765/api/kiosk', 'file:///C:/Windows/win.ini', 'devtools://devtools/bundled/inspector.html']) {
      expect(requestAllowed(url, production), url).toBe(false);
    }
    expect(requestAllowed('devtools://devtools/bundled/inspector.html', { devTools: true })).toBe(true);
    expect(requestAllowed('https://example.com/', { devTools: true })).toBe(false);
  });

  it('registers app:// as a standard, secure scheme that does not bypass the CSP', () => {
    expect(PRIVILEGED_SCHEME.scheme).toBe('app');
    expect(PRIVILEGED_SCHEME.privileges).toMatchObject({ standard: true, secure: true });
    expect(PRIVILEGED_SCHEME.privileges).not.toHaveProperty('bypassCSP');
    expect(PRIVILEGED_SCHEME.privileges).not.toHaveProperty('corsEnabled');
  });
});

describe('the policy hung on a session and a webContents', () => {
  // Session and WebContents exist only inside Electron: these stand-ins record what the host registers and let the
  // test call it the way Electron would.
  type Handler = (...args: never[]) => unknown;
  function recorder() {
    const registered = new Map<string, Handler>();
    const record = (name: string) => (...args: unknown[]) => void registered.set(name, args.at(-1) as Handler);
    return { registered, record };
  }

  it('denies every permission request and check and cancels remote requests on the session', () => {
    const { registered, record } = recorder();
    const session = {
      setPermissionRequestHandler: record('permission-request'),
      setPermissionCheckHandler: record('permission-check'),
      setDevicePermissionHandler: record('device-permission'),
      webRequest: { onBeforeRequest: record('before-request'), onHeadersReceived: record('headers-received') },
    };
    secureSession(session as never, { devTools: false });

    let granted: boolean | undefined;
    (registered.get('permission-request') as (c: unknown, p: string, cb: (g: boolean) => void) => void)({}, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect((registered.get('permission-check') as (c: unknown, p: string) => boolean)({}, 'geolocation')).toBe(false);
    expect((registered.get('device-permission') as () => boolean)()).toBe(false);

    const decide = (url: string) => {
      let response: { cancel?: boolean } = {};
      (registered.get('before-request') as (d: { url: string }, cb: (r: { cancel?: boolean }) => void) => void)({ url }, (r) => (response = r));
      return response.cancel;
    };
    expect(decide('https://example.com/tracker.js')).toBe(true);
    expect(decide('app://kakanai/assets/kiosk.js')).toBe(false);

    let headers: Record<string, string[]> | undefined;
    (registered.get('headers-received') as (d: unknown, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void)(
      { responseHeaders: {} },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers?.['Content-Security-Policy']).toEqual([KIOSK_CSP]);
  });

  it('prevents foreign navigation, every redirect, webviews and new windows on a webContents', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let windowOpen: ((d: { url: string }) => unknown) | undefined;
    const contents = {
      on: (name: string, listener: (event: { preventDefault(): void }, url?: string) => void) => void listeners.set(name, listener),
      setWindowOpenHandler: (handler: (d: { url: string }) => unknown) => void (windowOpen = handler),
    };
    secureContents(contents as never);
    const prevented = (name: string, url?: string) => {
      let stopped = false;
      listeners.get(name)!({ preventDefault: () => (stopped = true) }, url);
      return stopped;
    };
    expect(prevented('will-navigate', 'https://example.com/')).toBe(true);
    expect(prevented('will-navigate', 'app://kakanai/index.html')).toBe(false);
    expect(prevented('will-redirect', 'app://kakanai/index.html')).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(windowOpen?.({ url: 'app://kakanai/index.html' })).toEqual({ action: 'deny' });
  });
});

describe('the admin window policy', () => {
  const origin = 'http://127.0.0.1:8765';
  it('reaches its own loopback origin and local bytes only', () => {
    expect(loopbackRequestAllowed(`${origin}/admin`, origin, { devTools: false })).toBe(true);
    expect(loopbackRequestAllowed(`${origin}/api/admin/call`, origin, { devTools: false })).toBe(true);
    expect(loopbackRequestAllowed('blob:http://127.0.0.1:8765/x', origin, { devTools: false })).toBe(true);
    for (const url of ['http://127.0.0.1:8766/admin', 'https://127.0.0.1:8765/admin', 'http://localhost:8765/admin', 'https://example.com/', 'app://kakanai/index.html', 'file:///etc/passwd', 'http://user:pw@127.0.0.1:8765/admin']) {
      expect(loopbackRequestAllowed(url, origin, { devTools: false }), url).toBe(false);
    }
    expect(loopbackRequestAllowed('devtools://devtools/x', origin, { devTools: false })).toBe(false);
  });

  it('navigates within its origin only', () => {
    expect(loopbackNavigationAllowed(`${origin}/admin`, origin)).toBe(true);
    expect(loopbackNavigationAllowed('https://example.com/', origin)).toBe(false);
    expect(loopbackNavigationAllowed('app://kakanai/index.html', origin)).toBe(false);
    expect(loopbackNavigationAllowed('not a url', origin)).toBe(false);
  });
});

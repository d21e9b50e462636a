import { describe, expect, it } from 'vitest';
import { ADMIN_PARTITION, adminWindowOptions, CLERK_PARTITION, clerkDisplay, clerkWindowOptions, devToolsAllowed, isAdminShortcut, kioskWindowMayClose, kioskWindowOptions } from './window';

const preloadPath = '/app/dist/electron/preload.cjs';

describe('the kiosk window', () => {
  const options = kioskWindowOptions({ preloadPath, devTools: false });
  const web = options.webPreferences!;

  it('is a full-screen kiosk without menu or frame, shown only once painted', () => {
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true, frame: false, show: false });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.closable).toBe(false);
    expect(options.minimizable).toBe(false);
  });

  it('gives the page every Electron security flag and only the preload bridge', () => {
    expect(web).toMatchObject({
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
    });
    expect(web.enableBlinkFeatures ?? '').toBe('');
  });

  it('opens DevTools only in an unpackaged run with KAKANAI_DEV=1', () => {
    expect(devToolsAllowed({ packaged: false, env: { KAKANAI_DEV: '1' } })).toBe(true);
    expect(devToolsAllowed({ packaged: true, env: { KAKANAI_DEV: '1' } })).toBe(false);
    expect(devToolsAllowed({ packaged: false, env: {} })).toBe(false);
    expect(devToolsAllowed({ packaged: false, env: { KAKANAI_DEV: 'true' } })).toBe(false);
    expect(kioskWindowOptions({ preloadPath, devTools: true }).webPreferences?.devTools).toBe(true);
  });
});

describe('closing the kiosk window', () => {
  it('is refused unless the app itself is quitting (closable: false does not hold on Linux: Alt+F4)', () => {
    expect(kioskWindowMayClose({ appQuitting: false, devTools: false })).toBe(false);
    expect(kioskWindowMayClose({ appQuitting: true, devTools: false })).toBe(true);
  });

  it('is allowed in a development run with DevTools, as its closable flag says', () => {
    expect(kioskWindowMayClose({ appQuitting: false, devTools: true })).toBe(true);
    expect(kioskWindowOptions({ preloadPath, devTools: true }).closable).toBe(true);
  });
});

describe('the clerk-facing window', () => {
  const bounds = { x: 1920, y: 0, width: 1280, height: 1024 };

  it('sits on the second display with the kiosk security flags, no preload and its own in-memory session', () => {
    const options = clerkWindowOptions({ devTools: false, bounds });
    expect(options).toMatchObject({ ...bounds, fullscreen: true, kiosk: false });
    const { preload: _kiosk, ...kioskFlags } = kioskWindowOptions({ preloadPath, devTools: false }).webPreferences!;
    expect(options.webPreferences).toEqual({ ...kioskFlags, partition: CLERK_PARTITION });
    expect(CLERK_PARTITION.startsWith('persist:')).toBe(false);
    expect(CLERK_PARTITION).not.toBe(ADMIN_PARTITION);
  });

  it('is opened on a display other than the resident one, or not at all', () => {
    const resident = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
    const second = { id: 7, bounds };
    expect(clerkDisplay([resident, second], 1)).toBe(second);
    expect(clerkDisplay([second, resident], 1)).toBe(second);
    expect(clerkDisplay([resident], 1)).toBeNull();
  });
});

describe('the admin window', () => {
  it('has no preload, its own in-memory session, and the kiosk security flags otherwise', () => {
    const options = adminWindowOptions({ devTools: false });
    const web = options.webPreferences!;
    expect(web.preload).toBeUndefined();
    expect(web.partition).toBe(ADMIN_PARTITION);
    expect(ADMIN_PARTITION.startsWith('persist:')).toBe(false);
    expect(web).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, devTools: false });
    expect(options.kiosk).toBeUndefined();
    expect(options.fullscreen).toBeUndefined();
  });

  it('opens on Ctrl+Alt+Shift+A only', () => {
    const key = (k: Partial<{ type: string; control: boolean; alt: boolean; shift: boolean; key: string }>) => ({ type: 'keyDown', control: true, alt: true, shift: true, key: 'A', ...k });
    expect(isAdminShortcut(key({}))).toBe(true);
    expect(isAdminShortcut(key({ key: 'a' }))).toBe(true);
    expect(isAdminShortcut(key({ type: 'keyUp' }))).toBe(false);
    expect(isAdminShortcut(key({ shift: false }))).toBe(false);
    expect(isAdminShortcut(key({ control: false }))).toBe(false);
    expect(isAdminShortcut(key({ key: 'b' }))).toBe(false);
  });
});

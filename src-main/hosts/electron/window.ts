// The kiosk window and the clerk-facing window, as plain option objects: what the resident can and cannot do with
// the window is decided here, in one place a test reads.
import type { BrowserWindowConstructorOptions, Rectangle, WebPreferences } from 'electron';

/** DevTools only in a development run the person at the keyboard asked for; never in an installed kiosk. */
export function devToolsAllowed(run: { packaged: boolean; env: Record<string, string | undefined> }): boolean {
  return !run.packaged && run.env.KAKANAI_DEV === '1';
}

/** The renderer gets nothing but the preload's `window.kakanai`. */
export function kioskWebPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
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
    enableBlinkFeatures: '',
    navigateOnDragDrop: false,
    // The spellchecker fetches dictionaries from a Google CDN; a kiosk typing kana on its own keyboard needs none.
    spellcheck: false,
    // The renderer's own dialogs (alert/confirm) would block a kiosk with no keyboard.
    disableDialogs: true,
    autoplayPolicy: 'user-gesture-required',
    devTools,
  };
}

export type KioskWindowInput = { preloadPath: string; devTools: boolean; backgroundColor?: string };

/** Full screen, no frame, no menu: the resident cannot leave the app by touch. */
export function kioskWindowOptions(input: KioskWindowInput): BrowserWindowConstructorOptions {
  return {
    title: 'Kakanai',
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    closable: input.devTools,
    // Shown once the first screen is painted, so the resident never sees a white flash.
    show: false,
    backgroundColor: input.backgroundColor ?? '#ffffff',
    webPreferences: kioskWebPreferences(input.preloadPath, input.devTools),
  };
}

/**
 * Whether the kiosk window may close now. `closable: false` does not hold on Linux (Alt+F4, the window manager's
 * close), so the host refuses every `close` but the app's own quit; a development run with DevTools closes freely.
 */
export function kioskWindowMayClose(state: { appQuitting: boolean; devTools: boolean }): boolean {
  return state.appQuitting || state.devTools;
}

/** The clerk window's own in-memory session: its desk cookie never meets the kiosk's or the admin's, nor outlives the app. */
export const CLERK_PARTITION = 'kakanai-clerk';

/**
 * The clerk-facing window on the second display: full screen there, the kiosk's security flags, but no
 * preload — the clerk's desk speaks HTTP + WebSocket to the loopback browser host (/clerk), paired like any desk.
 */
export function clerkWindowOptions(input: { devTools: boolean; bounds: Rectangle; backgroundColor?: string }): BrowserWindowConstructorOptions {
  const { preload: _none, ...webPreferences } = kioskWebPreferences('', input.devTools);
  return {
    ...kioskWindowOptions({ preloadPath: '', devTools: input.devTools, ...(input.backgroundColor ? { backgroundColor: input.backgroundColor } : {}) }),
    webPreferences: { ...webPreferences, partition: CLERK_PARTITION },
    title: 'Kakanai — clerk',
    kiosk: false,
    x: input.bounds.x,
    y: input.bounds.y,
    width: input.bounds.width,
    height: input.bounds.height,
  };
}

type DisplayLike = { id: number; bounds: Rectangle };

/** The display for the clerk-facing screen: the first one that is not the resident's, if any is attached. */
export function clerkDisplay<D extends DisplayLike>(displays: readonly D[], residentDisplayId: number): D | null {
  return displays.find((d) => d.id !== residentDisplayId) ?? null;
}

/** Ctrl+Alt+Shift+A on the kiosk's keyboard opens the IT staff's admin window (a resident's touch screen has no keys). */
export function isAdminShortcut(input: { type: string; control: boolean; alt: boolean; shift: boolean; key: string }): boolean {
  return input.type === 'keyDown' && input.control && input.alt && input.shift && input.key.toLowerCase() === 'a';
}

/** The admin app's own session: in memory, so its sign-in cookie never outlives the app and never meets the kiosk's. */
export const ADMIN_PARTITION = 'kakanai-admin';

/**
 * The IT staff's window: an ordinary window above the kiosk, on the loopback browser host's /admin (the admin app
 * speaks HTTP to the service, so it needs no preload at all), with the kiosk's web preferences otherwise.
 */
export function adminWindowOptions(input: { devTools: boolean }): BrowserWindowConstructorOptions {
  const { preload: _none, ...webPreferences } = kioskWebPreferences('', input.devTools);
  return {
    title: 'Kakanai — 管理 / admin',
    width: 1500,
    height: 950,
    alwaysOnTop: true,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: { ...webPreferences, partition: ADMIN_PARTITION, disableDialogs: false },
  };
}

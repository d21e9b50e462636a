// The Electron host: the kiosk window over the counter service, the clerk-facing window on a second display, and the
// IT staff's admin window (Ctrl+Alt+Shift+A or `kakanai admin`) on the loopback browser host. Bundled to dist/electron/main.mjs
// (build.ts); run with `electron dist/electron/main.mjs` or packaged by electron-builder.
import { app, BrowserWindow, ipcMain, Menu, protocol, safeStorage, screen, session } from 'electron';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startCounterService, type CounterService } from '../../counter';
import { DEFAULT_PORT, startWebHost, type WebHost } from '../web/server';
import { APP_SCHEME, contentTypeFor, KIOSK_URL, rendererFileFor } from './app-url';
import { connectKioskIpc } from './ipc';
import { pdfPrinter } from './print';
import { safeStorageProtector } from './key-protector';
import { electronServiceOptions } from './service-options';
import { loopbackNavigationAllowed, PRIVILEGED_SCHEME, secureLoopbackSession, secureContents, secureSession, securityHeaders } from './security';
import { ADMIN_PARTITION, adminWindowOptions, CLERK_PARTITION, clerkDisplay, clerkWindowOptions, devToolsAllowed, isAdminShortcut, kioskWindowMayClose, kioskWindowOptions } from './window';

// Bundled, this file is dist/electron/main.mjs: the preload sits beside it and Vite's build one folder up.
const here = import.meta.dirname;
const rendererDir = join(here, '..', 'renderer');
const preloadPath = join(here, 'preload.cjs');
const devTools = devToolsAllowed({ packaged: app.isPackaged, env: process.env });

// Must happen before `ready`: app:// then has an origin, is a secure context, and fetch works on it.
protocol.registerSchemesAsPrivileged([PRIVILEGED_SCHEME]);
app.enableSandbox();

let service: CounterService | undefined;
let kioskWindow: BrowserWindow | undefined;
let clerkWindow: BrowserWindow | undefined;
let adminWindow: BrowserWindow | undefined;
let disconnectIpc: (() => void) | undefined;
/** The browser host on loopback: clerk desks (/clerk) and the admin app (/admin) reach the service through it. */
let webHost: WebHost | undefined;
/** Set once the app itself quits: only then may the kiosk window close. */
let appQuitting = false;
const wantsAdmin = (argv: readonly string[]) => argv.includes('--admin');

if (!app.requestSingleInstanceLock()) {
  // A second start (a double tap on the shortcut, autostart twice) hands over to the running kiosk.
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => (wantsAdmin(argv) ? openAdminWindow() : kioskWindow?.focus()));
  app.on('web-contents-created', (_event, contents) => {
    const loopback = webHost && [ADMIN_PARTITION, CLERK_PARTITION].some((p) => contents.session === session.fromPartition(p));
    secureContents(contents, loopback ? (url) => loopbackNavigationAllowed(url, new URL(webHost!.url).origin) : undefined);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    appQuitting = true;
    if (!service) return;
    event.preventDefault();
    const closing = service;
    service = undefined;
    disconnectIpc?.();
    void (webHost?.close() ?? Promise.resolve()).then(() => closing.close()).finally(() => app.quit());
  });
  app.whenReady().then(start, (error: unknown) => {
    console.error(`Kakanai could not start: ${(error as Error).name}`);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  Menu.setApplicationMenu(null); // no menu, so no accelerators (reload, DevTools, zoom) either
  secureSession(session.defaultSession, { devTools });
  protocol.handle(APP_SCHEME, serveRenderer);

  service = await startCounterService(
    electronServiceOptions({
      userData: app.getPath('userData'),
      packaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      env: process.env,
      silentPrint: () => pdfPrinter({ BrowserWindow, session: session.fromPartition('kakanai-print') }),
      keyProtector: safeStorageProtector(safeStorage),
    }),
  );
  disconnectIpc = connectKioskIpc({
    ipcMain,
    service,
    windows: () => [kioskWindow].flatMap((w) => (w && !w.isDestroyed() ? [w.webContents] : [])),
  });

  // Loopback only; binding desks on other PCs needs TLS and is the browser host's (kakanai serve) job.
  try {
    webHost = await startWebHost({ service, port: Number(process.env.KAKANAI_PORT ?? DEFAULT_PORT), clerk: service.clerk, admin: service.admin, rendererDir, kiosk: false });
    for (const partition of [ADMIN_PARTITION, CLERK_PARTITION]) secureLoopbackSession(session.fromPartition(partition), new URL(webHost.url).origin, { devTools });
  } catch (error) {
    console.error(`Kakanai: no loopback host for desks and admin (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }

  kioskWindow = openKioskWindow();
  syncClerkWindow();
  if (wantsAdmin(process.argv)) openAdminWindow();
  screen.on('display-added', syncClerkWindow);
  screen.on('display-removed', syncClerkWindow);
}

function openKioskWindow(): BrowserWindow {
  const window = new BrowserWindow(kioskWindowOptions({ preloadPath, devTools }));
  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (!kioskWindowMayClose({ appQuitting, devTools })) event.preventDefault();
  });
  // Pinch-zoom of the whole page would strand a resident; the review screen zooms its pages itself.
  void window.webContents.setVisualZoomLevelLimits(1, 1);
  // The IT staff's way in on the counter: a key combination no touch screen can type.
  window.webContents.on('before-input-event', (event, input) => {
    if (!isAdminShortcut(input)) return;
    event.preventDefault();
    openAdminWindow();
  });
  window.webContents.on('render-process-gone', () => {
    // A crashed screen must not leave a resident's session behind: wipe it, then show the attract screen again.
    void service?.request('session.end', { reason: 'cancel' }).catch(() => undefined);
    if (!window.isDestroyed()) void window.loadURL(KIOSK_URL);
  });
  void window.loadURL(KIOSK_URL);
  return window;
}

/** The clerk's desk on a second display, when one is attached: the loopback host's /clerk (paired with the kiosk's code). */
function syncClerkWindow(): void {
  const display = kioskWindow ? clerkDisplay(screen.getAllDisplays(), screen.getDisplayMatching(kioskWindow.getBounds()).id) : null;
  const clerkPageBuilt = existsSync(join(rendererDir, 'clerk.html'));
  if (!display || !clerkPageBuilt || !webHost) {
    if (clerkWindow && !clerkWindow.isDestroyed()) clerkWindow.destroy();
    clerkWindow = undefined;
    return;
  }
  if (clerkWindow && !clerkWindow.isDestroyed()) return clerkWindow.setBounds(display.bounds);
  clerkWindow = new BrowserWindow(clerkWindowOptions({ devTools, bounds: display.bounds }));
  clerkWindow.once('ready-to-show', () => clerkWindow?.show());
  void clerkWindow.loadURL(new URL('clerk', webHost.url).href);
}

/** The admin app in its own window and session (sign-in cookie in memory only), above the kiosk. */
function openAdminWindow(): void {
  if (!webHost) return;
  if (adminWindow && !adminWindow.isDestroyed()) return adminWindow.focus();
  const window = new BrowserWindow(adminWindowOptions({ devTools }));
  adminWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    adminWindow = undefined;
    // Closing the window signs out: nothing of the staff session stays in the app.
    void session.fromPartition(ADMIN_PARTITION).clearStorageData();
  });
  void window.loadURL(new URL('admin', webHost.url).href);
}

/** app://kakanai/… from dist/renderer, with the CSP on every response (webRequest header hooks skip custom schemes). */
async function serveRenderer(request: Request): Promise<Response> {
  const file = request.method === 'GET' ? rendererFileFor(rendererDir, request.url) : null;
  if (file) {
    try {
      return new Response(await readFile(file), { headers: securityHeaders(contentTypeFor(file)) });
    } catch {
      // not built, or no such file: a 404 like any other
    }
  }
  return new Response('Not found', { status: 404, headers: securityHeaders('text/plain; charset=utf-8') });
}

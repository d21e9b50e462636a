// Printing a finished form in the Electron host: the service's PDF bytes go to a named printer without a dialog.
// Chromium prints a PDF through its PDF viewer, so the bytes are shown in a hidden window on a private in-memory
// session and printed from there. Silent PDF printing failed until electron#47378 (main, June 2025; backported to
// 36-x-y as #47624); Electron 45 contains it. The browser host keeps the CUPS path.
import { randomUUID } from 'node:crypto';
import type { BrowserWindow as BrowserWindowClass, BrowserWindowConstructorOptions, Session, WebContentsPrintOptions } from 'electron';
import type { KioskPrinter } from '../../counter';
import { APP_ORIGIN, APP_SCHEME } from './app-url';
import { permissionGranted, secureContents, windowOpenResponse } from './security';

/** The options of one silent print: the named device, no dialog, the PDF's own page size, no margins added. */
export function silentPrintOptions(deviceName: string, copies = 1): WebContentsPrintOptions {
  return { silent: true, deviceName, copies, printBackground: true, color: false, margins: { marginType: 'none' } };
}

/** A window nobody sees, able to show a PDF (the viewer is a plugin) and nothing else. */
export function printWindowOptions(session: Session): BrowserWindowConstructorOptions {
  return {
    show: false,
    webPreferences: {
      session,
      plugins: true,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: false,
    },
  };
}

export type ElectronPrinting = {
  BrowserWindow: typeof BrowserWindowClass;
  /** An in-memory session (a partition without `persist:`): nothing of the PDF reaches the disk cache. */
  session: Session;
};

/**
 * Serves each PDF from memory at an unguessable app:// path for as long as its print lasts: no temporary file holds
 * the resident's data, and the page that prints it is our origin.
 */
export function pdfPrinter({ BrowserWindow, session }: ElectronPrinting) {
  const inFlight = new Map<string, Uint8Array>();
  session.setPermissionRequestHandler((_c, permission, callback) => callback(permissionGranted(permission)));
  session.setPermissionCheckHandler((_c, permission) => permissionGranted(permission));
  session.protocol.handle(APP_SCHEME, (request) => {
    const bytes = inFlight.get(new URL(request.url).pathname);
    if (!bytes) return new Response(null, { status: 404 });
    return new Response(Buffer.from(bytes), { headers: { 'Content-Type': 'application/pdf', 'Cache-Control': 'no-store' } });
  });

  return async function printPdf(pdf: Uint8Array, deviceName: string): Promise<boolean> {
    const path = `/print/${randomUUID()}.pdf`;
    inFlight.set(path, pdf);
    const window = new BrowserWindow(printWindowOptions(session));
    secureContents(window.webContents);
    window.webContents.setWindowOpenHandler(windowOpenResponse);
    try {
      await window.loadURL(`${APP_ORIGIN}${path}`);
      return await new Promise<boolean>((resolve) => {
        window.webContents.print(silentPrintOptions(deviceName), (success) => resolve(success));
      });
    } catch {
      return false;
    } finally {
      inFlight.delete(path);
      if (!window.isDestroyed()) window.destroy();
      await session.clearCache();
    }
  };
}

/** The kiosk's printer through Electron's silent print to one named device; the composition gets it as any printer. */
export function electronPrinter(printPdf: (pdf: Uint8Array, deviceName: string) => Promise<boolean>, deviceName: string): KioskPrinter {
  return {
    available: true,
    async print(job) {
      for (const form of job.forms) if (!(await printPdf(form.pdf, deviceName))) return false;
      return true;
    },
  };
}

// The contract over Electron IPC: one invoke channel for requests, one push channel for events. Main answers only
// the main frame of one of our own windows showing one of our own pages, and forwards to the service unchanged.
// Nothing here logs a parameter or a result: the PIN and the resident's data pass through.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { KioskApi } from '../../contract/kiosk';
import { isKioskRequestName } from '../../contract/kiosk';
import { IPC } from '../../contract/wire';
import { failureOf } from '../../counter/errors';
import { isOwnUrl } from './app-url';
import type { IpcEnvelope } from './bridge';

/** What identifies a frame across processes (WebFrameMain objects are not stable to compare by identity). */
export type FrameRef = { url: string; processId: number; routingId: number };

export function isTrustedSender(sender: FrameRef | null | undefined, ourMainFrames: readonly FrameRef[]): boolean {
  if (!sender || !isOwnUrl(sender.url)) return false;
  return ourMainFrames.some((f) => f.processId === sender.processId && f.routingId === sender.routingId);
}

function isParamsObject(params: unknown): params is Record<string, unknown> {
  return typeof params === 'object' && params !== null && !Array.isArray(params);
}

/** One request from the page: the name checked against the contract, then the service's answer as an envelope. */
export async function answerRequest(service: KioskApi, name: unknown, params: unknown): Promise<IpcEnvelope> {
  if (!isKioskRequestName(name) || !isParamsObject(params)) return { ok: false, error: { code: 'invalid-request' } };
  try {
    // The service validates each request's params itself; the host only guarantees a known name and an object.
    const result = await service.request(name, params as never);
    return { ok: true, result };
  } catch (error) {
    const failure = failureOf(error);
    // The name and the code only: an error's message might quote what the resident entered.
    if (failure.code === 'internal') console.error(`kiosk request ${name} failed (internal)`);
    return { ok: false, error: failure };
  }
}

export type KioskIpcOptions = {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  service: KioskApi;
  /** The webContents of our windows (kiosk, and the clerk screen when attached), read at each request. */
  windows: () => readonly WebContents[];
};

/** Wires the contract onto IPC; returns the function that unwires it (before the service closes). */
export function connectKioskIpc({ ipcMain, service, windows }: KioskIpcOptions): () => void {
  ipcMain.handle(IPC.request, (event: IpcMainInvokeEvent, name: unknown, params: unknown) => {
    const ours = windows().filter((c) => !c.isDestroyed()).map((c) => c.mainFrame);
    if (!isTrustedSender(event.senderFrame, ours)) return { ok: false, error: { code: 'invalid-request' } } satisfies IpcEnvelope;
    return answerRequest(service, name, params);
  });
  const unsubscribe = service.onEvent((kioskEvent) => {
    for (const contents of windows()) if (!contents.isDestroyed() && isOwnUrl(contents.getURL())) contents.send(IPC.event, kioskEvent);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC.request);
  };
}

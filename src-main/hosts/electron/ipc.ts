// The contract over Electron IPC: one invoke channel for requests, one push channel for events. Main answers only
// the main frame of one of our own windows showing one of our own pages, and forwards to the service unchanged.
// Nothing here logs a parameter or a result: the PIN and the resident's data pass through.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { kioskContract, type KioskApi, type KioskFailure } from '../../contract/kiosk';
import { IPC } from '../../contract/wire';
import { failureOf } from '../../counter/errors';
import { answer, checkParams } from '../../rpc/server';
import { isOwnUrl } from './app-url';
import type { IpcEnvelope } from './bridge';

/** What identifies a frame across processes (WebFrameMain objects are not stable to compare by identity). */
export type FrameRef = { url: string; processId: number; routingId: number };

export function isTrustedSender(sender: FrameRef | null | undefined, ourMainFrames: readonly FrameRef[]): boolean {
  if (!sender || !isOwnUrl(sender.url)) return false;
  return ourMainFrames.some((f) => f.processId === sender.processId && f.routingId === sender.routingId);
}

/** One request from the page: the name and params checked against the contract, then the service's answer. */
export async function answerRequest(service: KioskApi, name: unknown, params: unknown): Promise<IpcEnvelope> {
  if (!kioskContract.isName(name) || !checkParams(kioskContract, name, params)) return { ok: false, error: { code: 'invalid-request' } };
  const response = await answer(0, name, params, {
    label: 'kiosk',
    call: (n, p) => service.request(n as never, p as never),
    failureOf: (error): KioskFailure => failureOf(error),
  });
  return response.ok ? { ok: true, result: response.result } : { ok: false, error: response.error };
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

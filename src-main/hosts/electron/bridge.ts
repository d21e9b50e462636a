// What the preload puts on `window.kakanai`: the contract's KioskApi and nothing else. Kept free of any Electron
// import so a test can build it over a stand-in for ipcRenderer and read exactly what the page receives.
import type { IpcRendererEvent } from 'electron';
import type { KioskApi, KioskEvent, KioskFailure, KioskParams, KioskRequestName, KioskResult } from '../../contract/kiosk';
import { isKioskRequestName } from '../../contract/kiosk';
import { IPC } from '../../contract/wire';

/** What main answers on IPC.request: the WebSocket's response shape without its id. */
export type IpcEnvelope = { ok: true; result: unknown } | { ok: false; error: KioskFailure };

/** The three ipcRenderer calls the bridge uses; the page never sees ipcRenderer itself. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
}

/** The names `window.kakanai` carries. A test asserts the exposed object has exactly these keys. */
export const BRIDGE_KEYS = ['request', 'onEvent'] as const;

// Rejections carry the KioskFailure itself, as the WebSocket client does, so the screen handles both hosts alike
// (contextBridge copies plain objects; of an Error it would keep only the message).
function failure(code: KioskFailure['code']): KioskFailure {
  return { code };
}

export function kioskBridge(ipc: BridgeIpc): KioskApi {
  const api: KioskApi = {
    async request<N extends KioskRequestName>(name: N, params: KioskParams<N>): Promise<KioskResult<N>> {
      if (!isKioskRequestName(name)) throw failure('invalid-request');
      const reply = (await ipc.invoke(IPC.request, name, params ?? {})) as IpcEnvelope;
      if (reply.ok) return reply.result as KioskResult<N>;
      throw failure(reply.error.code);
    },
    onEvent(listener: (event: KioskEvent) => void): () => void {
      if (typeof listener !== 'function') throw failure('invalid-request');
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload as KioskEvent);
      ipc.on(IPC.event, forward);
      return () => {
        ipc.removeListener(IPC.event, forward);
      };
    },
  };
  return Object.freeze(api);
}

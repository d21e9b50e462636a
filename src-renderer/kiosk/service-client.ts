// The kiosk's way to the counter service: Electron's preload bridge when present, else the browser host's
// WebSocket on the same origin, reconnecting. Either way the screens see one KioskApi.
import type { KioskApi, KioskEvent, KioskFailure, KioskParams, KioskRequestName, KioskResult } from '../../src-main/contract/kiosk';
import { KIOSK_LAUNCH_PATH, KIOSK_WS_PATH, LAUNCH_FRAGMENT } from '../../src-main/contract/wire';
import { rpcClient } from '../rpc/client';

declare global {
  interface Window {
    kakanai?: KioskApi;
  }
}

/** A failed request: the screens word it from `code`, never from a message. */
export class KioskRequestError extends Error {
  constructor(readonly code: KioskFailure['code']) {
    super(`kiosk request failed: ${code}`);
  }
}

export interface KioskConnection extends KioskApi {
  onConnection(listener: (connected: boolean) => void): () => void;
}

export function connectToService(): KioskConnection {
  const bridge = window.kakanai;
  if (bridge) {
    return { request: (n, p) => bridge.request(n, p), onEvent: (l) => bridge.onEvent(l), onConnection: (l) => (l(true), () => {}) };
  }
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return webSocketClient(`${scheme}//${location.host}${KIOSK_WS_PATH}`, exchangeLaunchToken());
}

/**
 * The page kakanai opened with `#launch=<token>` trades the one-time token for the kiosk session's HttpOnly cookie,
 * and takes it out of the address and history at once (a fragment is never sent in a request or a Referer).
 */
async function exchangeLaunchToken(): Promise<void> {
  const token = new URLSearchParams(location.hash.slice(1)).get(LAUNCH_FRAGMENT);
  if (!token) return;
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  try {
    await fetch(KIOSK_LAUNCH_PATH, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }), credentials: 'same-origin' });
  } catch {
    // the socket's refusal shows the screen as disconnected; nothing else to do here
  }
}

export function webSocketClient(url: string, ready: Promise<void> = Promise.resolve()): KioskConnection {
  const eventListeners = new Set<(e: KioskEvent) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  const client = rpcClient<KioskEvent, KioskFailure>({
    url,
    ready,
    onEvent: (event) => eventListeners.forEach((l) => l(event)),
    onConnection: (connected) => connectionListeners.forEach((l) => l(connected)),
    errorOf: (code) => new KioskRequestError(code),
  });
  return {
    request<N extends KioskRequestName>(name: N, params: KioskParams<N>): Promise<KioskResult<N>> {
      return client.request(name, params) as Promise<KioskResult<N>>;
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(client.connected);
      return () => connectionListeners.delete(listener);
    },
  };
}

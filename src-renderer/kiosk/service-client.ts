// The kiosk's way to the counter service: Electron's preload bridge when present, else the browser host's
// WebSocket on the same origin, reconnecting. Either way the screens see one KioskApi.
import type { KioskApi, KioskEvent, KioskFailure, KioskParams, KioskRequestName, KioskResult } from '../../src-main/contract/kiosk';
import { KIOSK_LAUNCH_PATH, KIOSK_WS_PATH, LAUNCH_FRAGMENT, type WireMessage, type WireRequest } from '../../src-main/contract/wire';

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

type Pending = { resolve(result: unknown): void; reject(error: unknown): void };

export function webSocketClient(url: string, ready: Promise<void> = Promise.resolve()): KioskConnection {
  const eventListeners = new Set<(e: KioskEvent) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  const pending = new Map<number, Pending>();
  const queued: WireRequest[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let retryMs = 250;

  function open() {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      for (const l of connectionListeners) l(true);
      for (const r of queued.splice(0)) ws.send(JSON.stringify(r));
    };
    ws.onmessage = (m) => {
      const msg = JSON.parse(String(m.data)) as WireMessage;
      if (msg.kind === 'event') for (const l of eventListeners) l(msg.event);
      else if (msg.kind === 'response') {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.ok) p?.resolve(msg.result);
        else p?.reject(new KioskRequestError(msg.error.code));
      }
    };
    ws.onclose = () => {
      socket = null;
      for (const l of connectionListeners) l(false);
      // A request in flight may or may not have run: the screen decides (never retried blindly, e.g. card.read).
      for (const p of pending.values()) p.reject(new KioskRequestError('internal'));
      pending.clear();
      queued.length = 0;
      setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, 4000);
    };
  }
  void ready.then(open);

  return {
    request<N extends KioskRequestName>(name: N, params: KioskParams<N>): Promise<KioskResult<N>> {
      const req: WireRequest = { kind: 'request', id: nextId++, name, params };
      return new Promise((resolve, reject) => {
        pending.set(req.id, { resolve: resolve as (r: unknown) => void, reject });
        if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(req));
        else queued.push(req);
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(socket?.readyState === WebSocket.OPEN);
      return () => connectionListeners.delete(listener);
    },
  };
}

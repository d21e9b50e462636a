// The desk's way to the counter service: pairing and logout over HTTP (same origin, the cookie is HttpOnly), the
// requests and events over /api/clerk. A closed socket with 4401 or a refused upgrade means "not paired".
import {
  CLERK_HTTP,
  CLERK_WS_PATH,
  type ClerkEvent,
  type ClerkFailure,
  type ClerkParams,
  type ClerkRequestName,
  type ClerkResult,
  type ClerkWireMessage,
  type ClerkWireRequest,
} from '../../src-main/contract/clerk';

export class ClerkRequestError extends Error {
  constructor(readonly code: ClerkFailure['code']) {
    super(`clerk request failed: ${code}`);
  }
}

export type PairResult = { ok: true } | { ok: false; reason: 'wrong-code' | 'stale-code' | 'wrong-credentials' | 'rate-limited' | 'failed' };

/** The kiosk's code and the clerk's own sign-in; the passphrase goes in the body once and is kept nowhere. */
export async function pairDesk(code: string, name: string, passphrase: string): Promise<PairResult> {
  const res = await fetch(CLERK_HTTP.pair, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code, name, passphrase }), credentials: 'same-origin' });
  if (res.ok) return { ok: true };
  if (res.status === 429) return { ok: false, reason: 'rate-limited' };
  const error = res.status === 403 ? ((await res.json().catch(() => ({}))) as { error?: unknown }).error : undefined;
  return { ok: false, reason: error === 'wrong-code' || error === 'stale-code' || error === 'wrong-credentials' ? error : 'failed' };
}

export async function isPaired(): Promise<boolean> {
  return (await fetch(CLERK_HTTP.session, { credentials: 'same-origin' })).ok;
}

export async function logoutDesk(): Promise<void> {
  await fetch(CLERK_HTTP.logout, { method: 'POST', credentials: 'same-origin' }).catch(() => {});
}

export interface DeskConnection {
  request<N extends ClerkRequestName>(name: N, params: ClerkParams<N>): Promise<ClerkResult<N>>;
  close(): void;
}

/** Opens the clerk socket; `onEnded` when the service says this desk is no longer paired. */
export function connectDesk(handlers: { onEvent(e: ClerkEvent): void; onConnection(connected: boolean): void; onEnded(): void }): DeskConnection {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const pending = new Map<number, { resolve(r: unknown): void; reject(e: unknown): void }>();
  const queued: ClerkWireRequest[] = [];
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 250;
  let stopped = false;

  function open() {
    const ws = new WebSocket(`${scheme}//${location.host}${CLERK_WS_PATH}`);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      retryMs = 250;
      handlers.onConnection(true);
      for (const r of queued.splice(0)) ws.send(JSON.stringify(r));
    };
    ws.onmessage = (m) => {
      const msg = JSON.parse(String(m.data)) as ClerkWireMessage;
      if (msg.kind === 'event') handlers.onEvent(msg.event);
      else if (msg.kind === 'response') {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.ok) p?.resolve(msg.result);
        else p?.reject(new ClerkRequestError(msg.error.code));
      }
    };
    ws.onclose = (e) => {
      socket = null;
      handlers.onConnection(false);
      for (const p of pending.values()) p.reject(new ClerkRequestError('internal'));
      pending.clear();
      if (stopped) return;
      // Never opened (401 on the upgrade) or closed as not paired: back to the pairing page.
      if (e.code === 4401) return handlers.onEnded();
      if (!opened) {
        void isPaired().then((paired) => (paired ? setTimeout(open, retryMs) : handlers.onEnded()), () => setTimeout(open, retryMs));
      } else setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, 4000);
    };
  }
  open();

  return {
    request(name, params) {
      const req: ClerkWireRequest = { kind: 'request', id: nextId++, name, params };
      return new Promise((resolve, reject) => {
        pending.set(req.id, { resolve: resolve as (r: unknown) => void, reject });
        if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(req));
        else queued.push(req);
      });
    },
    close() {
      stopped = true;
      socket?.close();
    },
  };
}

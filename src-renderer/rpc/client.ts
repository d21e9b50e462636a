// The one browser client of the service's contracts (kiosk, clerk, and those to come): a WebSocket that reconnects
// with backoff, requests matched to their answers by id, events to listeners. A request in flight when the socket
// drops fails with the contract's `internal` code and is never re-sent: the screen decides (card.read must not be
// retried blindly). Requests made while disconnected wait for the next connection.
import type { RpcMessage, RpcRequest } from '../../src-main/contract/common';

export interface RpcClientOptions<E, F extends { code: string }> {
  url: string;
  /** Waited for before the first connection (the kiosk trades its launch token for its cookie). */
  ready?: Promise<void>;
  onEvent(event: E): void;
  onConnection(connected: boolean): void;
  /** The error a failed request rejects with (`failure`: the whole typed failure, when the service sent one). */
  errorOf(code: F['code'], failure?: F): Error;
  /**
   * After a close: reconnect (default), or stop — e.g. the desk's 4401 "not paired", or an upgrade that was refused
   * because the session is gone. `opened` says whether this socket had opened.
   */
  afterClose?(close: { code: number; opened: boolean }): Promise<'reconnect' | 'stop'> | 'reconnect' | 'stop';
}

export interface RpcClient {
  request(name: string, params: unknown): Promise<unknown>;
  /** True while the socket is open. */
  readonly connected: boolean;
  close(): void;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 4000;

export function rpcClient<E, F extends { code: string }>(options: RpcClientOptions<E, F>): RpcClient {
  const pending = new Map<number, { resolve(result: unknown): void; reject(error: unknown): void }>();
  const queued: RpcRequest[] = [];
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = FIRST_RETRY_MS;
  let stopped = false;

  function open() {
    if (stopped) return;
    const ws = new WebSocket(options.url);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      retryMs = FIRST_RETRY_MS;
      options.onConnection(true);
      for (const r of queued.splice(0)) ws.send(JSON.stringify(r));
    };
    ws.onmessage = (m) => {
      const msg = JSON.parse(String(m.data)) as RpcMessage<E, F>;
      if (msg.kind === 'event') options.onEvent(msg.event);
      else if (msg.kind === 'response') {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.ok) p?.resolve(msg.result);
        else p?.reject(options.errorOf(msg.error.code, msg.error));
      }
    };
    ws.onclose = (e) => {
      socket = null;
      options.onConnection(false);
      for (const p of pending.values()) p.reject(options.errorOf('internal'));
      pending.clear();
      queued.length = 0; // rejected above: never sent later
      if (stopped) return;
      const wait = retryMs;
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      void Promise.resolve(options.afterClose?.({ code: e.code, opened }) ?? 'reconnect').then(
        (next) => {
          if (next === 'reconnect') setTimeout(open, wait);
          else stopped = true;
        },
        () => setTimeout(open, wait),
      );
    };
  }
  void (options.ready ?? Promise.resolve()).then(open);

  return {
    request(name, params) {
      const req: RpcRequest = { kind: 'request', id: nextId++, name, params };
      return new Promise((resolve, reject) => {
        pending.set(req.id, { resolve, reject });
        if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(req));
        else queued.push(req);
      });
    },
    get connected() {
      return socket?.readyState === WebSocket.OPEN;
    },
    close() {
      stopped = true;
      socket?.close();
    },
  };
}

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
} from '../../src-main/contract/clerk';
import { rpcClient } from '../rpc/client';

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
  const client = rpcClient<ClerkEvent, ClerkFailure>({
    url: `${scheme}//${location.host}${CLERK_WS_PATH}`,
    onEvent: handlers.onEvent,
    onConnection: handlers.onConnection,
    errorOf: (code) => new ClerkRequestError(code),
    // Never opened (401 on the upgrade) or closed as not paired: back to the pairing page.
    async afterClose({ code, opened }) {
      const paired = code !== 4401 && (opened || (await isPaired()));
      if (!paired) handlers.onEnded();
      return paired ? 'reconnect' : 'stop';
    },
  });
  return {
    request: <N extends ClerkRequestName>(name: N, params: ClerkParams<N>) => client.request(name, params) as Promise<ClerkResult<N>>,
    close: () => client.close(),
  };
}

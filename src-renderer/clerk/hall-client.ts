// The desk's second way in: the city hall instead of one kiosk's own service. The browser holds the desk's device
// credential only as the hall's HttpOnly cookie (set at /desk/enrol); the staff session lives in this page's socket
// and memory, never in storage. Requests and events go over the hall's /ws with the one RPC client.
import { HALL_WS_PATH, type HallEvent, type HallFailure, type HallParams, type HallRequestName, type HallResult } from '../../src-main/contract/hall';
import { rpcClient } from '../rpc/client';

export class HallDeskError extends Error {
  constructor(readonly code: HallFailure['code']) {
    super(`hall request failed: ${code}`);
  }
}

/** The desk this browser is at the hall, or null when it is not enrolled (or was revoked). */
export async function hallDevice(): Promise<{ site: string; name: string } | null> {
  const res = await fetch('/desk/device', { credentials: 'same-origin' });
  return res.ok ? ((await res.json()) as { site: string; name: string }) : null;
}

/** Redeems a desk's one-time code: the hall answers with the device cookie. */
export async function enrolHallDesk(code: string): Promise<'ok' | 'bad-code' | 'rate-limited' | 'failed'> {
  const res = await fetch('/desk/enrol', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }), credentials: 'same-origin' });
  return res.ok ? 'ok' : res.status === 403 ? 'bad-code' : res.status === 429 ? 'rate-limited' : 'failed';
}

export interface HallConnection {
  request<N extends HallRequestName>(name: N, params: HallParams<N>): Promise<HallResult<N>>;
  close(): void;
}

/** The desk's socket to the hall. A reconnect starts without a clerk: the flow takes its staff session up again. */
export function connectHall(handlers: { onEvent(e: HallEvent): void; onConnection(connected: boolean): void; onEnded(): void }): HallConnection {
  const client = rpcClient<HallEvent, HallFailure>({
    url: `wss://${location.host}${HALL_WS_PATH}`,
    onEvent: handlers.onEvent,
    onConnection: handlers.onConnection,
    errorOf: (code) => new HallDeskError(code),
    async afterClose({ code, opened }) {
      const enrolled = code !== 4401 && (opened || (await hallDevice()) !== null);
      if (!enrolled) handlers.onEnded();
      return enrolled ? 'reconnect' : 'stop';
    },
  });
  return {
    request: <N extends HallRequestName>(name: N, params: HallParams<N>) => client.request(name, params) as Promise<HallResult<N>>,
    close: () => client.close(),
  };
}

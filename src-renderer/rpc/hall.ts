// A browser app at the city hall (the desk at /desk/, the admin app at /admin/): the device credential lives only in
// the hall's HttpOnly cookie (set by redeeming a desk's code at <app>/enrol); the staff session lives in the page's
// socket and memory, never in storage. Requests and events go over the hall's /ws with the one RPC client.
import { HALL_HEADER, HALL_WS_PATH, type HallEvent, type HallFailure, type HallParams, type HallRequestName, type HallResult } from '../../src-main/contract/hall';
import { rpcClient } from './client';

export class HallRequestFailed extends Error {
  constructor(
    readonly code: HallFailure['code'],
    readonly problems?: HallFailure['problems'],
  ) {
    super(`hall request failed: ${code}`);
  }
}

/** Whether an answer came from a hall (the admin app's first request tells it which mode to start in). */
export const answeredByHall = (res: Response): boolean => res.headers.get(HALL_HEADER) === '1';

/** The enrolled desk this browser is at the hall (null: not enrolled, or revoked). */
export async function hallDeviceAt(app: '/desk/' | '/admin/'): Promise<{ device: { site: string; name: string } | null }> {
  try {
    const res = await fetch(`${app}device`, { credentials: 'same-origin', cache: 'no-store' });
    return { device: res.ok ? ((await res.json()) as { site: string; name: string }) : null };
  } catch {
    return { device: null };
  }
}

/** Redeems a desk's one-time code: the hall answers with the device cookie. */
export async function enrolHallDevice(app: '/desk/' | '/admin/', code: string): Promise<'ok' | 'bad-code' | 'rate-limited' | 'failed'> {
  const res = await fetch(`${app}enrol`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }), credentials: 'same-origin' });
  return res.ok ? 'ok' : res.status === 403 ? 'bad-code' : res.status === 429 ? 'rate-limited' : 'failed';
}

export interface HallConnection {
  request<N extends HallRequestName>(name: N, params: HallParams<N>): Promise<HallResult<N>>;
  close(): void;
}

/** The page's socket to the hall. A reconnect starts without a staff member: the app takes its session up again. */
export function connectHall(
  app: '/desk/' | '/admin/',
  handlers: { onEvent(e: HallEvent): void; onConnection(connected: boolean): void; onEnded(): void; errorOf?(code: HallFailure['code']): Error },
): HallConnection {
  const client = rpcClient<HallEvent, HallFailure>({
    url: `wss://${location.host}${HALL_WS_PATH}`,
    onEvent: handlers.onEvent,
    onConnection: handlers.onConnection,
    errorOf: handlers.errorOf ?? ((code, failure) => new HallRequestFailed(code, failure?.problems)),
    async afterClose({ code, opened }) {
      const enrolled = code !== 4401 && (opened || (await hallDeviceAt(app)).device !== null);
      if (!enrolled) handlers.onEnded();
      return enrolled ? 'reconnect' : 'stop';
    },
  });
  return {
    request: <N extends HallRequestName>(name: N, params: HallParams<N>) => client.request(name, params) as Promise<HallResult<N>>,
    close: () => client.close(),
  };
}

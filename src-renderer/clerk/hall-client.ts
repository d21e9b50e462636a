// The desk's second way in: the city hall instead of one kiosk's own service, through the hall apps' one connection
// (rpc/hall.ts) at /desk/.
import type { HallEvent } from '../../src-main/contract/hall';
import { connectHall as connectHallApp, enrolHallDevice, hallDeviceAt, HallRequestFailed, type HallConnection } from '../rpc/hall';

export { HallRequestFailed as HallDeskError, type HallConnection };

/** The desk this browser is at the hall, or null when it is not enrolled (or was revoked). */
export async function hallDevice(): Promise<{ site: string; name: string } | null> {
  return (await hallDeviceAt('/desk/')).device;
}

/** Redeems a desk's one-time code: the hall answers with the device cookie. */
export function enrolHallDesk(code: string): Promise<'ok' | 'bad-code' | 'rate-limited' | 'failed'> {
  return enrolHallDevice('/desk/', code);
}

/** The desk's socket to the hall. A reconnect starts without a clerk: the flow takes its staff session up again. */
export function connectHall(handlers: { onEvent(e: HallEvent): void; onConnection(connected: boolean): void; onEnded(): void }): HallConnection {
  return connectHallApp('/desk/', handlers);
}

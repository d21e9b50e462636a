// How the contract travels over the browser host's WebSocket (and, in the same shapes, Electron IPC).
import type { KioskEvent, KioskFailure, KioskRequestName } from './kiosk';

/** The kiosk's WebSocket, on the browser host (loopback by default): only for a kiosk session's cookie. */
export const KIOSK_WS_PATH = '/api/kiosk';
/**
 * POST {token}: the kiosk page started by kakanai trades its one-time launch token (from the URL's fragment, which is
 * never sent in a request) for the kiosk session's HttpOnly cookie → 204; anything else → 403.
 */
export const KIOSK_LAUNCH_PATH = '/api/kiosk/launch';
export const KIOSK_COOKIE = 'kakanai_kiosk';
/** The URL fragment that carries a launch token: `#launch=<token>`. */
export const LAUNCH_FRAGMENT = 'launch';

/** Electron IPC channel names (preload ↔ main). */
export const IPC = { request: 'kiosk:request', event: 'kiosk:event' } as const;

export type WireRequest = { kind: 'request'; id: number; name: KioskRequestName; params: unknown };
export type WireResponse =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: KioskFailure };
export type WireEvent = { kind: 'event'; event: KioskEvent };
export type WireMessage = WireRequest | WireResponse | WireEvent;

/** A browser where a staff member signed in before: its wrong tries are counted apart from its address's. */
export const STAFF_DEVICE_COOKIE = 'kakanai_staff_device';

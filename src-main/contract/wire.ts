// Where the kiosk contract travels: the browser host's paths and cookies, and Electron's IPC channel names.

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

/** A browser where a staff member signed in before: its wrong tries are counted apart from its address's. */
export const STAFF_DEVICE_COOKIE = 'kakanai_staff_device';

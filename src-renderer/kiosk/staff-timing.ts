// The kiosk staff panel's timings, apart from its component so tests can read them without the styles.

/** How long the corner must be held: a resident's tap or brush does nothing. */
export const LONG_PRESS_MS = 1200;
/** The panel (or the sign-in sheet) closes after this long without a touch or a key. */
export const STAFF_IDLE_MS = 60_000;

// A request the service refuses, as a code the screen words from i18n. The message is the code itself, so an error
// that crosses a host (IPC, WebSocket) as text still carries nothing but the code.
import type { KioskFailure } from '../contract/kiosk';

export type KioskFailureCode = KioskFailure['code'];

export class KioskRequestError extends Error {
  override readonly name = 'KioskRequestError';
  constructor(readonly code: KioskFailureCode) {
    super(code);
  }
}

/** What a host sends back for any error a request threw: its code, or `internal` (never the thrown message). */
export function failureOf(error: unknown): KioskFailure {
  return { code: error instanceof KioskRequestError ? error.code : 'internal' };
}

// A request of the admin app the service refuses, as a code (contract/admin.ts AdminFailure). The message is the code
// itself: nothing of a document or a file crosses the host as text.
import type { AdminFailure } from '../../contract/admin';

export class AdminRequestError extends Error {
  override readonly name = 'AdminRequestError';
  constructor(readonly code: AdminFailure['code']) {
    super(code);
  }
}

/** What a host sends back for any error an admin request threw: its code, or `internal`. */
export function adminFailureOf(error: unknown): AdminFailure {
  return { code: error instanceof AdminRequestError ? error.code : 'internal' };
}

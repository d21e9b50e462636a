// A request of the admin app the service refuses, as a code (contract/admin.ts AdminFailure). The message is the code
// itself: nothing of a document or a file crosses the host as text.
import type { AdminFailure, PublishProblem } from '../../contract/admin';

export class AdminRequestError extends Error {
  override readonly name = 'AdminRequestError';
  constructor(
    readonly code: AdminFailure['code'],
    readonly problems?: PublishProblem[],
  ) {
    super(code);
  }
}

/** What a host sends back for any error an admin request threw: its code (and publish problems), or `internal`. */
export function adminFailureOf(error: unknown): AdminFailure {
  if (!(error instanceof AdminRequestError)) return { code: 'internal' };
  return error.problems ? { code: error.code, problems: error.problems } : { code: error.code };
}

// Typed failures of the clerk queue. Messages name a code and a record id at most, never a value of a resident.
export type QueueErrorCode =
  /** A sealed column failed authentication: the bytes were changed, moved to another record, or the key is wrong. */
  | 'tampered'
  | 'not-found'
  /** The requested status does not follow from the current one (done and returned are final). */
  | 'bad-transition'
  /** The key file is missing its key, has the wrong length, or others may read it. */
  | 'key-invalid'
  /** Sealed records exist but the key store has no key for this queue (e.g. the data folder was copied elsewhere). */
  | 'key-missing'
  | 'unknown-field'
  | 'invalid-actor'
  | 'closed';

export class QueueError extends Error {
  constructor(
    readonly code: QueueErrorCode,
    readonly submissionId?: number,
  ) {
    super(submissionId === undefined ? `clerk queue: ${code}` : `clerk queue: ${code} (submission ${submissionId})`);
    this.name = 'QueueError';
  }
}

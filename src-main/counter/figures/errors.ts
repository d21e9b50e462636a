// Typed failures of the BPR figures. A message names a code only: nothing of a resident can be in it.
export type FiguresErrorCode =
  /** The figures file could not be opened or created (folder missing rights, not a database, bad pragma). */
  | 'cannot-open'
  /** A read-only open found no figures file: nothing was recorded there yet. */
  | 'not-found'
  /** The time zone is not one Intl knows. */
  | 'bad-time-zone'
  /** A day is not a real YYYY-MM-DD date. */
  | 'bad-date'
  /** Reading the figures failed after the file was open. */
  | 'cannot-read'
  /** Recording a visit or a clerk event failed; the resident's session went on without it. */
  | 'cannot-write';

export class FiguresError extends Error {
  override readonly name = 'FiguresError';
  constructor(readonly code: FiguresErrorCode) {
    super(`figures: ${code}`);
  }
}

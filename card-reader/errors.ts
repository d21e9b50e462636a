// Typed card errors. The words a person reads come from i18n by `code`; `message` is for developers and never
// carries a PIN, a My Number or any other personal value.

export type CardErrorCode =
  | 'WrongPin' // VERIFY failed; `triesLeft` says how many remain
  | 'PinBlocked' // 63 C0 / 69 83 / 69 84: only the municipality can unlock
  | 'PinGuard' // one try left: we refuse to spend it without the clerk's explicit override
  | 'InvalidPinFormat' // not 4 ASCII digits: refused before anything is sent
  | 'WrongCheckCodeB' // 照合番号B did not match; `triesLeft` says how many remain
  | 'CheckCodeBBlocked'
  | 'InvalidCheckCodeB' // malformed 照合番号B input: refused before anything is sent
  | 'SecurityStatusNotSatisfied' // 69 82: a read before VERIFY — a bug in our sequence
  | 'CommandNotAllowed' // 69 86: no current EF — a bug in our sequence
  | 'FileNotFound' // 6A 82 on an EF
  | 'WrongParameters' // 6A 86 / 6B 00
  | 'WrongLength' // 67 00
  | 'UnexpectedStatus' // any status word we do not know
  | 'MalformedData' // the card answered 90 00 but the bytes do not parse
  | 'InvalidMyNumber' // 12 digits whose check digit is wrong
  | 'CardRemoved' // fewer than 2 response bytes, or the reader says the card left
  | 'NotMyNumberCard' // SELECT of the 券面事項入力補助AP refused, or CLA/INS unsupported
  | 'NoReader' // no PC/SC reader is attached
  | 'NoCard' // a reader, but no card in it
  | 'ReaderBusy' // another process holds the reader
  | 'PcscUnavailable' // pcscd / WinSCard cannot be reached
  | 'Timeout';

export interface CardErrorDetails {
  /** Tries left after a failed VERIFY (PIN or 照合番号B). */
  triesLeft?: number;
  /** The status word, as 4 hex digits, when one caused the error. */
  sw?: string;
  /** Which step of the exchange failed, e.g. 'SELECT EF 0002'. Never holds data. */
  step?: string;
}

export class CardError extends Error {
  override readonly name = 'CardError';
  readonly code: CardErrorCode;
  readonly triesLeft: number | undefined;
  readonly sw: string | undefined;
  readonly step: string | undefined;

  constructor(code: CardErrorCode, message: string, details: CardErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.triesLeft = details.triesLeft;
    this.sw = details.sw;
    this.step = details.step;
  }
}

export function isCardError(e: unknown, code?: CardErrorCode): e is CardError {
  return e instanceof CardError && (code === undefined || e.code === code);
}

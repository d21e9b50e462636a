// The clerk's desk contract: what a paired clerk's browser (or Electron's second window) asks the counter service,
// and what the service pushes to it. Carried by the browser host over /api/clerk (a WebSocket that needs the desk's
// session cookie). The renderer imports these as types only.
//
// Personal data on this wire: the live mirror carries the resident's view and answers, `queue.open` the PDF and
// values of a submission; the My Number never crosses it as a value, and the 照合番号B goes screen → service once.

import type { CardErrorCode } from '../../card-reader/errors';
import type { AnswerProblem, AnswerValue, Localized, QuestionType, ResidentView } from './kiosk';

/** The kiosk's screens, as the kiosk reports them with `session.step`. */
export type KioskStep = 'attract' | 'language' | 'procedure' | 'card' | 'pin' | 'take-card' | 'questions' | 'review' | 'signature' | 'submit' | 'done';
export const KIOSK_STEPS: readonly KioskStep[] = ['attract', 'language', 'procedure', 'card', 'pin', 'take-card', 'questions', 'review', 'signature', 'submit', 'done'];

export type SubmissionStatus = 'submitted' | 'confirmed' | 'done' | 'returned';
/** Why a clerk hands a submission back: codes only, a free-text reason could carry a resident's details. */
export type ReturnReason = 'missing-document' | 'wrong-procedure' | 'needs-correction' | 'resident-request' | 'other';
export const RETURN_REASONS: readonly ReturnReason[] = ['missing-document', 'wrong-procedure', 'needs-correction', 'resident-request', 'other'];

/** One line of the clerk's queue: nothing personal. */
export interface QueueItem {
  id: number;
  ticketNumber: string;
  day: string;
  procedureId: string | null;
  /** The procedure's title as the kiosk offers it now (null when it is no longer offered). */
  procedureTitle: Localized | null;
  status: SubmissionStatus;
  returnReason: ReturnReason | null;
  createdAt: number;
  updatedAt: number;
  templateIds: string[];
}

export interface OpenedQueueForm {
  templateId: string;
  /** base64 of the exact PDF the resident confirmed. */
  pdfBase64: string;
  /** Field id → bound value. */
  values: Record<string, string | boolean>;
}

export interface ExportedQueueForm {
  templateId: string;
  /** `<day>_<ticket>_<template id>`: the download's base name. */
  baseName: string;
  json: string;
  csv: string;
}

/** A question of the live session, as the clerk's mirror shows it (the Japanese label is the clerk's language). */
export interface MirrorQuestion {
  key: string;
  type: QuestionType;
  label: Localized;
  required: boolean;
  options?: { value: string; label: Localized }[];
}

/** What the paired kiosk shows now. `session: null` when no resident is at the kiosk. */
export interface Mirror {
  step: KioskStep;
  session: {
    procedure: { id: string; title: Localized };
    resident: ResidentView | null;
    questions: MirrorQuestion[];
    answers: Record<string, AnswerValue>;
    /** What the resident is typing on the kiosk's screen now and has not sent yet (updated as they type). */
    typing: Record<string, AnswerValue>;
    problems: AnswerProblem[];
    /** The resident asked for a clerk at the kiosk (and the card has not been read since). */
    clerkCalled: boolean;
    /** The card's PIN tries left as the kiosk last saw them (null: not known yet); 0 = blocked. */
    triesLeft: number | null;
    /** The kiosk's PIN guard was overridden and not yet spent. */
    lastTryAllowed: boolean;
  } | null;
  updatedAt: number;
}

/** A paired desk, as the kiosk's staff panel lists it. The id is public (audit, list); the session id never leaves the cookie. */
export interface DeskInfo {
  deskId: string;
  /** The staff name of the clerk who paired it. */
  clerk: string;
  pairedAt: number;
  lastSeenAt: number;
}

export interface ClerkRequests {
  /** Who this desk is (the WebSocket's first request; also proves the session is alive). */
  'desk.whoami': { params: Record<string, never>; result: DeskIdentity };
  'queue.list': { params: Record<string, never>; result: { items: QueueItem[] } };
  'queue.open': { params: { id: number }; result: { item: QueueItem; forms: OpenedQueueForm[] } };
  'queue.setStatus': { params: { id: number; status: 'confirmed' | 'done' | 'returned'; reason?: ReturnReason }; result: { item: QueueItem | null } };
  'queue.print': { params: { id: number; printer?: string }; result: { jobs: number } };
  'queue.export': { params: { id: number }; result: { forms: ExportedQueueForm[] } };
  'mirror.get': { params: Record<string, never>; result: Mirror };
  /** Fixes an answer of the live session through the same checks as the kiosk's own; audited by the key only. */
  'mirror.correct': { params: { key: string; value: AnswerValue }; result: { problems: AnswerProblem[] } };
  /** The clerk-assisted read when the resident forgot the PIN: the kiosk continues to the questions. */
  'card.readWithCheckCodeB': {
    params: { birth: string; expiryYear: string; securityCode: string };
    result: { ok: true } | { ok: false; error: CardErrorCode; triesLeft?: number };
  };
  /** The PIN guard's override: the kiosk's next card.read may spend the last try. One-shot, audited. */
  'card.allowLastTry': { params: Record<string, never>; result: Record<string, never> };
}

export type ClerkRequestName = keyof ClerkRequests;
const requestNames: { [N in ClerkRequestName]: true } = {
  'desk.whoami': true,
  'queue.list': true,
  'queue.open': true,
  'queue.setStatus': true,
  'queue.print': true,
  'queue.export': true,
  'mirror.get': true,
  'mirror.correct': true,
  'card.readWithCheckCodeB': true,
  'card.allowLastTry': true,
};
export const CLERK_REQUEST_NAMES = Object.freeze(Object.keys(requestNames) as ClerkRequestName[]);
export function isClerkRequestName(name: unknown): name is ClerkRequestName {
  return typeof name === 'string' && Object.hasOwn(requestNames, name);
}
export type ClerkParams<N extends ClerkRequestName> = ClerkRequests[N]['params'];
export type ClerkResult<N extends ClerkRequestName> = ClerkRequests[N]['result'];

export type ClerkEvent =
  | { type: 'mirror'; mirror: Mirror }
  | { type: 'queue-changed' }
  /** This desk was revoked from the kiosk (or expired): the screen wipes and shows the pairing page. */
  | { type: 'desk-ended' };

export interface ClerkFailure {
  code: 'invalid-request' | 'not-signed-in' | 'no-session' | 'not-found' | 'bad-transition' | 'no-queue' | 'busy' | 'print-failed' | 'internal';
}

/** Over HTTP: pairing (the one call an unpaired browser may make) and logout. */
export const CLERK_HTTP = {
  /**
   * POST {code, name, passphrase}: the kiosk's code and a clerk's own sign-in → 200 {deskId, clerk} + Set-Cookie;
   * 403 {error: 'wrong-code' | 'stale-code' | 'wrong-credentials'}; 429 while the sender is slowed down.
   */
  pair: '/api/clerk/pair',
  /** POST → 204, the session is dropped server-side and the cookie cleared. */
  logout: '/api/clerk/logout',
  /** GET → 200 {deskId, clerk} when paired, else 401. */
  session: '/api/clerk/session',
} as const;
/** The clerk's WebSocket. */
export const CLERK_WS_PATH = '/api/clerk';
export const DESK_COOKIE = 'kakanai_desk';

/** Who is at a paired desk: the desk's public id and the signed-in clerk's staff name. */
export interface DeskIdentity {
  deskId: string;
  clerk: string;
}

export type ClerkWireRequest = { kind: 'request'; id: number; name: ClerkRequestName; params: unknown };
export type ClerkWireResponse =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: ClerkFailure };
export type ClerkWireEvent = { kind: 'event'; event: ClerkEvent };
export type ClerkWireMessage = ClerkWireRequest | ClerkWireResponse | ClerkWireEvent;

/** What the counter service offers a host for its clerk desks. */
export interface ClerkApi {
  request<N extends ClerkRequestName>(desk: DeskIdentity, name: N, params: ClerkParams<N>): Promise<ClerkResult<N>>;
  onEvent(listener: (event: ClerkEvent, deskId: string | undefined) => void): () => void;
}

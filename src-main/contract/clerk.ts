// The clerk's desk contract: what a paired clerk's browser (or Electron's second window) asks the counter service,
// and what the service pushes to it. Carried by the browser host over /api/clerk (a WebSocket that needs the desk's
// session cookie). The renderer imports these as types only.
//
// Personal data on this wire: the live mirror carries the resident's view and answers, `queue.open` the PDF and
// values of a submission; the My Number never crosses it as a value, and the 照合番号B goes screen → service once.

import { z } from 'zod';
import type { CardErrorCode } from '../../card-reader/errors';
import {
  answerKey,
  answerValue,
  defineContract,
  ID_DOCUMENTS,
  noParams,
  RETURN_REASONS,
  type QueueItem,
  type SubmissionStatus,
  type SubmissionView,
  type AnswerProblem,
  type AnswerValue,
  type KioskStep,
  type Localized,
  type ParamsOf,
  type QuestionType,
  type ResidentView,
} from './common';

export { KIOSK_STEPS, type DeskInfo, type KioskStep } from './common';

export { ID_DOCUMENTS, RETURN_REASONS, type DeskField, type DeskForm, type IdDocument, type QueueItem, type ReturnReason, type SubmissionStatus, type SubmissionView } from './common';

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
  /** A 個人番号: its answer reaches the mirror masked, and a correction types it anew. */
  myNumber?: true;
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
    /** A family member's own card is being read for `household.<person>` (their role is that person's answer). */
    personCard: { person: number } | null;
  } | null;
  updatedAt: number;
}

const submissionId = z.int().min(1).max(Number.MAX_SAFE_INTEGER);

/** Every request a paired desk makes, with the schema of its params: the desk service checks them itself. */
export const clerkContract = defineContract('clerk', {
  /** Who this desk is (the WebSocket's first request; also proves the session is alive). */
  'desk.whoami': noParams,
  'queue.list': noParams,
  'queue.open': z.strictObject({ id: submissionId }),
  'queue.setStatus': z
    .strictObject({ id: submissionId, status: z.enum(['confirmed', 'done', 'returned']), reason: z.enum(RETURN_REASONS).optional() })
    .refine((p) => (p.status === 'returned') === (p.reason !== undefined), 'a return needs a reason, nothing else takes one'),
  // A CUPS queue name: no spaces, no shell or option syntax (lp gets an argv anyway).
  'queue.print': z.strictObject({ id: submissionId, printer: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,126}$/).optional() }),
  'queue.export': z.strictObject({ id: submissionId }),
  'mirror.get': noParams,
  /** Fixes an answer of the live session through the same checks as the kiosk's own; audited by the key only. */
  'mirror.correct': z.strictObject({ key: answerKey, value: answerValue }),
  /** The clerk-assisted read when the resident forgot the PIN: the kiosk continues to the questions. */
  'card.readWithCheckCodeB': z.strictObject({ birth: z.string().regex(/^\d{6}$/), expiryYear: z.string().regex(/^\d{4}$/), securityCode: z.string().regex(/^\d{4}$/) }),
  /** The PIN guard's override: the kiosk's next card.read may spend the last try. One-shot, audited. */
  'card.allowLastTry': noParams,
  // The submission as the paper reads (labels, 和暦), its corrections and its 職員記入欄: see submission-desk.ts.
  'queue.view': z.strictObject({ id: submissionId }),
  'queue.correct': z.strictObject({ id: submissionId, position: z.int().min(0).max(99), fields: z.record(z.string().regex(/^[a-z][A-Za-z0-9._-]{0,63}$/), z.union([z.string().max(2000), z.boolean(), z.null()])) }),
  'queue.staffArea': z.strictObject({ id: submissionId, idDocument: z.enum(ID_DOCUMENTS) }),
  'queue.confirmCorrections': z.strictObject({ id: submissionId }),
  /** The system's CUPS destinations and this desk's remembered printer; choose one (null forgets it). */
  'printers.list': noParams,
  'printers.choose': z.strictObject({ printer: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,126}$/).nullable() }),
  /** Today's visits handled at the desks, nothing personal. */
  'day.list': noParams,
});

/** What each clerk request answers. */
export interface ClerkResults {
  'desk.whoami': DeskIdentity;
  'queue.list': { items: QueueItem[] };
  'queue.open': { item: QueueItem; forms: OpenedQueueForm[] };
  'queue.setStatus': { item: QueueItem | null };
  'queue.print': { jobs: number };
  'queue.export': { forms: ExportedQueueForm[] };
  'mirror.get': Mirror;
  'mirror.correct': { problems: AnswerProblem[] };
  'card.readWithCheckCodeB': { ok: true } | { ok: false; error: CardErrorCode; triesLeft?: number };
  'card.allowLastTry': Record<string, never>;
  'queue.view': SubmissionView;
  'queue.correct': SubmissionView;
  'queue.staffArea': SubmissionView;
  'queue.confirmCorrections': SubmissionView;
  'printers.list': DeskPrinterChoices;
  'printers.choose': { chosen: string | null };
  'day.list': { items: DayListItem[] };
}

/** A CUPS destination a desk may print on (`lpstat`). */
export interface PrinterDestination {
  name: string;
  /** CUPS accepts jobs for it now. */
  accepting: boolean;
  /** The system's default destination. */
  isDefault: boolean;
}

/** A desk's printer picker: the destinations, this desk's choice (null: the service's printer, else CUPS's default), the city's printer per procedure id. */
export interface DeskPrinterChoices {
  printers: PrinterDestination[];
  chosen: string | null;
  byProcedure: Record<string, string>;
}

/** A visit a clerk handled today: ticket, procedure, times and who; nothing of the resident. */
export interface DayListItem {
  ticketNumber: string;
  procedureId: string | null;
  procedureTitle: Localized | null;
  submittedAt: number;
  openedAt: number | null;
  decidedAt: number | null;
  status: SubmissionStatus;
  /** The clerk's staff name. */
  clerk: string;
}

type ClerkSchemas = typeof clerkContract.params;
export type ClerkRequestName = keyof ClerkSchemas & keyof ClerkResults;
export type ClerkParams<N extends ClerkRequestName> = ParamsOf<ClerkSchemas, N>;
export type ClerkResult<N extends ClerkRequestName> = ClerkResults[N];
export type ClerkRequests = { [N in ClerkRequestName]: { params: ClerkParams<N>; result: ClerkResult<N> } };
export const CLERK_REQUEST_NAMES = clerkContract.names;
export const isClerkRequestName = clerkContract.isName;

export type ClerkEvent =
  | { type: 'mirror'; mirror: Mirror }
  | { type: 'queue-changed' }
  /** This desk was revoked from the kiosk (or expired): the screen wipes and shows the pairing page. */
  | { type: 'desk-ended' };

export interface ClerkFailure {
  code: 'invalid-request' | 'not-signed-in' | 'no-session' | 'not-found' | 'bad-transition' | 'no-queue' | 'busy' | 'print-failed' | 'internal' | 'kanji-pending' | 'template-changed' | 'signed-form';
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
  /** GET → the city's call bell (a paired desk only), or a redirect to the chime shipped with the page. */
  bell: '/api/clerk/bell',
} as const;
/** The clerk's WebSocket. */
export const CLERK_WS_PATH = '/api/clerk';
export const DESK_COOKIE = 'kakanai_desk';
/** A desk browser's own random id, kept across pairings (a year): what the desk remembers (its printer) is keyed by its hash. */
export const DESK_PLACE_COOKIE = 'kakanai_desk_place';

/** Who is at a paired desk: the desk's public id and the signed-in clerk's staff name. */
export interface DeskIdentity {
  deskId: string;
  clerk: string;
}

/** What the counter service offers a host for its clerk desks. */
export interface ClerkApi {
  request<N extends ClerkRequestName>(desk: DeskIdentity, name: N, params: ClerkParams<N>): Promise<ClerkResult<N>>;
  onEvent(listener: (event: ClerkEvent, deskId: string | undefined) => void): () => void;
}

// The ONE contract between the counter service and its screens. Both hosts carry it unchanged: Electron over IPC
// (preload bridge), the browser host over WebSocket. The renderer imports these as types only.
//
// Personal data on this wire: the PIN travels once, screen → service, inside `card.read`; the four basic items come
// back as `ResidentView` for the review screen; the My Number never crosses it as a value (it is printed only inside
// the PDF of a 番号利用事務 form). Nothing here is ever logged by either host.

import type { CardErrorCode } from '../../card-reader/errors';
import type { FieldTypeName } from '../forms/field-types';
import type { DeskInfo, KioskStep } from './clerk';

/** Interface languages. Form values stay Japanese whatever the resident reads. `easy` = やさしい日本語. */
export type Language = 'ja' | 'easy' | 'en' | 'zh-Hans' | 'ko' | 'vi' | 'pt';
export const LANGUAGES: readonly Language[] = ['ja', 'easy', 'en', 'zh-Hans', 'ko', 'vi', 'pt'];

/** Text the templates carry in three languages; other languages show `en` (the interface around it is translated). */
export type Localized = { ja: string; easy: string; en: string };

/** A single form or a life-event bundle the resident can choose. */
export interface Procedure {
  id: string;
  kind: 'form' | 'life-event';
  title: Localized;
  description?: Localized;
  category: string;
  /** The templates this procedure fills, in order (a bundle's `when` conditions are applied at `session.answer`). */
  templateIds: string[];
  /** True when any form is a 番号利用事務 form that prints the My Number: the card read then includes it. */
  usesMyNumber: boolean;
  /** True when a form needs the resident's signature (captured on the pad, or printed for a wet signature). */
  needsSignature: boolean;
}

export interface KioskInfo {
  /** The virtual card rig with a demo resident: the screen shows DEMO. */
  demo: boolean;
  cityName: string;
  procedures: Procedure[];
  inactivity: { warnAfterMs: number; wipeAfterMs: number };
  /** The template versions in force; a session keeps the versions it started with. */
  templatesVersion: string;
}

export type ReaderState = {
  /** pcscd (or WinSCard) reachable. */
  service: boolean;
  /** At least one reader attached. */
  reader: boolean;
  card: 'empty' | 'present';
};

/** One input control: the field type decides which control the kiosk shows (every type of the registry has one). */
export type QuestionType = FieldTypeName;

/** Questions asked together on one screen (a template's `groups`, merged by id across a bundle's forms). */
export interface QuestionGroup {
  id: string;
  /** The screen's title, e.g. 配偶者について. */
  label: Localized;
  /** The screen first asks this yes/no question; "no" skips the group and its answers are cleared. With `after`,
   *  the group is offered only when that optional group was not skipped (3人目 only after 2人目). */
  optional?: { ask: Localized; after?: string };
  /** Ask the group only when an earlier answer has this value. */
  when?: { key: string; equals: string | boolean };
}

/** A question the card cannot answer. Asked once per session even when several forms use it. */
export interface Question {
  key: string;
  type: QuestionType;
  label: Localized;
  help?: Localized;
  required: boolean;
  /** choice / circle: the options in order. */
  options?: { value: string; label: Localized }[];
  /** date: how the form prints it; the picker offers 和暦 either way. */
  dateStyle?: 'wareki' | 'seireki';
  maxLength?: number;
  /** digits: how many boxes. */
  digitCount?: number;
  min?: number;
  max?: number;
  /** Where the answer lands: for the review screen's "edit" links. */
  usedBy: { templateId: string; fieldId: string }[];
  /** Life events: ask this only when an earlier answer has this value (its forms are otherwise left out). */
  when?: { key: string; equals: string | boolean };
  /** The id of the QuestionGroup asked on the same screen; without one the question has a screen of its own. */
  group?: string;
}

export type AnswerValue = string | number | boolean | null;

/** Why an answer is not accepted: the screen words it from i18n by `code`. */
export interface AnswerProblem {
  key: string;
  code: 'required' | 'too-long' | 'pattern' | 'range' | 'date' | 'cross-field' | 'not-drawable';
  /** For not-drawable: the code point (U+XXXX) no font can print. */
  detail?: string;
}

/** What the card said, for the review screen only. */
export interface ResidentView {
  name: string;
  address: string;
  /** ISO YYYY-MM-DD. */
  birthDate: string;
  sex: string;
}

export type CardReadOutcome =
  | { ok: true; resident: ResidentView }
  | { ok: false; error: CardErrorCode; triesLeft?: number };

/** One rendered form for the review screen: the exact PDF bytes the printer or the clerk receives. */
export interface PreviewForm {
  templateId: string;
  title: Localized;
  /** base64 of the PDF. The screen rasterises it (pdf.js) so the resident sees the exact pages. */
  pdfBase64: string;
  pageCount: number;
  /** Characters no font can print: the clerk writes them by hand. */
  missingGlyphs: { fieldId: string; codePoint: string }[];
  /** Values that fail a template check (required, pattern, cross-field). */
  problems: { fieldId: string; code: string }[];
}

export interface Submission {
  ticketNumber: string;
  printed: boolean;
  sentToClerk: boolean;
}

export type EndReason = 'done' | 'cancel' | 'inactivity';

/** Every request, by name: its parameters and its result. */
export interface KioskRequests {
  'kiosk.info': { params: Record<string, never>; result: KioskInfo };
  'reader.state': { params: Record<string, never>; result: ReaderState };
  /** Starts a resident session (wiping any earlier one) on the template versions in force now. */
  'session.start': {
    params: { procedureId: string; language: Language };
    result: { sessionId: string; procedure: Procedure; questions: Question[]; groups: QuestionGroup[] };
  };
  'session.language': { params: { language: Language }; result: Record<string, never> };
  /** Tries left on the PIN, spending none; `error` when the card cannot tell (no card, not a My Number Card…). */
  'card.tries': { params: Record<string, never>; result: { triesLeft: number | null; error?: CardErrorCode } };
  /** One VERIFY with this PIN, then the read the procedure needs. Never retried by the service. */
  'card.read': { params: { pin: string }; result: CardReadOutcome };
  /** Merges answers into the session; returns the problems of every answer given so far. */
  'session.answer': { params: { answers: Record<string, AnswerValue> }; result: { problems: AnswerProblem[] } };
  /** The signature as a PNG data URL, or null to print the form for a wet signature. */
  /**
   * What the resident is typing on the current screen and has not sent yet, for the clerk's live mirror only: not an
   * answer (nothing is checked, bound or printed), replaced by each call, dropped when answered and on the wipe.
   */
  'session.typing': { params: { answers: Record<string, AnswerValue> }; result: Record<string, never> };
  /** The resident asked for a clerk (forgot the PIN, the guard's last try, a blocked card): the desk is told. */
  'session.callClerk': { params: Record<string, never>; result: Record<string, never> };
  'session.signature': { params: { pngDataUrl: string | null }; result: Record<string, never> };
  'session.preview': { params: Record<string, never>; result: { forms: PreviewForm[] } };
  'session.submit': { params: { print: boolean; toClerk: boolean }; result: Submission };
  /** Ends the session and wipes everything of the resident held by the service. */
  'session.end': { params: { reason: EndReason }; result: Record<string, never> };
  /** What the service holds of the current session, without values: tests assert the wipe through it. */
  'session.memory': {
    params: Record<string, never>;
    result: { hasSession: boolean; hasResident: boolean; hasMyNumber: boolean; answerCount: number; renderedForms: number };
  };
  /** The screen the kiosk shows now, for the clerk's live mirror (the kiosk calls it on every screen change). */
  'session.step': { params: { step: KioskStep }; result: Record<string, never> };
  /**
   * A clerk signs in on the kiosk screen's staff panel (role `clerk`). The token is the panel's alone: it ends after a
   * short idle time, on signOut, and when a resident's session starts.
   */
  'staff.signIn': { params: { name: string; passphrase: string }; result: StaffSignInOutcome };
  'staff.signOut': { params: { staff: string }; result: Record<string, never> };
  /** The staff panel: the code a clerk's desk enters to pair (6 digits; rotates every few minutes and after use). */
  'kiosk.pairingCode': { params: { staff: string }; result: { code: string; expiresAt: number } };
  'desks.list': { params: { staff: string }; result: { desks: DeskInfo[] } };
  'desks.revoke': { params: { staff: string; deskId: string }; result: { revoked: boolean } };
}

export type StaffSignInOutcome =
  | { ok: true; staff: string; name: string; idleMs: number }
  | { ok: false; reason: 'wrong-credentials' }
  | { ok: false; reason: 'rate-limited'; retryAfterMs: number };

export type KioskRequestName = keyof KioskRequests;

// Hosts reject any other name before it reaches the service; the mapped type keeps this list exactly the interface's.
const requestNames: { [N in KioskRequestName]: true } = {
  'kiosk.info': true,
  'reader.state': true,
  'session.start': true,
  'session.language': true,
  'card.tries': true,
  'card.read': true,
  'session.answer': true,
  'session.typing': true,
  'session.callClerk': true,
  'session.signature': true,
  'session.preview': true,
  'session.submit': true,
  'session.end': true,
  'session.memory': true,
  'session.step': true,
  'staff.signIn': true,
  'staff.signOut': true,
  'kiosk.pairingCode': true,
  'desks.list': true,
  'desks.revoke': true,
};
export const KIOSK_REQUEST_NAMES = Object.freeze(Object.keys(requestNames) as KioskRequestName[]);
export function isKioskRequestName(name: unknown): name is KioskRequestName {
  return typeof name === 'string' && Object.hasOwn(requestNames, name);
}
export type KioskParams<N extends KioskRequestName> = KioskRequests[N]['params'];
export type KioskResult<N extends KioskRequestName> = KioskRequests[N]['result'];

/** Events the service pushes to every screen. */
export type KioskEvent =
  | { type: 'reader'; state: ReaderState }
  | { type: 'card-read-progress'; done: number; total: number }
  /** The session was wiped by the service (inactivity backstop, or a new session elsewhere). */
  | { type: 'session-ended'; reason: EndReason }
  /** Templates were published while the kiosk runs; new sessions use them. */
  | { type: 'templates-changed'; templatesVersion: string }
  /** A clerk corrected an answer of this session (the review shows the corrected forms). */
  | { type: 'clerk-correction'; key: string; value: AnswerValue }
  /** A clerk read the card with 照合番号B: the kiosk continues as after its own read. */
  | { type: 'clerk-card-read'; resident: ResidentView }
  /** A clerk overrode the PIN guard: the next card.read may spend the last try. */
  | { type: 'last-try-allowed' };

/** An error a request can fail with, beyond the typed outcomes above. */
export interface KioskFailure {
  code: 'no-session' | 'unknown-procedure' | 'invalid-request' | 'not-signed-in' | 'busy' | 'internal';
}

/** What both hosts implement and what the renderer calls. */
export interface KioskApi {
  request<N extends KioskRequestName>(name: N, params: KioskParams<N>): Promise<KioskResult<N>>;
  onEvent(listener: (event: KioskEvent) => void): () => void;
}

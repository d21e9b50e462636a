// What the contracts share: the values every screen speaks of (languages, answers, the resident's view, the kiosk's
// steps), the zod pieces their request schemas are built from, and the ONE RPC envelope and contract definition every
// host and browser client uses. Contract modules import this module and never each other.
import { z } from 'zod';
import type { FieldTypeName } from '../forms/field-types';
import { ID_PATTERN } from '../forms/model/ids';

/** Interface languages. Form values stay Japanese whatever the resident reads. `easy` = やさしい日本語. */
export const LANGUAGES = ['ja', 'easy', 'en', 'zh-Hans', 'ko', 'vi', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Text the templates carry in three languages; other languages show `en` (the interface around it is translated). */
export type Localized = { ja: string; easy: string; en: string } & Partial<Record<'zh-Hans' | 'ko' | 'vi' | 'pt', string>>;

/** One input control: the field type decides which control the kiosk shows (every type of the registry has one). */
export type QuestionType = FieldTypeName;

export type AnswerValue = string | number | boolean | null;

/** Why an answer is not accepted: the screen words it from i18n by `code`. */
export interface AnswerProblem {
  key: string;
  code: 'required' | 'too-long' | 'pattern' | 'range' | 'date' | 'cross-field' | 'not-drawable';
  /** For not-drawable: the code point (U+XXXX) no font can print. */
  detail?: string;
  /** A cross-field rule's own words from the template (通数を1つ以上書いてください): shown instead of the code's. */
  message?: Localized;
}

/** What the card said, for the review screen only. */
export interface ResidentView {
  name: string;
  address: string;
  /** ISO YYYY-MM-DD. */
  birthDate: string;
  sex: string;
}

/** The kiosk's screens, as the kiosk reports them with `session.step`. */
export const KIOSK_STEPS = ['attract', 'language', 'procedure', 'card', 'pin', 'take-card', 'person-card', 'questions', 'review', 'signature', 'submit', 'done'] as const;
export type KioskStep = (typeof KIOSK_STEPS)[number];

/** A paired desk, as the kiosk's staff panel lists it. The id is public (audit, list); the session id never leaves the cookie. */
export interface DeskInfo {
  deskId: string;
  /** The staff name of the clerk who paired it. */
  clerk: string;
  pairedAt: number;
  lastSeenAt: number;
  /** The desk's page is connected now; false as soon as its socket closed (the clerk left), before the session ends. */
  present: boolean;
}

// ── The zod pieces the request schemas are built from ──

export const noParams = z.strictObject({});
/** An answer key: a template's id pattern, bounded. */
export const answerKey = z.string().regex(ID_PATTERN).max(100);
// Generous for a multiline 使用目的, small enough that a message cannot fill the service's memory.
export const answerValue = z.union([z.string().max(2000), z.number().finite(), z.boolean(), z.null()]);
export const answerMap = z.record(answerKey, answerValue).refine((a) => Object.keys(a).length <= 200, 'too many answers');

// ── One RPC mechanism: a contract is its request schemas; the envelope is the same for every contract ──

/** A contract: each request's name and the zod schema of its params (the params' type is inferred from it). */
export interface Contract<P extends Record<string, z.ZodType>> {
  readonly name: string;
  readonly params: P;
  readonly names: readonly (keyof P & string)[];
  isName(name: unknown): name is keyof P & string;
}

export function defineContract<P extends Record<string, z.ZodType>>(name: string, params: P): Contract<P> {
  const names = Object.freeze(Object.keys(params)) as readonly (keyof P & string)[];
  return { name, params, names, isName: (n): n is keyof P & string => typeof n === 'string' && Object.hasOwn(params, n) };
}

/** The params of request `N` of a contract's schemas, as the caller writes them. */
export type ParamsOf<P extends Record<string, z.ZodType>, N extends keyof P> = z.infer<P[N]>;

export type RpcRequest = { kind: 'request'; id: number; name: string; params: unknown };
export type RpcResponse<F> =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: F };
export type RpcEvent<E> = { kind: 'event'; event: E };
export type RpcMessage<E, F> = RpcRequest | RpcResponse<F> | RpcEvent<E>;

// The BPR figures: one shape for the kiosk's admin page and the city hall.
export type FigureStep = 'card' | 'pin' | 'questions' | 'review' | 'clerk-wait' | 'clerk-confirm';
export const FIGURE_STEPS: readonly FigureStep[] = ['card', 'pin', 'questions', 'review', 'clerk-wait', 'clerk-confirm'];

export interface FigureRow {
  /** YYYY-MM-DD in the city's time zone. */
  day: string;
  procedureId: string;
  procedureKind: 'form' | 'life-event';
  /** Sessions started for this procedure. */
  sessions: number;
  /** …that ended with a submission (printed and/or sent to the clerk). */
  submitted: number;
  cancelled: number;
  timedOut: number;
  steps: Record<FigureStep, { count: number; totalMs: number; medianMs: number | null }>;
}

// The opened submission as the paper reads it: one shape for a desk paired with a kiosk and a desk on the hall.
export type SubmissionStatus = 'submitted' | 'confirmed' | 'done' | 'returned';
/** Why a clerk hands a submission back: codes only, a free-text reason could carry a resident's details. */
export type ReturnReason = 'missing-document' | 'wrong-procedure' | 'needs-correction' | 'resident-request' | 'other';
export const RETURN_REASONS = ['missing-document', 'wrong-procedure', 'needs-correction', 'resident-request', 'other'] as const satisfies readonly ReturnReason[];

/** The identity documents a clerk may record as checked (本人確認), by code; the words come from i18n. */
export const ID_DOCUMENTS = ['my-number-card', 'driver-license', 'passport', 'residence-card', 'health-insurance', 'other'] as const;
export type IdDocument = (typeof ID_DOCUMENTS)[number];

/** One field of an opened form as the paper reads: its label, the value and how it shows (option label, 和暦). */
export interface DeskField {
  id: string;
  label: Localized;
  type: string;
  value: string | boolean | null;
  /** The chosen option's label (choice, circle). */
  option?: Localized;
  /** A date in both calendars: 令和7年4月1日 and 2025年4月1日. */
  date?: { wareki: string; seireki: string };
  /** The kiosk took only the reading: the clerk writes the kanji here. `written` once a clerk did. */
  kanji?: { written: boolean };
  /** A household person's name, birth date, sex or My Number read from that person's own My Number Card. */
  fromPersonCard?: true;
  /** An image field (a signature): whether the resident gave one. The image itself is on the paper, not here. */
  image?: { present: boolean };
}

export interface DeskForm {
  position: number;
  templateId: string;
  templateVersion: number | null;
  title: Localized;
  /** Fields grouped as the paper groups them (a person, an address, the copies…); `label` null for the rest. */
  groups: { id: string; label: Localized | null; fields: DeskField[] }[];
  feeYen: number | null;
  /** base64 of the form as it would print now: the corrected one while a correction waits, else the original. */
  pdfBase64: string;
  /** A corrected version waits for the clerk's confirmation (the original stays until then). */
  pending: boolean;
}

export interface SubmissionView {
  item: QueueItem;
  forms: DeskForm[];
  /** The 職員記入欄: which identity document the clerk checked (null: not yet). */
  staff: { idDocument: IdDocument | null };
  /** Kanji fields the clerk has not written yet: the submission is not final or printable until none is left. */
  kanjiPending: { position: number; fieldId: string }[];
}

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

/** What the designer edits: a form template, or a life-event bundle (which templates, which shared questions). */
export type DocumentKind = 'template' | 'bundle';

/** A background PDF held by the designer store, by the sha-256 of its bytes (its path is `designer/<hash>.pdf`). */
export interface BackgroundInfo {
  hash: string;
  /** Each page's size in mm (the canvas the fields sit on). */
  pagesMm: { widthMm: number; heightMm: number }[];
}

/** One problem of a document, as `kakanai templates check` reports it; fieldId names the field it points into. */
export interface DocumentIssue {
  path: (string | number)[];
  fieldId?: string;
  message: string;
}

/** Why a form may not go live (publish checks); the admin app has the words for each code. Never a value. */
export interface PublishProblem {
  code: 'overlap' | 'outside-page' | 'outside-cell' | 'text-too-small' | 'missing-language' | 'condition-order';
  fieldIds: string[];
  page: number | null;
  /** outside-cell: the cell's id; missing-language: where the text is and what it lacks ("title: ko, vi");
   *  condition-order: the answer the condition tests. */
  detail?: string;
}

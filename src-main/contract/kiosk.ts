// The ONE contract between the counter service and its screens. Both hosts carry it unchanged: Electron over IPC
// (preload bridge), the browser host over WebSocket. The renderer imports these as types only.
//
// Personal data on this wire: the PIN travels once, screen → service, inside `card.read`; the four basic items come
// back as `ResidentView` for the review screen; the My Number never crosses it as a value (it is printed only inside
// the PDF of a 番号利用事務 form). Nothing here is ever logged by either host.

import { z } from 'zod';
import type { CardErrorCode } from '../../card-reader/errors';
import { HOUSEHOLD_LIMIT, householdKey, parsePersonSource, personValue } from '../forms/model/people';
import { ageOn, isIsoDate } from '../forms/binding/wareki';
import { conditionHolds, type ConditionTest } from '../forms/model/condition';
import {
  KIOSK_STEPS,
  LANGUAGES,
  answerMap,
  defineContract,
  noParams,
  type AnswerProblem,
  type AnswerValue,
  type DeskInfo,
  type Localized,
  type ParamsOf,
  type RpcEvent,
  type RpcMessage,
  type RpcResponse,
  type QuestionType,
  type ResidentView,
} from './common';

export { LANGUAGES, type AnswerProblem, type AnswerValue, type Language, type Localized, type QuestionType, type ResidentView } from './common';

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
  /** How the forms may leave the kiosk, as the city sets it; `recommended` is offered first and marked. */
  handIn?: { offer: HandIn[]; recommended: HandIn };
}

export type HandIn = 'print' | 'clerk' | 'both';

/** One section of the procedure list in the city's order (the most used first); `title` absent: no heading. */
export interface ProcedureSection {
  id: string;
  title?: Localized;
  procedureIds: string[];
}

export interface KioskInfo {
  /** The virtual card rig with a demo resident: the screen shows DEMO. */
  demo: boolean;
  cityName: string;
  procedures: Procedure[];
  /** The list's sections in the city's order; every procedure is in at least one. */
  sections: ProcedureSection[];
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

/** Questions asked together on one screen (a template's `groups`, merged by id across a bundle's forms). */
export interface QuestionGroup {
  id: string;
  /** The screen's title, e.g. 配偶者について. */
  label: Localized;
  /** The screen first asks this yes/no question; "no" skips the group and its answers are cleared. With `after`,
   *  the group is offered only when that optional group was not skipped (3人目 only after 2人目). */
  optional?: { ask: Localized; after?: string };
  /** Ask the group only when an earlier answer has this value, or one of these (`in`). */
  when?: AnswerCondition;
  /** A household person's screen: their n (household.<n>.…), whose own My Number Card may be read instead of typing. */
  person?: number;
}

/** A town of a postal code: the address picker prints prefecture + city + town, then the 番地 typed. */
export interface PostalTown {
  prefecture: string;
  city: string;
  /** Empty when the code covers a whole city without naming a town: the address is then typed by its reading. */
  town: string;
  reading: string;
}

/** The city's 町字 (templates/city/addresses.json) as the kiosk's address picker offers them. */
export interface AddressList {
  prefecture: string;
  city: string;
  areas: { name: string; reading: string; postalCode: string }[];
}

/** A question the card cannot answer. Asked once per session even when several forms use it. */
export interface Question {
  key: string;
  type: QuestionType;
  label: Localized;
  help?: Localized;
  required: boolean;
  /** choice / circle: the options in order, one with `when` offered only while it holds (or is not decided yet); text:
   * a pick list (続柄), whose value is printed as it is. */
  options?: { value: string; label: Localized; when?: AnswerCondition }[];
  /** text with options: the button that opens the keyboard for an answer not in the list (その他). */
  typedOther?: Localized;
  /** date: how the form prints it; the picker offers 和暦 either way. */
  dateStyle?: 'wareki' | 'seireki';
  maxLength?: number;
  /** digits: how many boxes. */
  digitCount?: number;
  /** digits: a 個人番号. Read back masked (the last 4 digits), never in full. */
  myNumber?: true;
  min?: number;
  max?: number;
  /** date: the earliest and latest day allowed (YYYY-MM-DD or "today"); the picker offers only the eras between. */
  dateRange?: { notBefore?: string; notAfter?: string };
  /** A name or address the form needs in kanji: the resident types the reading; a clerk writes the kanji at the desk. */
  kanjiByClerk?: true;
  /** address: the city's 町字 to pick from (absent when the city has no list: the reading is typed instead). */
  addressList?: AddressList;
  /** address with a list, text with options: `kanjiByClerk` holds only for a reading typed via 「一覧にない」 / その他;
   *  the input says so itself. */
  readingByClerk?: true;
  /** address: an address outside the city can be found by its postal code (`address.towns`), so it prints in kanji. */
  postalLookup?: true;
  /** Where the answer lands: for the review screen's "edit" links. */
  usedBy: { templateId: string; fieldId: string }[];
  /** Life events: ask this only when an earlier answer has this value (its forms are otherwise left out). */
  when?: AnswerCondition;
  /** A second condition that must hold too (a person's item: their relationship, and the form that prints it chosen). */
  also?: AnswerCondition;
  /** The id of the QuestionGroup asked on the same screen; without one the question has a screen of its own. */
  group?: string;
}

export type CardReadOutcome =
  | { ok: true; resident: ResidentView; facts?: ConditionFacts }
  | { ok: false; error: CardErrorCode; triesLeft?: number };

/** A household person's own card, as that person's screen shows it (read-only, marked as read from the card). The
 *  My Number never crosses the wire: `myNumberRead` only says the forms will print it. */
export interface PersonCardView extends ResidentView {
  person: number;
  myNumberRead: boolean;
}

/** A typed 個人番号 as a screen or the clerk's mirror shows it back: the last 4 digits, as the card's is masked. */
export const maskedMyNumber = (digits: string): string => `${'*'.repeat(Math.max(digits.length - 4, 0))}${digits.slice(-4)}`;

/** The keys of a person's screen their own card answers once read: shown read-only, never typed over (the My Number
 *  is bound to the forms, never an answer or on screen). */
export const personCardKeys = (n: number): string[] => (['birthDate', 'sex', 'myNumber'] as const).map((item) => householdKey(n, item));

/** The visitor's own card placed again, or a card already read for another person: said plainly, typing stays open. */
export type PersonCardRefusal = 'VisitorCard' | 'CardAlreadyRead';

export type PersonCardOutcome =
  | { ok: true; person: PersonCardView }
  | { ok: false; error: CardErrorCode | PersonCardRefusal; triesLeft?: number };

/** One rendered form for the review screen: the exact PDF bytes the printer or the clerk receives. */
export interface PreviewForm {
  templateId: string;
  title: Localized;
  /** base64 of the PDF. The screen rasterises it (pdf.js) so the resident sees the exact pages. */
  pdfBase64: string;
  pageCount: number;
  /** Characters no font can print: the clerk writes them by hand. */
  missingGlyphs: { fieldId: string; codePoint: string }[];
  /** Values that fail a template check (required, pattern, cross-field): `problem` worded by the screen, the rule's own
   *  `message` when it has one, and `key` when an answer of this visit gives the value (the review links to it). */
  problems: { fieldId: string; code: string; problem: AnswerProblem['code']; key?: string; message?: Localized }[];
}

export interface Submission {
  ticketNumber: string;
  /** A kiosk joined to a city hall issued this ticket itself (the hall was out of reach): the clerk receives it shortly. */
  offlineTicket?: true;
  printed: boolean;
  sentToClerk: boolean;
  /** Some name or address was typed as its reading only: the visit went to the clerk, who writes the kanji. */
  kanjiByClerk?: true;
  /** Each form's counter, fee for these answers and what to bring, from its template: the done screen says them. */
  forms: SubmittedForm[];
}

export interface SubmittedForm {
  templateId: string;
  title: Localized;
  /** The counter that takes the form; absent when the template names none. */
  counter?: Localized;
  /** Yen for these answers (300 × copies…); 0 free of charge; absent when the template declares no fee. */
  feeYen?: number;
  bring: Localized[];
}

export type EndReason = 'done' | 'cancel' | 'inactivity';

/** A staff panel's sign-in token (32 random bytes, base64url). */
const staffToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
/** A signature pad's PNG: a few hundred KB at most. */
const MAX_SIGNATURE_URL = 3_000_000;

/** Every request the kiosk screen makes, by name, with the schema of its params: the service checks them itself. */
export const kioskContract = defineContract('kiosk', {
  'kiosk.info': noParams,
  'reader.state': noParams,
  /** Starts a resident session (wiping any earlier one) on the template versions in force now. */
  'session.start': z.strictObject({ procedureId: z.string().min(1).max(100), language: z.enum(LANGUAGES) }),
  'session.language': z.strictObject({ language: z.enum(LANGUAGES) }),
  /** Tries left on the PIN, spending none; `error` when the card cannot tell (no card, not a My Number Card…). */
  'card.tries': noParams,
  /** One VERIFY with this PIN, then the read the procedure needs. Never retried by the service. */
  'card.read': z.strictObject({ pin: z.string().max(16) }),
  /**
   * A household person's own My Number Card: from here until the read or the cancel, the visitor's card may leave the
   * reader and `card.read` is refused (the visitor's read stays); `card.tries` probes the person's card.
   */
  'person.card.begin': z.strictObject({ person: z.number().int().min(1).max(HOUSEHOLD_LIMIT) }),
  /** One VERIFY with that person's own PIN (its own guard: never the last try), then the read their forms need. */
  'person.card.read': z.strictObject({ pin: z.string().max(16) }),
  /** Leaves the person's card step; nothing of the session changes. */
  'person.card.cancel': noParams,
  /** Back to typing for this person: what was read from their card is dropped (the typed answers stay). */
  'person.card.forget': z.strictObject({ person: z.number().int().min(1).max(HOUSEHOLD_LIMIT) }),
  /** Merges answers into the session; returns the problems of every answer given so far. */
  'session.answer': z.strictObject({ answers: answerMap }),
  /**
   * What the resident is typing on the current screen and has not sent yet, for the clerk's live mirror only: not an
   * answer (nothing is checked, bound or printed), replaced by each call, dropped when answered and on the wipe.
   */
  'session.typing': z.strictObject({ answers: answerMap }),
  /** The towns of a postal code anywhere in Japan (public data, offline), for an address question's picker. */
  'address.towns': z.strictObject({ postalCode: z.string().regex(/^\d{3}-?\d{4}$/) }),
  /** The resident asked for a clerk (forgot the PIN, the guard's last try, a blocked card): the desk is told. */
  'session.callClerk': noParams,
  /** The signature as a PNG data URL, or null to print the form for a wet signature. */
  'session.signature': z.strictObject({
    pngDataUrl: z.union([z.string().max(MAX_SIGNATURE_URL).startsWith('data:image/png;base64,'), z.null()]),
  }),
  'session.preview': noParams,
  'session.submit': z.strictObject({ print: z.boolean(), toClerk: z.boolean() }),
  /** Ends the session and wipes everything of the resident held by the service. */
  'session.end': z.strictObject({ reason: z.enum(['done', 'cancel', 'inactivity']) }),
  /** What the service holds of the current session, without values: tests assert the wipe through it. */
  'session.memory': noParams,
  /** The screen the kiosk shows now, for the clerk's live mirror (the kiosk calls it on every screen change). */
  'session.step': z.strictObject({ step: z.enum(KIOSK_STEPS) }),
  /**
   * A clerk signs in on the kiosk screen's staff panel (role `clerk`). The token is the panel's alone: it ends after a
   * short idle time, on signOut, and when a resident's session starts.
   */
  'staff.signIn': z.strictObject({ name: z.string().max(64), passphrase: z.string().max(1024) }),
  'staff.signOut': z.strictObject({ staff: staffToken }),
  /** The staff panel: the code a clerk's desk enters to pair (6 digits; rotates every few minutes and after use). */
  'kiosk.pairingCode': z.strictObject({ staff: staffToken }),
  'desks.list': z.strictObject({ staff: staffToken }),
  'desks.revoke': z.strictObject({ staff: staffToken, deskId: z.string().regex(/^desk-[0-9]+-[0-9a-f]{6}$/) }),
});

/** What each kiosk request answers. */
export interface KioskResults {
  'kiosk.info': KioskInfo;
  'reader.state': ReaderState;
  'session.start': { sessionId: string; procedure: Procedure; questions: Question[]; groups: QuestionGroup[] };
  'session.language': Record<string, never>;
  'card.tries': { triesLeft: number | null; error?: CardErrorCode };
  'card.read': CardReadOutcome;
  'person.card.begin': Record<string, never>;
  'person.card.read': PersonCardOutcome;
  'person.card.cancel': Record<string, never>;
  'person.card.forget': Record<string, never>;
  'session.answer': { problems: AnswerProblem[] };
  'session.typing': Record<string, never>;
  'address.towns': { towns: PostalTown[] };
  'session.callClerk': { deskPaired: boolean };
  'session.signature': Record<string, never>;
  'session.preview': { forms: PreviewForm[] };
  'session.submit': Submission;
  'session.end': Record<string, never>;
  'session.memory': { hasSession: boolean; hasResident: boolean; hasMyNumber: boolean; answerCount: number; renderedForms: number; personCards: number; personMyNumbers: number };
  'session.step': Record<string, never>;
  'staff.signIn': StaffSignInOutcome;
  'staff.signOut': Record<string, never>;
  'kiosk.pairingCode': { code: string; expiresAt: number };
  'desks.list': { desks: DeskInfo[] };
  'desks.revoke': { revoked: boolean };
}

type KioskSchemas = typeof kioskContract.params;
export type KioskRequestName = keyof KioskSchemas & keyof KioskResults;
export type KioskParams<N extends KioskRequestName> = ParamsOf<KioskSchemas, N>;
export type KioskResult<N extends KioskRequestName> = KioskResults[N];
/** Every request, by name: its parameters (inferred from the schemas) and its result. */
export type KioskRequests = { [N in KioskRequestName]: { params: KioskParams<N>; result: KioskResult<N> } };
export const KIOSK_REQUEST_NAMES = kioskContract.names;
export const isKioskRequestName = kioskContract.isName;

export type StaffSignInOutcome =
  | { ok: true; staff: string; name: string; idleMs: number }
  | { ok: false; reason: 'wrong-credentials' }
  | { ok: false; reason: 'rate-limited'; retryAfterMs: number };

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
  | { type: 'clerk-card-read'; resident: ResidentView; facts?: ConditionFacts }
  /** A clerk overrode the PIN guard: the next card.read may spend the last try. */
  | { type: 'last-try-allowed' };

/** An error a request can fail with, beyond the typed outcomes above. */
export interface KioskFailure {
  code: 'no-session' | 'unknown-procedure' | 'invalid-request' | 'answers-refused' | 'not-signed-in' | 'busy' | 'internal';
}

/** What both hosts implement and what the renderer calls. */
export interface KioskApi {
  request<N extends KioskRequestName>(name: N, params: KioskParams<N>): Promise<KioskResult<N>>;
  onEvent(listener: (event: KioskEvent) => void): () => void;
}

/** The kiosk contract in the one RPC envelope (the same for every contract: common.ts). */
export type WireResponse = RpcResponse<KioskFailure>;
export type WireEvent = RpcEvent<KioskEvent>;
export type WireMessage = RpcMessage<KioskEvent, KioskFailure>;

/**
 * A condition on an earlier answer (`key`): it equals a value, is one of several (`in`), or is answered and differs
 * (`notEquals`); or, with `key` "computed.age", the card holder's age on the visit day is within `between` — or with
 * `ageOf`, the age of an answered birth date on an answered day. `and`: that must hold too; `orElse`: it holds too when
 * that condition does (a person's My Number: for a child while 児童手当 or 保育 is chosen, for a spouse with 児童手当).
 */
export type AnswerCondition = { key: string } & ConditionTest & { ageOf?: AgeOf; and?: AnswerCondition; orElse?: AnswerCondition };

/** The age of `birth` (an answer key, or a person's source `person:child.birthDate`) on the answered day `on`, or on
 *  1 April of the fiscal year `on` falls in (保育's 認定区分). */
export type AgeOf = { birth: string; on: string; fiscalYearStart?: true };

/** What the service computed from the card for the conditions (`computed.age`): the screen tests them like answers. */
export type ConditionFacts = { 'computed.age'?: number };

export { conditionHolds, type ConditionTest };

type Answers = Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>;
const read = (answers: Answers, key: string): unknown => (answers instanceof Map ? answers.get(key) : (answers as Record<string, unknown>)[key]);

/** The one evaluator of a plan's conditions, for the service and the screens alike. With `undecided`, a condition
 *  whose value is not known yet counts as holding (an option not yet excluded, a My Number that may still be printed). */
export function conditionMet(w: AnswerCondition | undefined, answers: Answers, facts: ConditionFacts | undefined, undecided = false): boolean {
  if (w === undefined) return true;
  const value = conditionValue(w, answers, facts);
  const here = (undecided && (value === undefined || value === null)) || conditionHolds(w, value);
  if (here && conditionMet(w.and, answers, facts, undecided)) return true;
  return w.orElse !== undefined && conditionMet(w.orElse, answers, facts, undecided);
}

function conditionValue(w: AnswerCondition, answers: Answers, facts: ConditionFacts | undefined): unknown {
  if (w.ageOf) {
    const person = parsePersonSource(w.ageOf.birth);
    const birth = person ? personValue(person, answers) : read(answers, w.ageOf.birth);
    const on = read(answers, w.ageOf.on);
    if (typeof birth !== 'string' || typeof on !== 'string' || !isIsoDate(on)) return undefined;
    return ageOn(birth, w.ageOf.fiscalYearStart ? fiscalYearStart(on) : on);
  }
  return w.key === 'computed.age' ? facts?.['computed.age'] : read(answers, w.key);
}

/** 1 April of the fiscal year (年度) a day falls in: January–March belong to the year that began the April before. */
export function fiscalYearStart(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return `${m >= 4 ? y : y - 1}-04-01`;
}

/** The options a choice offers now: those whose own condition holds, or cannot be decided yet. */
export function offeredOptions<O extends { when?: AnswerCondition }>(q: { options?: O[] }, answers: Answers, facts: ConditionFacts | undefined): O[] {
  return (q.options ?? []).filter((o) => conditionMet(o.when, answers, facts, true));
}

// The kiosk's one store, organised by the steps of the resident's flow. Derived values are selectors below;
// wipe() is the only way out of a session and restores the initial state in one place.
import { createStore } from 'zustand/vanilla';
import type {
  AnswerProblem,
  AnswerValue,
  CardReadOutcome,
  KioskInfo,
  Language,
  PersonCardOutcome,
  PersonCardView,
  PreviewForm,
  Procedure,
  Question,
  QuestionGroup,
  ReaderState,
  ResidentView,
  Submission,
} from '../../src-main/contract/kiosk';
import { conditionMet, offeredOptions, type AnswerCondition, type ConditionFacts } from '../../src-main/contract/kiosk';
import { pickedArea } from '../field-types/address/picked';

export type Step =
  | 'attract'
  | 'language'
  | 'procedure'
  | 'card'
  | 'pin'
  | 'take-card'
  | 'person-card'
  | 'questions'
  | 'review'
  | 'signature'
  | 'submit'
  | 'done';

export type CardErrorCode = Extract<CardReadOutcome, { ok: false }>['error'];
export type PersonCardError = Extract<PersonCardOutcome, { ok: false }>['error'];

/** A household person's own card, step by step: the visitor's card taken off, theirs placed, their PIN, theirs taken. */
export interface PersonCardStep {
  person: number;
  phase: 'take-own' | 'place' | 'pin' | 'refused' | 'take';
  triesLeft: number | null | undefined;
  error: PersonCardError | null;
}

/** Everything of one resident. wipe() puts back exactly this. */
export interface SessionState {
  step: Step;
  language: Language;
  largeText: boolean;
  /** `facts`: the card holder's age (`computed.age`) once the card was read, for conditions on it. */
  session: { id: string; procedure: Procedure; questions: Question[]; groups: QuestionGroup[]; facts?: ConditionFacts } | null;
  card: {
    triesLeft: number | null | undefined;
    reading: { done: number; total: number } | null;
    error: CardErrorCode | null;
    resident: ResidentView | null;
    clerkCalled: boolean;
    /** The answer to the call: a paired desk was told (a clerk comes), or no desk is paired (the screen names the
     *  counter instead of promising a clerk). Null until the service answered. */
    clerkAnswer: 'coming' | 'no-desk' | null;
    /** The resident said they forgot the PIN: the screen offers the clerk's read by 照合番号B. */
    forgotPin?: boolean;
    /** A clerk overrode the PIN guard from the desk: the pad shows for the last try. */
    lastTryAllowed?: boolean;
  };
  /** `index` is the question screen shown; `gates` holds the resident's yes (fill in) / no (skip) per optional group;
   *  `editing` the question chosen on the review screen, opened first when its screen shows. */
  answers: {
    values: Record<string, AnswerValue>;
    problems: AnswerProblem[];
    index: number;
    returnToReview: boolean;
    gates: Record<string, boolean>;
    editing?: string | undefined;
  };
  /** The person's card step while it runs (null otherwise); `people` what each person's card gave, by their n;
   *  `draftStash` the person's screen's unsent drafts, kept while their card is read so the screen comes back as it was. */
  personCard: PersonCardStep | null;
  people: Record<number, PersonCardView>;
  draftStash: { screen: string; values: Record<string, AnswerValue> } | null;
  /** pageImages: per form, the object URL of each page drawn so far, by page index (pages are drawn lazily). */
  review: { forms: PreviewForm[] | null; pageImages: Record<string, Record<number, string>>; zoom: number };
  signature: { given: boolean; onPaper: boolean };
  submission: Submission | null;
  busy: boolean;
  failed: boolean;
  confirmingCancel: boolean;
}

/** What the kiosk knows regardless of who stands at it. Survives wipe(). */
export interface KioskState {
  info: KioskInfo | null;
  reader: ReaderState;
  connected: boolean;
}

export type State = SessionState & KioskState;

export function initialSession(): SessionState {
  return {
    step: 'attract',
    language: 'ja',
    largeText: false,
    session: null,
    card: { triesLeft: undefined, reading: null, error: null, resident: null, clerkCalled: false, clerkAnswer: null, lastTryAllowed: false },
    answers: { values: {}, problems: [], index: 0, returnToReview: false, gates: {} },
    personCard: null,
    people: {},
    draftStash: null,
    review: { forms: null, pageImages: {}, zoom: 1 },
    signature: { given: false, onPaper: false },
    submission: null,
    busy: false,
    failed: false,
    confirmingCancel: false,
  };
}

const wipeHooks = new Set<() => void>();

/** Caches outside the store (rendered pdf pages, canvases) register here so wipe() clears them too. */
export function onWipe(clear: () => void): () => void {
  wipeHooks.add(clear);
  return () => wipeHooks.delete(clear);
}

export interface Actions {
  set(patch: Partial<SessionState>): void;
  setKiosk(patch: Partial<KioskState>): void;
  /** Restores the initial session state, revokes page images and clears every registered cache. */
  wipe(): void;
}

export type KioskStore = ReturnType<typeof createKioskStore>;

/** Frees every page image the review drew (the store then drops the URLs). */
export function revokePageImages(s: Pick<State, 'review'>): void {
  for (const pages of Object.values(s.review.pageImages)) for (const url of Object.values(pages)) URL.revokeObjectURL(url);
}

export function createKioskStore() {
  return createStore<State & Actions>()((set, get) => ({
    ...initialSession(),
    info: null,
    reader: { service: false, reader: false, card: 'empty' },
    connected: false,
    set: (patch) => set(patch),
    setKiosk: (patch) => set(patch),
    wipe() {
      revokePageImages(get());
      for (const clear of wipeHooks) clear();
      set(initialSession());
    },
  }));
}

// ── selectors ────────────────────────────────────────────────────────────────────────────────────────────────

/** One question screen: a group's questions together, or a question without a group alone. */
export interface QuestionScreen {
  group?: QuestionGroup;
  /** The questions shown; empty while an optional group waits for yes / no, or after "no". */
  questions: Question[];
  /** Optional groups: undefined until the resident answers the gate, then true (fill in) or false (skipped). */
  gate?: boolean;
}

/** What the question plan depends on: the selectors below take only this, so a screen can memoise them. */
export type PlanState = Pick<State, 'session' | 'answers'>;

const holds = (s: PlanState, w: AnswerCondition | undefined) => conditionMet(w, s.answers.values, s.session?.facts);

/** A question as its screen shows it: a choice offers only the options its answers allow (保育's 区分 by age). */
function offeredNow(s: PlanState, q: Question): Question {
  if (!q.options?.some((o) => o.when)) return q;
  const options = offeredOptions(q, s.answers.values, s.session?.facts);
  if (options.length === q.options.length) return q;
  // The same object for the same options: selectors hand it to React, which must see an unchanged question as one.
  const key = options.map((o) => o.value).join('\n');
  const known = offeredCache.get(q) ?? new Map<string, Question>();
  offeredCache.set(q, known);
  if (!known.has(key)) known.set(key, { ...q, options });
  return known.get(key)!;
}
const offeredCache = new WeakMap<Question, Map<string, Question>>();

/** An optional group's gate: the resident's choice, else "yes" once any of its questions has an answer. */
export function gateOf(s: PlanState, group: QuestionGroup): boolean | undefined {
  const chosen = s.answers.gates[group.id];
  if (chosen !== undefined) return chosen;
  const answered = (s.session?.questions ?? []).some((q) => q.group === group.id && s.answers.values[q.key] != null);
  return answered ? true : undefined;
}

/** A group is offered when its `when` holds and, with `after`, when that optional group was not skipped. */
function groupOffered(s: PlanState, group: QuestionGroup, groups: ReadonlyMap<string, QuestionGroup>): boolean {
  if (!holds(s, group.when)) return false;
  const after = group.optional?.after === undefined ? undefined : groups.get(group.optional.after);
  return after === undefined || (groupOffered(s, after, groups) && gateOf(s, after) === true);
}

/** The questions to ask: a life event's question with a `when` is asked only when that earlier answer matches.
 *  Signature questions are not asked one by one: the signature step answers them all (session.signature). */
export const selectQuestions = (s: PlanState): Question[] => (s.session?.questions ?? []).filter((q) => askedNow(s, q)).map((q) => offeredNow(s, q));

/** A question asked one by one (not a signature) whose conditions hold on these answers. */
const askedNow = (s: PlanState, q: Question): boolean => q.type !== 'signature' && holds(s, q.when) && holds(s, q.also);

/** The question screens in order: each group where its first question comes, each ungrouped question alone. */
export const selectScreens = (s: PlanState): QuestionScreen[] => {
  const groups = new Map((s.session?.groups ?? []).map((g) => [g.id, g]));
  const screens: QuestionScreen[] = [];
  const byGroup = new Map<string, QuestionScreen>();
  for (const q of selectQuestions(s)) {
    const group = q.group === undefined ? undefined : groups.get(q.group);
    if (!group) {
      screens.push({ questions: [q] });
      continue;
    }
    if (!groupOffered(s, group, groups)) continue;
    let screen = byGroup.get(group.id);
    if (!screen) {
      const gate = group.optional ? gateOf(s, group) : undefined;
      screen = { group, questions: [], ...(gate !== undefined ? { gate } : {}) };
      byGroup.set(group.id, screen);
      screens.push(screen);
    }
    if (!group.optional || screen.gate === true) screen.questions.push(q);
  }
  return screens;
};

/** The questions of a screen with its drafts counted: an answer chosen on a group's screen shows at once the
 *  questions of that group that depend on it (a person's 同居・別居 once they are a child). */
export function screenQuestions(s: PlanState, screen: QuestionScreen, drafts: Readonly<Record<string, AnswerValue>>): Question[] {
  const group = screen.group;
  if (!group || Object.keys(drafts).length === 0 || (group.optional && screen.gate !== true)) return screen.questions;
  const withDrafts: PlanState = { ...s, answers: { ...s.answers, values: { ...s.answers.values, ...drafts } } };
  return (s.session?.questions ?? []).filter((q) => q.group === group.id && askedNow(withDrafts, q)).map((q) => offeredNow(withDrafts, q));
}

/** The questions really asked, in screen order: not those of a group whose condition fails or that was skipped. */
export const selectAskedQuestions = (s: PlanState): Question[] => selectScreens(s).flatMap((screen) => screen.questions);

export const selectCurrentScreen = (s: PlanState): QuestionScreen | undefined => selectScreens(s)[s.answers.index];

/** The first question of the current screen (tests and the e2e helper's single-question screens). */
export const selectCurrentQuestion = (s: PlanState): Question | undefined => selectCurrentScreen(s)?.questions[0];

/** The keys an optional group clears when skipped: its own, and those of the groups offered only after it. */
export function keysSkippedWith(s: PlanState, groupId: string): { groups: string[]; keys: string[] } {
  const all = s.session?.groups ?? [];
  const ids = [groupId];
  for (let i = 0; i < ids.length; i++) for (const g of all) if (g.optional?.after === ids[i] && !ids.includes(g.id)) ids.push(g.id);
  const keys = (s.session?.questions ?? []).filter((q) => q.group !== undefined && ids.includes(q.group)).map((q) => q.key);
  return { groups: ids, keys };
}

/** The problem to show under a question: it belongs to the value the service checked, so once the resident changes
 *  or clears the draft it is no longer shown (the next check decides again). */
export function visibleProblem(s: Pick<State, 'answers'>, key: string, draft: AnswerValue): AnswerProblem | undefined {
  if ((draft ?? null) !== (s.answers.values[key] ?? null)) return undefined;
  return s.answers.problems.find((p) => p.key === key);
}

/** A 町字 picked from the city's list knows its postal code: the screen's next postal code question takes it, unless
 *  the resident typed a code of their own there (one that is no 町字's of the list). */
export function postalCodeOfArea(
  questions: readonly Question[],
  key: string,
  value: AnswerValue,
  draftOf: (key: string) => AnswerValue,
): { key: string; value: string } | undefined {
  const at = questions.findIndex((q) => q.key === key);
  const list = questions[at]?.type === 'address' ? questions[at].addressList : undefined;
  const picked = typeof value === 'string' ? pickedArea(list, value) : undefined;
  const postal = postalQuestionAfter(questions, key);
  if (!list || !picked || !postal) return undefined;
  const now = draftOf(postal.key);
  const typedByResident = isAnswered(now) && !list.areas.some((a) => a.postalCode === now);
  return typedByResident || now === picked.area.postalCode ? undefined : { key: postal.key, value: picked.area.postalCode };
}

/** The postal code question that follows an address question on its screen (its 〒 box on the paper). */
export function postalQuestionAfter(questions: readonly Question[], key: string): Question | undefined {
  const at = questions.findIndex((q) => q.key === key);
  return at < 0 ? undefined : questions.slice(at + 1).find((q) => q.type === 'postal-code');
}

/** An answer given: not missing, not null, not an empty text. */
export const isAnswered = (v: AnswerValue | undefined): boolean => v !== undefined && v !== null && v !== '';

/** On a group's screen one question is open at a time (its keyboard shown, the others collapsed to their value).
 *  Opened first: one the service refused, else the one chosen on the review screen, else the first unanswered
 *  required one. An optional question opens only when touched: its keyboard must not push Next off the screen. */
export function firstQuestionToOpen(s: Pick<State, 'answers'>, questions: readonly Pick<Question, 'key' | 'required'>[]): string | undefined {
  const keys = questions.map((q) => q.key);
  return (
    keys.find((k) => s.answers.problems.some((p) => p.key === k)) ??
    (s.answers.editing !== undefined && keys.includes(s.answers.editing) ? s.answers.editing : undefined) ??
    questions.find((q) => q.required && !isAnswered(s.answers.values[q.key]))?.key
  );
}

/** "Next" on an open question: the next unanswered required one not yet opened on this screen (after it, then from
 *  the top); none when no such one is left, so the resident is led to the screen's Next and never goes round. */
export function nextQuestionToOpen(
  questions: readonly Pick<Question, 'key' | 'required'>[],
  from: string | undefined,
  answered: (key: string) => boolean,
  opened: readonly string[] = [],
): string | undefined {
  const i = from === undefined ? -1 : questions.findIndex((q) => q.key === from);
  return [...questions.slice(i + 1), ...questions.slice(0, Math.max(i, 0))].find((q) => q.required && !answered(q.key) && !opened.includes(q.key))?.key;
}

export const selectProblemFor = (key: string) => (s: State): AnswerProblem | undefined => s.answers.problems.find((p) => p.key === key);

/** The PIN screen's mode: tries shown before typing; one try left means the guard, none means blocked. */
export const selectPinMode = (s: State): 'unknown' | 'enter' | 'guard' | 'blocked' => {
  const t = s.card.triesLeft;
  if (s.card.error === 'PinBlocked' || t === 0) return 'blocked';
  if (s.card.lastTryAllowed && (t === 1 || t === null)) return 'enter';
  if (s.card.error === 'PinGuard' || t === 1) return 'guard';
  if (t === null) return 'unknown';
  return 'enter';
};

/** The steps a resident walks through for this procedure, for the progress line. */
export const selectSteps = (s: State): Step[] => {
  const steps: Step[] = ['procedure', 'card', 'pin', 'take-card'];
  if (selectScreens(s).length > 0) steps.push('questions');
  if (s.session?.procedure.needsSignature) steps.push('signature');
  steps.push('review', 'submit', 'done');
  return steps;
};

/** The one progress line: each question screen counts as a step of its own, so Next always adds exactly one. */
export const selectStepNumber = (s: State): { n: number; total: number } | null => {
  const steps = selectSteps(s);
  const i = steps.indexOf(s.step);
  if (i < 0) return null;
  const screens = selectScreens(s).length;
  const extra = Math.max(0, screens - 1);
  const questionsAt = steps.indexOf('questions');
  const n = s.step === 'questions' ? i + 1 + Math.min(s.answers.index, extra) : questionsAt >= 0 && i > questionsAt ? i + 1 + extra : i + 1;
  return { n, total: steps.length + extra };
};

/** Characters the clerk writes by hand, across every form of the session. */
export const selectMissingGlyphs = (s: State): string[] => {
  const chars = new Set<string>();
  for (const f of s.review.forms ?? []) for (const g of f.missingGlyphs) chars.add(String.fromCodePoint(parseInt(g.codePoint.replace(/^U\+/i, ''), 16)));
  return [...chars];
};

/** A card on the reader when none should be: on the attract screen, or after the read was taken care of. In DEMO the
 *  reader is the virtual one and the demo card lives on it: nobody can take it, so it is not called out (DEMO shows). */
export const selectCardLeftOnReader = (s: State): boolean =>
  s.info?.demo !== true &&
  s.reader.card === 'present' &&
  (s.step === 'attract' || s.step === 'language' || ['questions', 'review', 'signature', 'submit', 'done'].includes(s.step));

/** True while anything of a resident is held: tests use it to assert the wipe. */
export const selectHoldsResidentData = (s: State): boolean =>
  s.session !== null ||
  s.card.resident !== null ||
  Object.keys(s.answers.values).length > 0 ||
  Object.keys(s.people).length > 0 ||
  s.draftStash !== null ||
  s.review.forms !== null ||
  Object.keys(s.review.pageImages).length > 0 ||
  s.signature.given ||
  s.submission !== null;

// One resident's visit: the plan it started with, what the card said, the answers, the signature and the rendered
// forms. wipe() is the one way personal data leaves the service's memory.
import { randomUUID } from 'node:crypto';
import type { MyNumber, ResidentInfo } from '../../card-reader/personal-data';
import type { AnswerCondition, AnswerProblem, ConditionFacts, AnswerValue, Language, PreviewForm, Question, Submission } from '../contract/kiosk';
import { conditionMet } from '../contract/kiosk';
import type { AnswerValue as BoundAnswer, FormData } from '../forms/binding/bind';
import type { ProcedurePlan } from './catalogue';
import { personCardBindings, type PersonCard } from './person-card';
import { printsMyNumber } from './catalogue';
import type { Template } from '../forms/model/template';
import { ageOn } from '../forms/binding/wareki';

export interface RenderedForms {
  forms: PreviewForm[];
  /** The same bytes as the base64 in `forms`, for output. */
  pdfs: Uint8Array[];
}

export class ResidentSession {
  readonly id = randomUUID();
  language: Language;
  resident: ResidentInfo | undefined;
  myNumber: MyNumber | undefined;
  readonly answers = new Map<string, AnswerValue>();
  /** Household people read from their own My Number Card, by their n (household.<n>.…). */
  readonly personCards = new Map<number, PersonCard>();
  /** The person whose card is being placed now: the visitor's card may be away from the reader meanwhile. */
  personCardFor: number | undefined;
  /** Typed on the current screen, not yet sent (session.typing): shown on the clerk's mirror, never printed. */
  readonly typing = new Map<string, AnswerValue>();
  /** Every key a screen has sent, an emptied one included: its problems are the resident's to fix now. */
  readonly asked = new Set<string>();
  /** For the clerk's mirror: the resident asked for a clerk; the PIN tries last seen. */
  clerkCalled = false;
  triesLeft: number | null = null;
  /** PNG bytes from the pad; null = print for a wet signature; undefined = not asked yet. */
  signature: Uint8Array | null | undefined;
  rendered: RenderedForms | undefined;
  /** A render in flight (speculative or asked for) and the generation of answers it started from. */
  rendering: { promise: Promise<RenderedForms>; generation: number } | undefined;
  /** Bumped whenever anything printed changes: a render that started before is stale and is zero-filled. */
  renderGeneration = 0;
  ticketNumber: string | undefined;
  submission: Submission | undefined;
  /** Set while a card read runs for this session. */
  reading = false;
  /** The problems of the last answer check, for the clerk's mirror. */
  problems: AnswerProblem[] = [];

  /** `today` is the visit day: a condition on the card holder's age (`computed.age`) is decided on it. */
  constructor(readonly plan: ProcedurePlan, language: Language, readonly today?: string) {
    this.language = language;
    this.giveFixedAnswers();
  }

  /** The life event's own answers (転入 → move.kind "in"): every `when`, rule and form sees them as answered. */
  private giveFixedAnswers(): void {
    for (const [key, value] of this.plan.fixedAnswers) this.answers.set(key, value);
  }

  /** The forms this visit fills: a bundle's conditional forms only once their answer says so. */
  includedTemplates(): Template[] {
    return this.plan.templates.filter((t) => this.holds(this.plan.conditions.get(t.id)));
  }

  /** Whether the card read must include the My Number: a form that prints it is, or may still be, included. */
  needsMyNumber(): boolean {
    return this.plan.templates.some((t) => {
      if (!printsMyNumber(t)) return false;
      const when = this.plan.conditions.get(t.id);
      return conditionMet(when, this.answers, this.conditionFacts(), true);
    });
  }

  /** A condition of the plan on this visit's answers (and the card holder's age, once the card was read). */
  holds(condition: AnswerCondition | undefined): boolean {
    return conditionMet(condition, this.answers, this.conditionFacts());
  }


  /** The computed values conditions may test, once the card was read: the screen receives them with the read. */
  conditionFacts(): ConditionFacts {
    const birth = this.resident?.reveal().birthDate;
    const age = birth === undefined || this.today === undefined ? undefined : ageOn(birth, this.today);
    return age === undefined ? {} : { 'computed.age': age };
  }

  questionKeys(): Set<string> {
    return new Set(this.plan.questions.map((q) => q.key));
  }

  /** The answers that count: a question (or its group) whose `when` no longer holds is not asked, nor printed. */
  effectiveAnswers(): Map<string, AnswerValue> {
    const holds = (w: AnswerCondition | undefined) => this.holds(w);
    const groupWhen = new Map(this.plan.groups.map((g) => [g.id, g.when]));
    const out = new Map<string, AnswerValue>();
    const facts = this.conditionFacts();
    // A chosen option the answers no longer allow (保育's 2号 once the entry date makes the child 2) is not kept.
    const offered = (q: Question, value: AnswerValue) => conditionMet(q.options?.find((o) => o.value === value)?.when, this.answers, facts, true);
    for (const q of this.plan.questions) {
      const value = this.answers.get(q.key);
      if (value !== undefined && holds(q.when) && holds(q.also) && holds(q.group === undefined ? undefined : groupWhen.get(q.group)) && offered(q, value)) out.set(q.key, value);
    }
    return out;
  }

  formData(today: string, session: FormData['session']): FormData {
    const effective = this.effectiveAnswers();
    const answers: Record<string, BoundAnswer> = { ...Object.fromEntries(this.plan.fixedAnswers), ...Object.fromEntries(effective), ...personCardBindings(this, effective) };
    if (this.signature !== undefined) {
      for (const q of this.plan.questions) if (q.type === 'signature') answers[q.key] = this.signature;
    }
    return {
      ...(this.resident ? { resident: this.resident } : {}),
      ...(this.myNumber ? { myNumber: this.myNumber } : {}),
      answers,
      today,
      session,
    };
  }

  /**
   * Whether the forms can be rendered as they will be reviewed: the card was read and every required question that
   * is asked has an answer. An optional group counts only once one of its questions was answered (else it was skipped).
   */
  answersComplete(): boolean {
    if (!this.resident) return false;
    const effective = this.effectiveAnswers();
    const live = this.liveKeys();
    // A person's own card answers their My Number (it is bound to the forms, never an answer).
    const fromCards = personCardBindings(this, effective);
    return this.plan.questions.every((q) => !q.required || q.type === 'signature' || effective.has(q.key) || q.key in fromCards || !live.has(q.key));
  }

  /**
   * The questions that are really asked now: their own and their group's `when` hold, and an optional group was not
   * skipped. A problem on any other key is not the resident's (its screen is not shown).
   */
  liveKeys(): Set<string> {
    const effective = this.effectiveAnswers();
    const groups = new Map(this.plan.groups.map((g) => [g.id, g]));
    const holds = (w: AnswerCondition | undefined) => this.holds(w);
    const groupAnswered = (id: string) => this.plan.questions.some((q) => q.group === id && effective.has(q.key));
    return new Set(this.plan.questions.filter((q) => {
      if (!holds(q.when) || !holds(q.also)) return false;
      const group = q.group === undefined ? undefined : groups.get(q.group);
      return !group || (holds(group.when) && (!group.optional || groupAnswered(group.id)));
    }).map((q) => q.key));
  }

  forgetRendered(): void {
    for (const pdf of this.rendered?.pdfs ?? []) pdf.fill(0);
    this.rendered = undefined;
    this.rendering = undefined;
    this.renderGeneration += 1;
  }

  /** Drops everything of the resident. Bytes we own are zero-filled; strings are dropped for the GC. */
  wipe(): void {
    this.forgetRendered();
    this.signature?.fill(0);
    this.signature = undefined;
    this.resident = undefined;
    this.myNumber = undefined;
    this.personCards.clear();
    this.personCardFor = undefined;
    this.answers.clear();
    this.typing.clear();
    this.asked.clear();
    this.problems = [];
    this.ticketNumber = undefined;
    this.submission = undefined;
  }
}

export type { AnswerProblem };

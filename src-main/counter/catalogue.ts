// The template library seen from the kiosk: each template and each life-event bundle becomes a Procedure, with the
// questions the card cannot answer. A session keeps the plan (and its parsed Template objects) it started with.
import { createHash } from 'node:crypto';
import type { AnswerCondition, Language, Localized, Procedure, ProcedureSection, Question, QuestionGroup, QuestionType } from '../contract/kiosk';
import { conditionHolds } from '../contract/kiosk';
import type { CityProcedures } from '../forms/model/city';
import { arrangeProcedures } from './city-order';
import { fieldTypeOf } from '../forms/field-types';
import type { TemplateLibrary } from '../forms/load';
import { bundleGroups, bundleQuestions, type Bundle } from '../forms/model/bundle';
import { fieldWhenTest, negated, type AnswerWhen } from '../forms/model/condition';
import { parseSource } from '../forms/model/source';
import { householdPlan, householdQuestions, type HouseholdPlan } from './household';
import type { Field, Template } from '../forms/model/template';

export interface ProcedurePlan {
  procedure: Procedure;
  /** Every template the procedure may fill, in order; a bundle's `when` decides which are included. */
  templates: readonly Template[];
  /** `when` of each template id (bundles only). */
  conditions: ReadonlyMap<string, AnswerCondition>;
  questions: readonly Question[];
  /** The screens that ask several questions together; each question names its own in `group`. */
  groups: readonly QuestionGroup[];
  /** The answers the life event gives (bundle `answers`): never asked, part of every form's data. */
  fixedAnswers: ReadonlyMap<string, string | boolean>;
  /** The people the forms print by role (`person:` fields), asked once on the people screens. */
  household?: HouseholdPlan;
}

export interface Catalogue {
  plans: ReadonlyMap<string, ProcedurePlan>;
  procedures: Procedure[];
  /** The list in the city's order and categories. */
  sections: ProcedureSection[];
  /** Ids the city's procedures file names that are neither a template nor a bundle. */
  unknownInCity: string[];
  /** Changes whenever a template or bundle the kiosk offers changes. */
  version: string;
}

/** The group of a bundle's own yes/no questions; the colon keeps it apart from any template group id. */
export const ASK_GROUP = 'bundle:ask';

export function buildCatalogue(lib: TemplateLibrary, city?: CityProcedures): Catalogue {
  const plans = new Map<string, ProcedurePlan>();
  for (const t of lib.templates.values()) {
    if (t.example) continue; // it documents the format (its own flag says so, wherever the folder is)
    const asBundle: Bundle = { id: t.id, event: 'other', title: t.title, ask: [], templates: [{ id: t.id }] };
    plans.set(t.id, plan({ id: t.id, kind: 'form', title: t.title, ...(t.description ? { description: t.description } : {}), category: t.category }, asBundle, lib.templates));
  }
  for (const b of lib.bundles.values()) {
    if (plans.has(b.id)) continue; // an id clash between a form and a bundle: the form wins, `templates check` reports it
    const templates = b.templates.map((r) => lib.templates.get(r.id));
    if (templates.some((t) => t === undefined)) continue; // a bundle naming a missing form is not offered
    const procedure = { id: b.id, kind: 'life-event' as const, title: b.title, ...(b.description ? { description: b.description } : {}), category: b.event };
    plans.set(b.id, plan(procedure, b, lib.templates));
  }
  const arranged = arrangeProcedures([...plans.values()].map((p) => p.procedure), city);
  for (const procedure of arranged.procedures) plans.set(procedure.id, { ...plans.get(procedure.id)!, procedure });
  const procedures = arranged.procedures;
  // Everything a screen shows or a form prints: a bundle re-published with only a new title changes it too.
  const version = createHash('sha256')
    .update(JSON.stringify([arranged.sections, ...[...plans.values()].map((p) => [p.procedure, p.templates, [...p.conditions], p.questions, p.groups, [...p.fixedAnswers]])]))
    .digest('hex')
    .slice(0, 12);
  return { plans, procedures, sections: arranged.sections, unknownInCity: arranged.unknown, version };
}

function plan(base: Omit<Procedure, 'templateIds' | 'usesMyNumber' | 'needsSignature'>, bundle: Bundle, all: ReadonlyMap<string, Template>): ProcedurePlan {
  const templates = bundle.templates.map((r) => all.get(r.id)!);
  const conditions = new Map(bundle.templates.flatMap((r) => (r.when ? [[r.id, answerCondition(r.when)] as const] : [])));
  const procedure: Procedure = {
    ...base,
    templateIds: templates.map((t) => t.id),
    usesMyNumber: templates.some(printsMyNumber),
    needsSignature: templates.some((t) => t.fields.some((f) => f.type === 'signature')),
  };
  // A bundle's yes/no questions that choose the forms share the first screen, titled with the life event.
  const askGroup: QuestionGroup[] = bundle.ask.length > 1 ? [{ id: ASK_GROUP, label: bundle.title }] : [];
  const askFirst: Question[] = bundle.ask.map((a) => ({
    key: a.key,
    type: 'checkbox',
    label: a.label,
    required: true,
    usedBy: [],
    ...(a.when ? { when: answerCondition(a.when) } : {}),
    ...(askGroup.length > 0 ? { group: ASK_GROUP } : {}),
  }));
  const fromForms = bundleQuestions(bundle, all).questions.map((q) => ({
    ...toQuestion(q.key, q.usedBy, all, conditions),
    ...(q.group ? { group: q.group } : {}),
    ...chosenFormHelp(q.key, bundle, all),
  }));
  const household = householdPlan(templates, new Set(conditions.keys()));
  const people = household ? householdQuestions(household, (usedBy) => anyCondition(usedBy, conditions)) : { questions: [], groups: [] };
  const fixedAnswers = new Map(Object.entries(bundle.answers ?? {}));
  const settled = settleFixed([...askFirst, ...withPeople(fromForms, people.questions, templates, new Set([...conditions.values()].map((w) => w.key)))], fixedAnswers);
  const used = new Set(settled.map((q) => q.group));
  const groups = settleFixed([
    ...askGroup,
    ...people.groups,
    ...bundleGroups(bundle, all).filter((g) => used.has(g.group.id)).map(({ templateId, group: g }): QuestionGroup => ({
      id: g.id,
      label: g.label,
      ...(g.optional ? { optional: { ask: g.optional.ask, ...(g.optional.after ? { after: g.optional.after } : {}) } } : {}),
      ...(g.when ? { when: answerCondition(g.when, all.get(templateId)) } : {}),
    })),
  ], fixedAnswers);
  // A screen the life event rules out (転入's 転出 dates) takes its questions with it.
  const dropped = new Set(bundleGroups(bundle, all).map((g) => g.group.id).filter((id) => !groups.some((g) => g.id === id)));
  const required = new Set([...requiredByFixedAnswers(templates, fixedAnswers), ...requiredWhereAsked(templates, settled, groups)]);
  const questions = settled.filter((q) => q.group === undefined || !dropped.has(q.group)).map((q) => (required.has(q.key) ? { ...q, required: true } : q));
  return { procedure, templates, conditions, questions, groups, fixedAnswers, ...(household ? { household } : {}) };
}

/**
 * The people screens go where the first form that prints people lists its first person (the 異動届's 一緒に移る人 after
 * 世帯主, the 児童手当's 配偶者 after the claimant): before the first later question of that form — but after every answer
 * that chooses a form, so a person's items for the chosen forms are known when their screen is shown.
 */
function withPeople(fromForms: Question[], people: Question[], templates: readonly Template[], choosing: ReadonlySet<string>): Question[] {
  if (people.length === 0) return fromForms;
  const first = templates.find((t) => t.fields.some((f) => parseSource(f.source, f.id).kind === 'person'));
  if (!first) return [...fromForms, ...people];
  const personAt = first.fields.findIndex((f) => parseSource(f.source, f.id).kind === 'person');
  const fieldAt = (id: string) => first.fields.findIndex((f) => f.id === id);
  const later = fromForms.findIndex((q) => q.usedBy.some((u) => u.templateId === first.id && fieldAt(u.fieldId) > personAt));
  const lastChoosing = fromForms.findLastIndex((q) => choosing.has(q.key));
  const at = later < 0 ? -1 : Math.max(later, lastChoosing + 1);
  return at < 0 ? [...fromForms, ...people] : [...fromForms.slice(0, at), ...people, ...fromForms.slice(at)];
}

/** The bundle condition every one of these forms carries, if they all carry the same one. */
function sharedCondition(usedBy: readonly { templateId: string }[], conditions: ReadonlyMap<string, AnswerCondition>): AnswerCondition | undefined {
  return sameCondition(usedBy.map((u) => conditions.get(u.templateId)));
}

function sameCondition(whens: readonly (AnswerCondition | undefined)[]): AnswerCondition | undefined {
  const w = whens[0];
  return w && whens.every((x) => x && JSON.stringify(x) === JSON.stringify(w)) ? w : undefined;
}

/** A template's condition (a group's, a field's, a bundle form's) as the screens and the session test it. */
export function answerCondition(when: AnswerWhen, template?: Template): AnswerCondition {
  if ('of' in when) {
    const ageOf = { birth: dateKey(when.of, template), on: dateKey(when.on, template), ...(when.fiscalYearStart ? { fiscalYearStart: true as const } : {}) };
    return { key: `computed.${when.computed}`, between: when.between, ageOf };
  }
  if ('computed' in when) return { key: `computed.${when.computed}`, between: when.between };
  const { answer, ...test } = when;
  return { key: answer, ...test };
}

/** Where a date field's value is read from in the answers: its answer key, or its person source (`person:child.birthDate`). */
function dateKey(fieldId: string, template: Template | undefined): string {
  const field = template?.fields.find((f) => f.id === fieldId);
  if (!field) return fieldId;
  const s = parseSource(field.source, field.id);
  return s.kind === 'answer' ? s.key : (field.source ?? field.id);
}

/** A person's item is asked while any form that prints it is, or may be, chosen: each form's own condition, or'd. */
function anyCondition(usedBy: readonly { templateId: string }[], conditions: ReadonlyMap<string, AnswerCondition>): AnswerCondition | undefined {
  const whens = usedBy.map((u) => conditions.get(u.templateId));
  if (whens.some((w) => w === undefined)) return undefined;
  const distinct = [...new Map(whens.map((w) => [JSON.stringify(w), w!])).values()];
  return distinct.reduceRight<AnswerCondition | undefined>((orElse, w) => (orElse ? { ...w, orElse } : w), undefined);
}

const MAKES_FORM: Record<Language, (title: string) => string> = {
  ja: (t) => `この手続きでは、続けて「${t}」を作ります。`,
  easy: (t) => `このあと「${t}」を つくります。`,
  en: (t) => `The kiosk prepares “${t}” next, in this visit.`,
  'zh-Hans': (t) => `本次手续中将接着制作“${t}”。`,
  ko: (t) => `이어서 「${t}」를 만듭니다.`,
  vi: (t) => `Máy sẽ làm tiếp “${t}” trong lần này.`,
  pt: (t) => `O quiosque prepara “${t}” a seguir, nesta visita.`,
};

/**
 * A yes/no that adds a form of this bundle says so in its hint, whatever the template's own hint says (which names
 * the counter that handles it when the form is filled on its own).
 */
function chosenFormHelp(key: string, bundle: Bundle, all: ReadonlyMap<string, Template>): { help?: Localized } {
  const chosen = bundle.templates.find((r) => r.when && 'equals' in r.when && r.when.answer === key && r.when.equals === true);
  const title = chosen && all.get(chosen.id)?.title;
  if (!title) return {};
  const help: Localized = { ja: MAKES_FORM.ja(title.ja), easy: MAKES_FORM.easy(title.easy), en: MAKES_FORM.en(title.en) };
  for (const language of ['zh-Hans', 'ko', 'vi', 'pt'] as const) {
    const t = title[language];
    if (t) help[language] = MAKES_FORM[language](t);
  }
  return { help };
}

/** The answer key of a field of a form, when the resident answers it. */
function answerKeyOfField(t: Template, fieldId: string): string | undefined {
  const f = t.fields.find((x) => x.id === fieldId);
  const source = f ? parseSource(f.source, f.id) : undefined;
  return source?.kind === 'answer' ? source.key : undefined;
}

/**
 * Answer keys a `requiredIf` makes required wherever they are asked: its condition is the question's own `when` or its
 * screen's (本籍 on the screen asked only of a Japanese national), so the screen says 必ず答えてください.
 */
function requiredWhereAsked(templates: readonly Template[], questions: readonly Question[], groups: readonly QuestionGroup[]): Set<string> {
  const keys = new Set<string>();
  const text = (w: AnswerCondition | undefined) => (w === undefined ? undefined : JSON.stringify(Object.entries(w).sort(([a], [b]) => a.localeCompare(b))));
  for (const t of templates) {
    for (const rule of t.rules ?? []) {
      if (rule.kind !== 'requiredIf' || !('equals' in rule.when || 'in' in rule.when || 'notEquals' in rule.when)) continue;
      const on = answerKeyOfField(t, rule.when.field);
      const key = answerKeyOfField(t, rule.field);
      const q = questions.find((x) => x.key === key);
      if (on === undefined || !q) continue;
      const { field: _, ...test } = rule.when;
      const condition = text({ key: on, ...test } as AnswerCondition);
      const screen = q.group === undefined ? undefined : groups.find((g) => g.id === q.group)?.when;
      if ([q.when, q.also, screen].some((w) => text(w) === condition)) keys.add(q.key);
    }
  }
  return keys;
}

/** Answer keys a form's `requiredIf` makes required because the life event gives the answer it depends on (転入 → 異動日). */
function requiredByFixedAnswers(templates: readonly Template[], fixed: ReadonlyMap<string, string | boolean>): Set<string> {
  const keys = new Set<string>();
  for (const t of templates) {
    const keyOf = (fieldId: string) => answerKeyOfField(t, fieldId);
    for (const rule of t.rules ?? []) {
      if (rule.kind !== 'requiredIf') continue;
      const on = keyOf(rule.when.field);
      const key = keyOf(rule.field);
      if (on === undefined || key === undefined || !fixed.has(on)) continue;
      if (conditionHolds(fieldWhenTest(rule.when), fixed.get(on))) keys.add(key);
    }
  }
  return keys;
}

/** A `when` on an answer the bundle gives is decided now: the question or screen is always asked, or never. */
function settleFixed<T extends { when?: AnswerCondition; also?: AnswerCondition }>(items: T[], fixed: ReadonlyMap<string, string | boolean>): T[] {
  return items.flatMap((item) => {
    let out = item;
    for (const slot of ['when', 'also'] as const) {
      const w = out[slot];
      if (!w || !fixed.has(w.key) || w.orElse || w.and || w.ageOf) continue;
      if (!conditionHolds(w, fixed.get(w.key))) return [];
      const { [slot]: _, ...always } = out;
      out = always as T;
    }
    return [out];
  });
}

/** A 番号利用事務 form that prints the card's My Number: only then does the card read include it. */
export function printsMyNumber(t: Template): boolean {
  if (!t.myNumberUse) return false;
  return t.fields.some((f) => {
    const s = parseSource(f.source, f.id);
    return s.kind === 'card' && s.item === 'myNumber';
  });
}

function toQuestion(
  key: string,
  usedBy: { templateId: string; fieldId: string }[],
  all: ReadonlyMap<string, Template>,
  conditions: ReadonlyMap<string, AnswerCondition>,
): Question {
  const fields = usedBy.map((u) => all.get(u.templateId)!.fields.find((f) => f.id === u.fieldId)!);
  const first = fields[0]!;
  const q: Question = {
    key,
    type: first.type satisfies QuestionType,
    label: first.label,
    ...(first.help ? { help: first.help } : {}),
    required: fields.some((f) => f.validation?.required === true),
    usedBy,
  };
  Object.assign(q, typeDetails(first, fields));
  // Asked only under a condition when every form that uses it carries that same condition.
  const when = sharedCondition(usedBy, conditions);
  if (when) q.when = when;
  // A field's own `when` (個人番号 only for 本人・同一世帯), when every field that prints this answer has it.
  // A field that takes another source under a condition (the 世帯主 from the card) asks only while it fails.
  const ownWhen = (f: Field) => f.when ?? (f.sourceIf ? negated(f.sourceIf.when) : undefined);
  const templateOf = (f: Field) => all.get(usedBy[fields.indexOf(f)]!.templateId);
  const own = sameCondition(fields.map((f) => { const w = ownWhen(f); return w ? answerCondition(w, templateOf(f)) : undefined; }));
  if (own) q.also = own;
  // An option offered only while its condition holds (保育's 2号 from age 3): the first form's options decide.
  const optionWhen = new Map(((first as { options?: { value: string; when?: AnswerWhen }[] }).options ?? []).flatMap((o) => (o.when ? [[o.value, o.when] as const] : [])));
  if (q.options && optionWhen.size > 0) {
    q.options = q.options.map((o) => { const w = optionWhen.get(o.value); return w ? { ...o, when: answerCondition(w, templateOf(first)) } : o; });
  }
  return q;
}

function typeDetails(first: Field, fields: Field[]): Partial<Question> {
  const out: Partial<Question> = {};
  const maxLengths = fields.flatMap((f) => (f.validation?.maxLength === undefined ? [] : [f.validation.maxLength]));
  if (maxLengths.length > 0) out.maxLength = Math.min(...maxLengths);
  if (first.validation?.min !== undefined) out.min = first.validation.min;
  if (first.validation?.max !== undefined) out.max = first.validation.max;
  const notBefore = first.validation?.notBefore;
  const notAfter = first.validation?.notAfter;
  if (notBefore !== undefined || notAfter !== undefined) out.dateRange = { ...(notBefore ? { notBefore } : {}), ...(notAfter ? { notAfter } : {}) };
  if (fields.some((f) => f.kanji === 'clerk')) out.kanjiByClerk = true;
  Object.assign(out, fieldTypeOf(first.type).question?.(first as never));
  return out;
}

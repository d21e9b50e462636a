import { z } from 'zod';
import { ID_PATTERN } from './ids';

// One condition shape for every place a form asks "only when…": a group's and a field's `when`, a bundle's form,
// a rule's `when`. Each names what it tests (an answer, a field, a computed value) and puts one of these tests to it.

const ConditionValue = z.union([z.string(), z.boolean()]);
type ConditionValue = z.infer<typeof ConditionValue>;

/** What a condition asks of one value. An unanswered value fails every test: "not 本人" holds only once answered. */
export type ConditionTest =
  | { equals: ConditionValue }
  | { in: readonly ConditionValue[] }
  | { notEquals: ConditionValue }
  | { between: readonly [number, number] };

/** The one evaluator, for the template checks, the counter service and the kiosk screen alike. */
export function conditionHolds(test: ConditionTest | undefined, value: unknown): boolean {
  if (test === undefined) return true;
  if ('in' in test) return test.in.some((v) => v === value);
  if ('notEquals' in test) return value !== undefined && value !== null && value !== test.notEquals;
  if ('between' in test) return typeof value === 'number' && value >= test.between[0] && value <= test.between[1];
  return value === test.equals;
}

const tests = <S extends z.ZodRawShape>(subject: S) =>
  [
    z.strictObject({ ...subject, equals: ConditionValue }),
    z.strictObject({ ...subject, in: z.array(ConditionValue).min(1) }),
    z.strictObject({ ...subject, notEquals: ConditionValue }),
  ] as const;

/** The values the kiosk computes itself and a condition may test: an age (the card holder's, or of an answered date). */
export const COMPUTED_CONDITIONS = ['age'] as const;

const AnswerKey = z.string().regex(ID_PATTERN);

const FieldRef = z.string().regex(ID_PATTERN).meta({ description: 'A field id of this template.' });

const Between = z.tuple([z.int().min(0), z.int().min(0)]).refine(([a, b]) => a <= b, 'between: [smallest, largest]');

/** A condition on an earlier answer, on the card holder's age (`{"computed": "age", "between": [40, 64]}`), or on the
 *  age of an answered birth date on an answered day (保育's 認定区分: the child's age on 1 April of the year of entry). */
export const AnswerWhen = z
  .union([
    ...tests({ answer: AnswerKey }),
    z.strictObject({ computed: z.enum(COMPUTED_CONDITIONS), between: Between }),
    z.strictObject({
      computed: z.enum(COMPUTED_CONDITIONS),
      of: FieldRef.meta({ description: 'A date field of this form: the birth date whose age is tested (保育: child.birthDate).' }),
      on: FieldRef.meta({ description: 'A date field of this form: the day the age is taken on (保育: startOn).' }),
      fiscalYearStart: z.literal(true).optional().meta({ description: 'true: the age on 1 April of the fiscal year (年度) that "on" falls in.' }),
      between: Between,
    }),
  ])
  .meta({
    id: 'AnswerWhen',
    description:
      'Only when an earlier answer equals a value ("equals"), is one of these ("in") or is answered and differs ("notEquals"); or when an age is within "between": [from, to] (both included) — the card holder\'s on the visit day, or with "of" and "on" the age of one date field of this form on another (with "fiscalYearStart": on 1 April of that fiscal year).',
  });
export type AnswerWhen = z.infer<typeof AnswerWhen>;

/** A rule's condition on another field of the form; without a test, "has any value". */
export const FieldWhen = z
  .union([...tests({ field: FieldRef }), z.strictObject({ field: FieldRef })])
  .meta({ id: 'FieldWhen', description: 'When that field equals / is one of / is answered and differs from a value; with only "field": when it has any value.' });
export type FieldWhen = z.infer<typeof FieldWhen>;

/** The test of a rule's `when`; a bare field means "has any value" (a checkbox ticked, a text given). */
export function fieldWhenTest(when: FieldWhen): ConditionTest {
  return 'equals' in when || 'in' in when || 'notEquals' in when ? when : { notEquals: false };
}

/** The opposite of an `equals` or `notEquals` condition (both fail while the answer is not given). */
export function negated(when: AnswerWhen): AnswerWhen | undefined {
  if ('computed' in when || 'in' in when) return undefined;
  return 'equals' in when ? { answer: when.answer, notEquals: when.equals } : { answer: when.answer, equals: when.notEquals };
}

/** The answer key an answer condition reads, or the computed value's own key (`computed.age`). */
export function whenKey(when: AnswerWhen): string {
  return 'computed' in when ? `computed.${when.computed}` : when.answer;
}

/** The values a condition names that a choice of these options could never give (a typo in `in`, `equals`…). */
export function valuesNoOptionHas(when: AnswerWhen | FieldWhen, options: readonly string[] | undefined): string[] {
  if (options === undefined || 'computed' in when) return [];
  const named = 'in' in when ? when.in : 'equals' in when ? [when.equals] : 'notEquals' in when ? [when.notEquals] : [];
  return named.filter((v): v is string => typeof v === 'string' && !options.includes(v)).concat(named.some((v) => typeof v === 'boolean') ? ['(true/false)'] : []);
}

// Why an answer cannot go on the forms, worded by the screen from the code: the forms' own checks (field type,
// validation, cross-field rules) and whether any font can print it.
import type { AnswerProblem, AnswerValue, Question } from '../contract/kiosk';
import { bindValues, type FormData } from '../forms/binding/bind';
import { checkValues } from '../forms/binding/check-values';
import { codePointLabel, type FontSet } from '../forms/engine/fonts';
import { fieldTypeOf, type ValueIssueCode } from '../forms/field-types';
import { askedItemOf, householdKey, personSlot } from '../forms/model/people';
import { parseSource } from '../forms/model/source';
import type { Field, Template } from '../forms/model/template';

const problemCode: Record<ValueIssueCode, AnswerProblem['code']> = {
  required: 'required',
  tooShort: 'pattern',
  tooLong: 'too-long',
  patternMismatch: 'pattern',
  notANumber: 'pattern',
  belowMin: 'range',
  aboveMax: 'range',
  notADate: 'date',
  dateTooEarly: 'date',
  dateTooLate: 'date',
  beforeMeiji: 'date',
  notAnOption: 'pattern',
  wrongDigitCount: 'pattern',
  notKana: 'pattern',
  notAPhoneNumber: 'pattern',
  notAPostalCode: 'pattern',
  notAPng: 'pattern',
  wrongValueKind: 'pattern',
  dateOrder: 'cross-field',
  fontShrunkBelowMinimum: 'too-long',
};

/** The problem code the screens word, for a form check's code. */
export const answerProblemCode = (code: ValueIssueCode): AnswerProblem['code'] => problemCode[code];

/** The answer a field prints, by key: its own answer, or the answer of the person it prints. */
export function answerKeyOf(field: Field, answers: FormData['answers']): string | undefined {
  const s = parseSource(field.source, field.id);
  if (s.kind === 'answer') return s.key;
  if (s.kind !== 'person') return undefined;
  const n = personSlot(s, answers);
  const item = askedItemOf(s.item);
  return n !== undefined && item !== undefined ? householdKey(n, item) : undefined;
}

/** Problems of the answers given so far (`given`), over the forms the visit fills. */
export function answerProblems(templates: readonly Template[], data: FormData, given: ReadonlySet<string>, fonts: FontSet): AnswerProblem[] {
  const out = new Map<string, AnswerProblem>();
  const add = (p: AnswerProblem) => out.set(`${p.key}\u0000${p.code}\u0000${p.detail ?? ''}`, p);
  for (const template of templates) {
    const values = bindValues(template, data);
    // A person's field counts as the answer of the person it prints (the 2nd child's date on that child's screen).
    const keyOf = new Map(template.fields.flatMap((f) => {
      const key = answerKeyOf(f, data.answers);
      return key === undefined ? [] : [[f.id, key] as const];
    }));
    for (const issue of checkValues(template, values, data.today)) {
      // A rule's problem goes where the resident can act: the field it marks if that was asked, else the first of
      // the rule's other fields that was (one of 通数 on the screen the resident is on). With the template's words.
      // A requiredIf stays on its own field: its trigger may sit on an earlier screen the resident already left.
      const candidates = issue.rule && issue.rule.kind !== 'requiredIf' ? [issue.fieldId, ...issue.rule.fields] : [issue.fieldId];
      const key = candidates.map((id) => keyOf.get(id)).find((k) => k !== undefined && given.has(k));
      if (key !== undefined) add({ key, code: problemCode[issue.code], ...(issue.rule?.message ? { message: issue.rule.message } : {}) });
    }
    for (const field of template.fields) {
      const key = keyOf.get(field.id);
      if (key === undefined || !given.has(key)) continue;
      const texts = fieldTypeOf(field.type).printedTexts(field as never, values.get(field.id));
      for (const cp of fonts.missing(texts.join(''))) add({ key, code: 'not-drawable', detail: codePointLabel(cp) });
    }
  }
  return [...out.values()];
}

/**
 * Answers with an option the kiosk does not offer: a form's `"kiosk": false` option (□代理人) is valid on paper, so
 * the forms' own check takes it; the kiosk refuses it as it refuses an unknown option, whoever sends it.
 */
export function unofferedOptionProblems(questions: readonly Question[], answers: ReadonlyMap<string, AnswerValue>, given: ReadonlySet<string>): AnswerProblem[] {
  return questions.flatMap((q) => {
    const value = answers.get(q.key);
    // A pick list with 「その他（入力する）」 (`typedOther`: a 続柄 not in the list) takes a typed answer too.
    if (!q.options || q.typedOther || !given.has(q.key) || value === undefined || value === null) return [];
    return q.options.some((o) => o.value === value) ? [] : [{ key: q.key, code: problemCode.notAnOption }];
  });
}

import { fieldTypes, type FieldTypeRegistry } from '../field-types';
import type { ValueIssueCode } from '../field-types/field-type';
import { conditionHolds, fieldWhenTest, type AnswerWhen } from '../model/condition';
import { parseSource } from '../model/source';
import { matchesPattern } from '../model/pattern';
import type { LocalizedText } from '../model/localized';
import type { Template } from '../model/template';
import type { BoundValues } from './bind';
import { isIsoDate } from './wareki';

/** A cross-field rule behind an issue: the fields it names and the template's own words for it. */
export type RuleRef = { kind: 'requiredIf' | 'dateOrder' | 'oneRequired'; fields: string[]; message?: LocalizedText | undefined };
export type FieldIssue = { templateId: string; fieldId: string; code: ValueIssueCode; rule?: RuleRef };

/** Everything wrong with the bound values of one form: generic validation, the type's own checks, cross-field rules. */
export function checkValues(template: Template, values: BoundValues, today: string, types: Pick<FieldTypeRegistry, 'of'> = fieldTypes): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (fieldId: string, code: ValueIssueCode, rule?: RuleRef) => issues.push({ templateId: template.id, fieldId, code, ...(rule ? { rule } : {}) });
  // A copies count of 0 asks for nothing: "at least one of these" needs a number above 0.
  const typeOf = new Map(template.fields.map((f) => [f.id, f.type]));
  const isPresent = (id: string) => {
    const v = values.get(id);
    return v !== undefined && v !== false && !(typeOf.get(id) === 'number' && typeof v === 'string' && Number(v) === 0);
  };
  // A field (or its group) asked only under a condition is not missing while the condition fails: 児童手当's bank lines
  // when 公金受取口座 is chosen. An age condition is the session's to decide (it asks the question or not).
  const fieldOfAnswer = new Map(template.fields.flatMap((f) => {
    const s = parseSource(f.source, f.id);
    return s.kind === 'answer' ? [[s.key, f.id] as const] : [];
  }));
  const groupWhen = new Map(template.groups.map((g) => [g.id, g.when]));
  const asked = (w: AnswerWhen | undefined) => w === undefined || 'computed' in w || conditionHolds(w, values.get(fieldOfAnswer.get(w.answer) ?? ''));
  for (const field of template.fields) {
    const value = values.get(field.id);
    const v = field.validation;
    if (value === undefined) {
      if (v?.required && asked(field.when) && asked(field.group === undefined ? undefined : groupWhen.get(field.group))) add(field.id, 'required');
      continue;
    }
    for (const code of types.of(field.type).check(field as never, value)) add(field.id, code);
    if (typeof value === 'string' && v) for (const code of genericChecks(value, v, today, field.type)) add(field.id, code);
  }
  for (const rule of template.rules) {
    if (rule.kind === 'requiredIf') {
      if (conditionHolds(fieldWhenTest(rule.when), values.get(rule.when.field)) && values.get(rule.field) === undefined) add(rule.field, 'required', { kind: rule.kind, fields: [rule.field, rule.when.field], message: rule.message });
    } else if (rule.kind === 'dateOrder') {
      const [a, b] = [values.get(rule.earlier), values.get(rule.later)];
      if (typeof a === 'string' && typeof b === 'string' && isIsoDate(a) && isIsoDate(b) && a > b) add(rule.later, 'dateOrder', { kind: rule.kind, fields: [rule.later, rule.earlier], message: rule.message });
    } else if (!rule.fields.some(isPresent)) {
      add(rule.fields[0]!, 'required', { kind: rule.kind, fields: rule.fields, message: rule.message });
    }
  }
  return issues;
}

function genericChecks(value: string, v: NonNullable<Template['fields'][number]['validation']>, today: string, type: string): ValueIssueCode[] {
  const out: ValueIssueCode[] = [];
  const length = [...value].length;
  if (v.minLength !== undefined && length < v.minLength) out.push('tooShort');
  if (v.maxLength !== undefined && length > v.maxLength) out.push('tooLong');
  if (v.pattern !== undefined && !matchesPattern(v.pattern, value)) out.push('patternMismatch');
  if (v.min !== undefined || v.max !== undefined) {
    const n = Number(value);
    if (!Number.isFinite(n)) out.push('notANumber');
    else {
      if (v.min !== undefined && n < v.min) out.push('belowMin');
      if (v.max !== undefined && n > v.max) out.push('aboveMax');
    }
  }
  if (type === 'date' && isIsoDate(value)) {
    const day = (d: string) => (d === 'today' ? today : d);
    if (v.notBefore !== undefined && value < day(v.notBefore)) out.push('dateTooEarly');
    if (v.notAfter !== undefined && value > day(v.notAfter)) out.push('dateTooLate');
  }
  return out;
}

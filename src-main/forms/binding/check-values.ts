import { fieldTypes, type FieldTypeRegistry } from '../field-types';
import type { FieldValue, ValueIssueCode } from '../field-types/field-type';
import { matchesPattern } from '../model/pattern';
import type { Template } from '../model/template';
import type { BoundValues } from './bind';
import { isIsoDate } from './wareki';

export type FieldIssue = { templateId: string; fieldId: string; code: ValueIssueCode };

/** Everything wrong with the bound values of one form: generic validation, the type's own checks, cross-field rules. */
export function checkValues(template: Template, values: BoundValues, today: string, types: Pick<FieldTypeRegistry, 'of'> = fieldTypes): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (fieldId: string, code: ValueIssueCode) => issues.push({ templateId: template.id, fieldId, code });
  for (const field of template.fields) {
    const value = values.get(field.id);
    const v = field.validation;
    if (value === undefined) {
      if (v?.required) add(field.id, 'required');
      continue;
    }
    for (const code of types.of(field.type).check(field as never, value)) add(field.id, code);
    if (typeof value === 'string' && v) for (const code of genericChecks(value, v, today, field.type)) add(field.id, code);
  }
  for (const rule of template.rules) {
    if (rule.kind === 'requiredIf') {
      const other = values.get(rule.when.field);
      const applies = rule.when.equals === undefined ? other !== undefined && other !== false : other === rule.when.equals;
      if (applies && values.get(rule.field) === undefined) add(rule.field, 'required');
    } else if (rule.kind === 'dateOrder') {
      const [a, b] = [values.get(rule.earlier), values.get(rule.later)];
      if (typeof a === 'string' && typeof b === 'string' && isIsoDate(a) && isIsoDate(b) && a > b) add(rule.later, 'dateOrder');
    } else if (!rule.fields.some((id) => isPresent(values.get(id)))) {
      add(rule.fields[0]!, 'required');
    }
  }
  return issues;
}

function isPresent(v: FieldValue | undefined): boolean {
  return v !== undefined && v !== false;
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

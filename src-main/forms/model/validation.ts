import { z } from 'zod';
import { FieldWhen } from './condition';
import { ID_PATTERN } from './ids';
import { LocalizedText } from './localized';
import { patternProblem, patternProblemText } from './pattern';

const IsoDateOrToday = z
  .union([z.iso.date(), z.literal('today')])
  .meta({ id: 'DateOrToday', description: 'YYYY-MM-DD, or "today" (the day of the visit).' });

/** Checks on one field's value. Type-specific checks (digits, kana, dates…) come from the field type itself. */
export const FieldValidation = z.strictObject({
  required: z.boolean().default(false),
  minLength: z.int().min(0).optional(),
  maxLength: z.int().min(1).optional().meta({ description: 'In characters (code points), as a person counts them.' }),
  pattern: z
    .string()
    .superRefine((p, ctx) => {
      const problem = patternProblem(p);
      if (problem) ctx.addIssue({ code: 'custom', message: patternProblemText[problem] });
    })
    .optional()
    .meta({
      description:
        'A regular expression the whole value must match, checked by RE2 (linear time): JavaScript syntax without backreferences or lookaround, and no repeated group holding a variable repeat or alternatives that can match alike, such as (a+)+ or (a|ab)*.',
    }),
  min: z.number().optional().meta({ description: 'number fields: smallest value.' }),
  max: z.number().optional().meta({ description: 'number fields: largest value.' }),
  notBefore: IsoDateOrToday.optional().meta({ description: 'date fields: earliest date.' }),
  notAfter: IsoDateOrToday.optional().meta({ description: 'date fields: latest date.' }),
}).meta({ id: 'FieldValidation' });
export type FieldValidation = z.infer<typeof FieldValidation>;

/** A `pattern` the kiosk can check with: valid, runnable by RE2, and safe for a backtracking engine too. */
export function isRegExp(pattern: string): boolean {
  return patternProblem(pattern) === undefined;
}

const FieldRef = z.string().regex(ID_PATTERN).meta({ id: 'FieldRef', description: 'A field id of this template.' });

/** Checks that involve several fields of one template. */
export const CrossFieldRule = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('requiredIf'),
    field: FieldRef.meta({ description: 'This field becomes required…' }),
    when: FieldWhen.meta({ description: '…when that field has this value, one of these, or not this one (only "field": any value).' }),
    message: LocalizedText.optional(),
  }),
  z.strictObject({
    kind: z.literal('dateOrder'),
    earlier: FieldRef,
    later: FieldRef,
    message: LocalizedText.optional(),
  }),
  z.strictObject({
    kind: z.literal('oneRequired'),
    fields: z.array(FieldRef).min(2).meta({ description: 'At least one of these must have a value.' }),
    message: LocalizedText.optional(),
  }),
]);
export type CrossFieldRule = z.infer<typeof CrossFieldRule>;

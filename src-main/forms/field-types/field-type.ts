import type { z } from 'zod';
import type { Question } from '../../contract/kiosk';
import type { At, RectMm, TextStyle } from '../model/geometry';

/** A bound value: text for most types, true/false for a checkbox, PNG bytes for a signature. */
export type FieldValue = string | boolean | Uint8Array;

/** Why a value cannot go on the form as it is. Never carries the value itself (it may be personal data). */
export type ValueIssueCode =
  | 'required'
  | 'tooShort'
  | 'tooLong'
  | 'patternMismatch'
  | 'notANumber'
  | 'belowMin'
  | 'aboveMax'
  | 'notADate'
  | 'dateTooEarly'
  | 'dateTooLate'
  | 'beforeMeiji'
  | 'notAnOption'
  | 'wrongDigitCount'
  | 'notKana'
  | 'notAPhoneNumber'
  | 'notAPostalCode'
  | 'notAPng'
  | 'wrongValueKind'
  | 'dateOrder'
  | 'fontShrunkBelowMinimum';

/** The drawing surface a field type draws on. The engine implements it over pdf-lib; all lengths are mm. */
export interface DrawContext {
  /** A rectangle, or the rectangle of a layout grid cell named by its id. */
  rect(at: At): RectMm;
  /** Draws text inside the rectangle, shrunk (and wrapped, if the style allows) so it never leaves it. */
  text(rect: RectMm, text: string, style: TextStyle): void;
  box(rect: RectMm, lineMm?: number): void;
  line(from: readonly [number, number], to: readonly [number, number], lineMm?: number): void;
  ellipse(rect: RectMm, lineMm?: number): void;
  /** A ✓ drawn with strokes, so no font needs the glyph. */
  checkMark(rect: RectMm): void;
  /** A PNG scaled to fit the rectangle, keeping its proportions. */
  image(rect: RectMm, png: Uint8Array): Promise<void>;
}

/** What a kiosk question carries for its type beyond the common parts (key, label, required…). */
export type QuestionDetails = Pick<Question, 'options' | 'typedOther' | 'dateStyle' | 'digitCount'>;

/** One place a field draws in, with its path inside the field ("at", "options.1.at", "parts.year"). */
export type FieldPlaceAt = [At, (string | number)[]];

/**
 * One field type's common part (Node and browser, no React, no DOM): its props (the zod schema of a whole field of
 * this type), its value checks, its PDF drawing, its preview sample and how it becomes a kiosk question. Its browser
 * part (kiosk input, designer panel) lives in src-renderer/field-types/<type>/.
 */
export interface FieldType<S extends z.ZodObject = z.ZodObject> {
  readonly type: z.infer<S>['type'];
  readonly schema: S;
  /** Which kind of value the type expects, so answers and card data are coerced once, in binding. */
  readonly valueKind: 'text' | 'boolean' | 'image';
  /** Plain text answers: two forms may share one answer key between different text-like types. */
  readonly textLike: boolean;
  /** Checks beyond the generic validation (required, lengths, pattern…), for a present value. */
  check(field: z.infer<S>, value: FieldValue): ValueIssueCode[];
  /** Every string the type will print for this value, so the engine can check glyph coverage before drawing. */
  printedTexts(field: z.infer<S>, value: FieldValue | undefined): string[];
  /** Draws the value; `undefined` means no value (the type may still draw its empty boxes). */
  draw(ctx: DrawContext, field: z.infer<S>, value: FieldValue | undefined): void | Promise<void>;
  /** Every place the field draws, so the template model can check each lies on the page or in a cell. */
  places(field: z.infer<S>): FieldPlaceAt[];
  /** An answer of the right kind that passes the field's checks, for the designer's preview (none: left empty). */
  sample(field: z.infer<S>, today: string): string | boolean | undefined;
  /** What the kiosk needs to ask it (options, date style…), read from the first field that asks the answer. */
  question?(field: z.infer<S>): QuestionDetails;
}

export function defineFieldType<S extends z.ZodObject>(t: FieldType<S>): FieldType<S> {
  return t;
}

/** The one place most types draw in. */
export const atPlace = (field: { at: At }): FieldPlaceAt[] => [[field.at, ['at']]];

/** A sample text shortened to the field's maxLength, so the preview's value passes the field's own checks. */
export const clipToMaxLength = (field: { validation?: { maxLength?: number | undefined } | undefined }, text: string): string =>
  field.validation?.maxLength === undefined ? text : [...text].slice(0, field.validation.maxLength).join('');

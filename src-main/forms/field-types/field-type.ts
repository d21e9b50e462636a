import type { z } from 'zod';
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

/**
 * One field type: its props (the zod schema of a whole field of this type), its value checks and its PDF drawing.
 * Kept in one folder (field-types/<type>/) so adding a type touches one place; the kiosk input joins it later.
 */
export interface FieldType<S extends z.ZodObject = z.ZodObject> {
  readonly type: string;
  readonly schema: S;
  /** Which kind of value the type expects, so answers and card data are coerced once, in binding. */
  readonly valueKind: 'text' | 'boolean' | 'image';
  /** Checks beyond the generic validation (required, lengths, pattern…), for a present value. */
  check(field: z.infer<S>, value: FieldValue): ValueIssueCode[];
  /** Every string the type will print for this value, so the engine can check glyph coverage before drawing. */
  printedTexts(field: z.infer<S>, value: FieldValue | undefined): string[];
  /** Draws the value; `undefined` means no value (the type may still draw its empty boxes). */
  draw(ctx: DrawContext, field: z.infer<S>, value: FieldValue | undefined): void | Promise<void>;
}

export function defineFieldType<S extends z.ZodObject>(t: FieldType<S>): FieldType<S> {
  return t;
}

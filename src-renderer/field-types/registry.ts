// The browser's registry of field types, derived from the common one: each type's kiosk control and designer panel,
// in the common registry's order. Its type demands a browser part for every common type.
import type { z } from 'zod';
import type { FieldType, FieldTypeNameOf, FieldTypeRegistry } from '../../src-main/forms/field-types';
import type { KioskInput } from './kiosk-input';
import type { DraftFieldBase, FieldPanel } from './panel-parts';

/** One field type's browser part (pdfme's `ui` and `propPanel`): its kiosk control and its designer panel. */
export interface BrowserPart<F extends DraftFieldBase = DraftFieldBase> {
  readonly Input: KioskInput;
  readonly panel: FieldPanel<F>;
  /** The control is its own answer (a few big buttons, one tap): on a group's screen it never collapses. */
  readonly inline: boolean;
  /** The resident types free text on the on-screen keyboard (the kiosk notes that values print in Japanese). */
  readonly typesText: boolean;
}

export function defineBrowserPart<F extends DraftFieldBase>(part: BrowserPart<F>): BrowserPart<F> {
  return part;
}

/** A field of this type as authored in the JSON (defaults left out), as the designer edits it. */
type DraftOf<T> = T extends FieldType<infer S> ? Extract<z.input<S>, DraftFieldBase> : never;

/** A browser part for every type of the list, typed for that type's fields. */
export type BrowserParts<L extends readonly FieldType[]> = { [T in L[number] as Extract<FieldTypeNameOf<T>, string>]: BrowserPart<DraftOf<T>> };

export interface BrowserFieldTypes<P, D extends DraftFieldBase> {
  /** Type name → designer panel, in the palette's order. */
  readonly panels: { [K in keyof P]: P[K] extends BrowserPart<infer F> ? FieldPanel<F> : never };
  /** The panel of a field's type, typed for any field (the designer holds fields of every type in one list). */
  panelOf(type: string): FieldPanel<D> | undefined;
  /** The kiosk control of a question's type. */
  inputOf(type: string): KioskInput | undefined;
  isInline(type: string): boolean;
  typesText(type: string): boolean;
}

export function browserFieldTypes<L extends readonly FieldType[], P extends BrowserParts<L>, D extends DraftFieldBase = DraftOf<L[number]>>(
  common: FieldTypeRegistry<L>,
  parts: P,
): BrowserFieldTypes<P, D> {
  const byName = new Map<string, BrowserPart>(common.list.map((t) => [t.type as string, (parts as Record<string, BrowserPart>)[t.type as string]!]));
  const panels = Object.fromEntries([...byName].map(([name, part]) => [name, part.panel]));
  return {
    panels: panels as BrowserFieldTypes<P, D>['panels'],
    panelOf: (type) => byName.get(type)?.panel as FieldPanel<D> | undefined,
    inputOf: (type) => byName.get(type)?.Input,
    isInline: (type) => byName.get(type)?.inline ?? false,
    typesText: (type) => byName.get(type)?.typesText ?? false,
  };
}

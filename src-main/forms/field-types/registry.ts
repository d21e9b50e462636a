// A registry of field types built from a list: the template model's field union, the lookups of the engine,
// binding and the catalogue. The app has one (./index); a test may build its own with an extra type.
import { z } from 'zod';
import type { FieldType } from './field-type';

/** The zod schema of each type in the list, in order. */
type SchemasOf<L extends readonly FieldType[]> = { -readonly [K in keyof L]: L[K]['schema'] };

/** The name of a field type, from its schema's literal. */
export type FieldTypeNameOf<T> = T extends FieldType<infer S> ? z.infer<S>['type'] : never;

export interface FieldTypeRegistry<L extends readonly FieldType[] = readonly FieldType[]> {
  readonly list: L;
  /** A field of any type in the list, as the template model parses it. */
  readonly field: z.ZodDiscriminatedUnion<SchemasOf<L>>;
  /** The type of that name; throws on a name not in the list (a parsed template only has listed ones). */
  of(name: string): FieldType;
  has(name: string): boolean;
}

export function fieldTypeRegistry<const L extends readonly [FieldType, ...FieldType[]]>(list: L): FieldTypeRegistry<L> {
  const byName = new Map<string, FieldType>(list.map((t) => [t.type as string, t]));
  if (byName.size !== list.length) throw new Error('two field types share a name');
  const schemas = list.map((t) => t.schema) as unknown as SchemasOf<L>;
  return {
    list,
    field: z.discriminatedUnion('type', schemas as never) as unknown as z.ZodDiscriminatedUnion<SchemasOf<L>>,
    of(name) {
      const t = byName.get(name);
      if (!t) throw new Error(`unknown field type ${name}`);
      return t;
    },
    has: (name) => byName.has(name),
  };
}

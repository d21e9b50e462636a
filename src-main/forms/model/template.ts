import { z } from 'zod';
import { fieldTypes, type FieldTypeRegistry } from '../field-types';
import { type At, Paper, type RectMm, pageSizeMm } from './geometry';
import { placeGridCells, LayoutItem } from './layout';
import { LocalizedText } from './localized';
import { QuestionGroup } from './question-group';
import { parseSource, staffIdDocuments } from './source';
import { CrossFieldRule } from './validation';
import { negated, valuesNoOptionHas, whenKey, type AnswerWhen } from './condition';
import { Fee, Office } from './fee';

export const Field = fieldTypes.field;
export type Field = z.infer<typeof Field>;

export const TemplateId = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'a template id is lowercase letters, digits and hyphens, like "juminhyo-request"');

export const Category = z.enum(['certificates', 'residence', 'children', 'health', 'care', 'disaster', 'tax', 'other']);

/** What every field has, whatever its type: what the template's own checks read. */
type AnyField = { id: string; type: string; page: number; source?: string | undefined; group?: string | undefined; when?: AnswerWhen | undefined; sourceIf?: { when: AnswerWhen; source: string } | undefined };

/**
 * The template model over a registry of field types: the app's (`Template` below), or a test's with a type of its own.
 */
export function templateSchema<F extends z.ZodType<AnyField>>(types: { field: F } & Pick<FieldTypeRegistry, 'of'>) {
  return templateShape(types.field).superRefine((t, ctx) => checkTemplate(t as TemplateParts, ctx, types));
}

const templateShape = <F extends z.ZodType<AnyField>>(field: F) => z.strictObject({
  $schema: z.string().optional(),
  id: TemplateId.meta({ description: 'Also the file name: templates/<id>.json.' }),
  version: z.int().min(1).meta({ description: 'Raise it whenever the paper layout changes.' }),
  title: LocalizedText,
  description: LocalizedText.optional().meta({ description: 'One or two lines under the title in the kiosk\'s list: who may use the kiosk for it, and which counter takes the others.' }),
  category: Category,
  legalBasis: z.string().min(1).meta({ description: 'The law or ordinance behind the form, e.g. 住民基本台帳法第12条.' }),
  myNumberUse: z
    .boolean()
    .meta({ description: 'true for a 番号利用事務 form (番号法 別表): only these may have a card.myNumber field.' }),
  example: z
    .boolean()
    .optional()
    .meta({ description: 'true for a template that documents the format: the kiosk never offers it to residents.' }),
  paper: Paper.prefault({}),
  background: z
    .strictObject({
      pdf: z.string().regex(/^[^/\\][^\\]*\.pdf$/).meta({ description: 'Path under templates/, e.g. "backgrounds/katori/juminhyo.pdf".' }),
      pages: z.array(z.int().min(1)).optional().meta({ description: 'Which background page goes under each form page (default 1, 2, …).' }),
    })
    .optional()
    .meta({ description: "The city's own form as a PDF, drawn under the values." }),
  layout: z.array(LayoutItem).default([]).meta({ description: 'Boxes, rules, labels and grids the engine draws itself.' }),
  groups: z
    .array(QuestionGroup)
    .default([])
    .meta({ description: 'Kiosk screens that ask several answers together; fields join one with "group".' }),
  fields: z.array(field).min(1),
  rules: z.array(CrossFieldRule).default([]),
  fee: Fee.optional().meta({ description: "What the form costs (the city's 手数料); absent when the city charges nothing for it." }),
  office: Office.optional().meta({ description: 'Which counter takes the form and what to bring: the kiosk says it at the end.' }),
});

type TemplateParts = Omit<z.output<ReturnType<typeof templateShape>>, 'fields'> & { fields: AnyField[] };

function checkTemplate(t: TemplateParts, ctx: z.RefinementCtx, types: Pick<FieldTypeRegistry, 'of'>): void {
  const ids = new Map<string, number>();
  t.fields.forEach((f, i) => {
    if (ids.has(f.id)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'id'], message: `duplicate field id "${f.id}" (also fields[${ids.get(f.id)}])` });
    ids.set(f.id, i);
  });

  const groupIds = new Set<string>();
  t.groups.forEach((g, i) => {
    if (groupIds.has(g.id)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'id'], message: `duplicate group id "${g.id}"` });
    groupIds.add(g.id);
  });
  t.fields.forEach((f, i) => {
    if (f.group !== undefined && !groupIds.has(f.group)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'group'], message: `no entry of "groups" has id "${f.group}"` });
  });
  // A condition must test an answer this form itself asks, so the form works alone as well as in a bundle, and
  // name values that answer can take: a misspelt option would silently never (or always) hold.
  const answerFields = new Map(t.fields.flatMap((f) => {
    const s = parseSource(f.source, f.id);
    return s.kind === 'answer' ? [[s.key, f] as const] : [];
  }));
  const optionsOf = (f: AnyField | undefined) => (f as { options?: { value: string }[] } | undefined)?.options?.map((o) => o.value);
  const checkWhen = (when: AnswerWhen, path: (string | number)[]) => {
    if ('of' in when) {
      // An age of one answered date on another: both must be date fields of this form (a typo would never hold).
      for (const slot of ['of', 'on'] as const) {
        if (t.fields.find((f) => f.id === when[slot])?.type !== 'date') ctx.addIssue({ code: 'custom', path: [...path, slot], message: `"${slot}" names "${when[slot]}", which is not a date field of this form` });
      }
      return;
    }
    if ('computed' in when) return;
    const f = answerFields.get(whenKey(when));
    if (!f) return ctx.addIssue({ code: 'custom', path, message: `"when" uses answer "${whenKey(when)}", which no field of this form asks` });
    const unknown = valuesNoOptionHas(when, optionsOf(f));
    if (unknown.length > 0) ctx.addIssue({ code: 'custom', path, message: `"when" names ${unknown.join(', ')}, which no option of "${f.id}" has` });
  };
  t.groups.forEach((g, i) => {
    const after = g.optional?.after;
    if (after !== undefined && !t.groups.some((o) => o.id === after && o.optional)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'optional', 'after'], message: `"after" names "${after}", which is not an optional group of this form` });
    if (g.when) checkWhen(g.when, ['groups', i, 'when']);
  });
  t.fields.forEach((f, i) => {
    if (f.when) checkWhen(f.when, ['fields', i, 'when']);
    if (f.sourceIf) {
      checkWhen(f.sourceIf.when, ['fields', i, 'sourceIf', 'when']);
      // The question of "source" is asked only while the condition fails: that needs its exact opposite, and one slot.
      if (!negated(f.sourceIf.when)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'sourceIf', 'when'], message: '"sourceIf" takes an "equals" or "notEquals" condition on an answer' });
      if (f.when) ctx.addIssue({ code: 'custom', path: ['fields', i, 'sourceIf'], message: 'a field has either "when" or "sourceIf", not both' });
      const other = parseSource(f.sourceIf.source, f.id);
      if (other.kind === 'answer') ctx.addIssue({ code: 'custom', path: ['fields', i, 'sourceIf', 'source'], message: '"sourceIf" names where an answer comes from instead of asking (card, visit, value…), not another answer' });
      if (other.kind === 'card' && other.item === 'myNumber') ctx.addIssue({ code: 'custom', path: ['fields', i, 'sourceIf', 'source'], message: 'the My Number is bound only by "source"' });
    }
    const via = (f as { relationshipVia?: string }).relationshipVia;
    if (via !== undefined) {
      const own = f.source === undefined ? undefined : parseSource(f.source, f.id);
      if (own?.kind !== 'person' || own.item !== 'relationship') ctx.addIssue({ code: 'custom', path: ['fields', i, 'relationshipVia'], message: '"relationshipVia" goes with a person\'s relationship source ("person:member[0].relationship")' });
      const asked = t.fields.some((o) => o.source !== undefined && (() => { const s = parseSource(o.source, o.id); return s.kind === 'answer' && s.key === via; })());
      if (!asked) ctx.addIssue({ code: 'custom', path: ['fields', i, 'relationshipVia'], message: `"relationshipVia" names "${via}", which no field of this form asks` });
    }
    const options = (f as { options?: { kiosk?: false; when?: AnswerWhen }[] }).options;
    options?.forEach((o, j) => o.when && checkWhen(o.when, ['fields', i, 'options', j, 'when']));
    if (options && options.every((o) => o.kiosk === false)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'options'], message: 'every option has "kiosk": false, so the kiosk could offer none' });
  });

  const [pageW, pageH] = pageSizeMm(t.paper);
  const { cells, problems } = placeGridCells(t.layout);
  for (const p of problems) ctx.addIssue({ code: 'custom', path: ['layout', p.item, 'rows', p.row], message: p.problem });
  const cellIds = new Map<string, number>();
  for (const c of cells) {
    if (!c.cell.id) continue;
    if (cellIds.has(c.cell.id)) ctx.addIssue({ code: 'custom', path: ['layout'], message: `duplicate grid cell id "${c.cell.id}"` });
    cellIds.set(c.cell.id, c.page);
  }
  const checkAt = (at: At, page: number, path: (string | number)[]) => {
    if (typeof at === 'string') {
      const cellPage = cellIds.get(at);
      if (cellPage === undefined) ctx.addIssue({ code: 'custom', path, message: `no layout grid cell has id "${at}"` });
      else if (cellPage !== page) ctx.addIssue({ code: 'custom', path, message: `cell "${at}" is on page ${cellPage}, the field on page ${page}` });
      return;
    }
    if (!insidePage(at, pageW, pageH)) ctx.addIssue({ code: 'custom', path, message: `[${at.join(', ')}] leaves the ${pageW}×${pageH} mm page` });
  };

  t.layout.forEach((item, i) => {
    if (item.page > t.paper.pages) ctx.addIssue({ code: 'custom', path: ['layout', i, 'page'], message: `page ${item.page}, but the paper has ${t.paper.pages}` });
    if (item.kind === 'box' || item.kind === 'label') checkAt(item.at, item.page, ['layout', i, 'at']);
    if (item.kind === 'grid') {
      const h = item.rows.reduce((s, r) => s + r.h, 0);
      if (!insidePage([item.at[0], item.at[1], item.w, h], pageW, pageH)) ctx.addIssue({ code: 'custom', path: ['layout', i], message: `the grid (${item.w}×${h} mm at ${item.at.join(', ')}) leaves the ${pageW}×${pageH} mm page` });
    }
  });

  t.fields.forEach((f, i) => {
    const path = ['fields', i];
    if (f.page > t.paper.pages) ctx.addIssue({ code: 'custom', path: [...path, 'page'], message: `page ${f.page}, but the paper has ${t.paper.pages}` });
    const source = parseSource(f.source, f.id);
    if (source.kind === 'card' && source.item === 'myNumber' && !t.myNumberUse) {
      ctx.addIssue({ code: 'custom', path: [...path, 'source'], message: 'card.myNumber is allowed only on a 番号利用事務 form ("myNumberUse": true)' });
    }
    if (source.kind === 'card' && source.item === 'myNumber' && f.type !== 'digits' && f.type !== 'text') {
      ctx.addIssue({ code: 'custom', path: [...path, 'type'], message: 'the My Number goes in a digits (or text) field' });
    }
    if (source.kind === 'staff' && source.item === 'idDocument') {
      const options = (f as { options?: { value: string }[] }).options;
      const unknown = options?.filter((o) => !(staffIdDocuments as readonly string[]).includes(o.value)).map((o) => o.value);
      if (!options) ctx.addIssue({ code: 'custom', path: [...path, 'type'], message: 'staff.idDocument goes in a choice or circle field, one option per document' });
      else if (unknown && unknown.length > 0) ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: `staff.idDocument options must be among ${staffIdDocuments.join(', ')}; not ${unknown.join(', ')}` });
    }
    for (const [at, atPath] of types.of(f.type).places(f as never)) checkAt(at, f.page, [...path, ...atPath]);
  });

  t.fee?.perCopies?.forEach((id, i) => {
    const f = t.fields.find((x) => x.id === id);
    if (!f) ctx.addIssue({ code: 'custom', path: ['fee', 'perCopies', i], message: `no field has id "${id}"` });
    else if (f.type !== 'number') ctx.addIssue({ code: 'custom', path: ['fee', 'perCopies', i], message: `"${id}" is a ${f.type} field; copies are counted in number fields` });
  });

  t.rules.forEach((r, i) => {
    const refs = r.kind === 'requiredIf' ? [r.field, r.when.field] : r.kind === 'dateOrder' ? [r.earlier, r.later] : r.fields;
    for (const ref of refs) if (!ids.has(ref)) ctx.addIssue({ code: 'custom', path: ['rules', i], message: `no field has id "${ref}"` });
    if (r.kind === 'requiredIf') {
      const unknown = valuesNoOptionHas(r.when, optionsOf(t.fields.find((f) => f.id === r.when.field)));
      if (unknown.length > 0) ctx.addIssue({ code: 'custom', path: ['rules', i, 'when'], message: `"when" names ${unknown.join(', ')}, which no option of "${r.when.field}" has` });
    }
  });
}

/** A form template: metadata, what to draw, and where each value goes. */
export const Template = templateSchema(fieldTypes);
export type Template = z.infer<typeof Template>;
export type TemplateInput = z.input<typeof Template>;

function insidePage([x, y, w, h]: RectMm, pageW: number, pageH: number): boolean {
  return x + w <= pageW + 0.01 && y + h <= pageH + 0.01;
}

/** Every place a field draws, with its path inside the field (for error messages). */
export function fieldPlaces(f: Field): [At, (string | number)[]][] {
  return fieldTypes.of(f.type).places(f as never);
}

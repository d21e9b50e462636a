import { z } from 'zod';
import { AnswerWhen, whenKey } from './condition';
import { ID_PATTERN } from './ids';
import { fieldTypeOf } from '../field-types';
import { LocalizedText } from './localized';
import type { QuestionGroup } from './question-group';
import { parseSource } from './source';
import { TemplateId, type Field, type Template } from './template';

/** A life event (転入, 出生, 介護, 被災): the forms it needs, filled in one visit, each shared question asked once. */
export const Bundle = z.strictObject({
  $schema: z.string().optional(),
  id: TemplateId.meta({ description: 'Also the file name: templates/bundles/<id>.json.' }),
  event: z.enum(['moving-in', 'birth', 'care-needed', 'disaster', 'other']),
  title: LocalizedText,
  description: LocalizedText.optional(),
  ask: z
    .array(
      z.strictObject({
        key: z.string().regex(ID_PATTERN),
        label: LocalizedText,
        when: AnswerWhen.optional().meta({ description: 'Ask it only while this holds, e.g. {"computed": "age", "between": [40, 150]}; unasked, it chooses no form.' }),
      }),
    )
    .default([])
    .meta({ description: 'Yes/no questions asked first, to choose the forms ("when"); e.g. hasChildren.' }),
  answers: z
    .record(z.string().regex(ID_PATTERN), z.union([z.string(), z.boolean()]))
    .optional()
    .meta({ description: 'Answers the life event already gives (moving-in: {"move.kind": "in"}): never asked, printed as given.' }),
  templates: z
    .array(
      z.strictObject({
        id: TemplateId,
        when: AnswerWhen.optional().meta({ description: 'Include this form only while this holds.' }),
      }),
    )
    .min(1),
});
export type Bundle = z.infer<typeof Bundle>;

/** A question the resident answers once for the whole bundle, and the fields that use the answer. */
export type BundleQuestion = {
  key: string;
  label: Field['label'];
  type: Field['type'];
  /** The group of the first field (in bundle order) that puts this answer in one. */
  group?: string;
  usedBy: { templateId: string; fieldId: string }[];
};

export type BundleProblem = { templateId?: string; fieldId?: string; problem: string };

/** The questions of a bundle: answer keys shared across its templates become one question. */
export function bundleQuestions(bundle: Bundle, templates: ReadonlyMap<string, Template>): { questions: BundleQuestion[]; problems: BundleProblem[] } {
  const questions = new Map<string, BundleQuestion>();
  const problems: BundleProblem[] = [];
  const seen = new Set<string>();
  for (const ref of bundle.templates) {
    if (seen.has(ref.id)) problems.push({ templateId: ref.id, problem: 'listed twice' });
    seen.add(ref.id);
    const t = templates.get(ref.id);
    if (!t) {
      problems.push({ templateId: ref.id, problem: 'no template with this id' });
      continue;
    }
    for (const f of t.fields) {
      const source = parseSource(f.source, f.id);
      if (source.kind !== 'answer' || bundle.answers?.[source.key] !== undefined) continue;
      const q = questions.get(source.key);
      if (!q) {
        questions.set(source.key, { key: source.key, label: f.label, type: f.type, ...(f.group ? { group: f.group } : {}), usedBy: [{ templateId: t.id, fieldId: f.id }] });
        continue;
      }
      if (q.group === undefined && f.group !== undefined) q.group = f.group;
      if (!compatible(q.type, f.type)) {
        problems.push({ templateId: t.id, fieldId: f.id, problem: `answer "${source.key}" is a ${f.type} here but a ${q.type} in ${q.usedBy[0]!.templateId}` });
      }
      q.usedBy.push({ templateId: t.id, fieldId: f.id });
    }
  }
  for (const ref of bundle.templates) {
    if (ref.when && 'of' in ref.when) problems.push({ templateId: ref.id, problem: '"when" with "of" tests dates of one form; a bundle\'s form is chosen by an answer or the card holder\'s age' });
    if (!ref.when || 'computed' in ref.when) continue;
    const key = whenKey(ref.when);
    const asked = questions.has(key) || bundle.ask.some((q) => q.key === key) || bundle.answers?.[key] !== undefined;
    if (!asked) problems.push({ templateId: ref.id, problem: `"when" uses answer "${key}", which neither "ask" nor any form asks` });
  }
  for (const key of Object.keys(bundle.answers ?? {})) {
    const used = bundle.templates.some((r) => templates.get(r.id)?.fields.some((f) => {
      const s = parseSource(f.source, f.id);
      return s.kind === 'answer' && s.key === key;
    }));
    if (!used) problems.push({ problem: `"answers" gives "${key}", which no form of this bundle uses` });
  }
  return { questions: [...questions.values()], problems };
}

// The same answer may be printed as text on one form and as 1-per-box digits on another.
function compatible(a: Field['type'], b: Field['type']): boolean {
  return a === b || (fieldTypeOf(a).textLike && fieldTypeOf(b).textLike);
}

/** The question groups of a bundle's forms: the same id in two forms is one screen, declared by the first form. */
export function bundleGroups(bundle: Bundle, templates: ReadonlyMap<string, Template>): { templateId: string; group: QuestionGroup }[] {
  const groups = new Map<string, { templateId: string; group: QuestionGroup }>();
  for (const ref of bundle.templates) {
    for (const g of templates.get(ref.id)?.groups ?? []) if (!groups.has(g.id)) groups.set(g.id, { templateId: ref.id, group: g });
  }
  return [...groups.values()];
}

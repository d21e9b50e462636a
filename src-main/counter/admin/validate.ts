// A document as `kakanai templates check` judges it: the zod model (forms/model), then what the check adds — texts
// no configured font can draw, a background that is not there, a bundle's forms and shared questions. Each issue
// keeps its path inside the document and, inside a field, that field's id, so the designer can point at it.
import type { z } from 'zod';
import type { DocumentIssue, DocumentKind } from '../../contract/admin';
import { layoutTexts } from '../../forms/engine/draw-layout';
import type { FontSet } from '../../forms/engine/fonts';
import { codePointLabel } from '../../forms/engine/fonts';
import { fieldTypeOf } from '../../forms/field-types';
import { Bundle, bundleQuestions } from '../../forms/model/bundle';
import { formatIssues } from '../../forms/model/issues';
import { Template } from '../../forms/model/template';

/** A template carries its version in its JSON (the designer's or the hall's number); a bundle has none (its versions
 *  are the store's rows). */
export function withVersion(kind: DocumentKind, document: unknown, version: number): unknown {
  if (kind !== 'template' || !document || typeof document !== 'object' || Array.isArray(document)) return document;
  return { ...(document as Record<string, unknown>), version };
}

export interface ValidationContext {
  fonts: FontSet;
  /** Whether a background path resolves (templates/ file or designer/<hash>.pdf in the store). */
  hasBackground(path: string): boolean;
  /** The templates a bundle may name: the live ones and the designer's newest. */
  templates: ReadonlyMap<string, Template>;
  /** Ids used by documents of the other kind: a form and a bundle may not share one. */
  otherKindIds: ReadonlySet<string>;
}

export type Validated = { ok: true; template: Template } | { ok: true; bundle: Bundle } | { ok: false; issues: DocumentIssue[] };

/** The zod model only: the document parsed, or its issues with paths and field ids. */
export function parseDocument(kind: DocumentKind, document: unknown): Validated {
  if (kind === 'template') {
    const r = Template.safeParse(document);
    return r.success ? { ok: true, template: r.data } : { ok: false, issues: zodIssues(r.error, document) };
  }
  const r = Bundle.safeParse(document);
  return r.success ? { ok: true, bundle: r.data } : { ok: false, issues: zodIssues(r.error, document) };
}

/** Every issue of the document; empty when it may be saved. */
export function validateDocument(kind: DocumentKind, document: unknown, ctx: ValidationContext): DocumentIssue[] {
  const parsed = parseDocument(kind, document);
  if (!parsed.ok) return parsed.issues;
  const issues: DocumentIssue[] = [];
  const id = 'template' in parsed ? parsed.template.id : parsed.bundle.id;
  if (ctx.otherKindIds.has(id)) issues.push({ path: ['id'], message: `id: "${id}" is already the id of a ${kind === 'template' ? 'bundle' : 'form template'}` });
  if ('template' in parsed) {
    const t = parsed.template;
    issues.push(...staticGlyphIssues(t, ctx.fonts));
    if (t.background && !ctx.hasBackground(t.background.pdf)) issues.push({ path: ['background', 'pdf'], message: `background.pdf: ${t.background.pdf} is neither under templates/ nor a stored background` });
  } else {
    const b = parsed.bundle;
    for (const p of bundleQuestions(b, ctx.templates).problems) {
      const index = b.templates.findIndex((r) => r.id === p.templateId);
      issues.push({ path: index >= 0 ? ['templates', index] : ['templates'], message: `templates${index >= 0 ? `[${index}]` : ''}: ${[p.templateId, p.fieldId].filter(Boolean).join(' ')}: ${p.problem}` });
    }
  }
  return issues;
}

/** zod issues with the path, the id of the field they are in, and the line `templates check` prints. */
export function zodIssues(error: z.ZodError, data: unknown, prefix: (string | number)[] = []): DocumentIssue[] {
  const lines = formatIssues(error, data);
  return error.issues.map((issue, i) => {
    const path = issue.path.map((k) => (typeof k === 'number' ? k : String(k)));
    const fieldId = fieldIdAt(data, path);
    const prefixText = prefix.length ? `${prefix.join('.')}.` : '';
    return { path: [...prefix, ...path], ...(fieldId ? { fieldId } : {}), message: `${prefixText}${lines[i]}` };
  });
}

function fieldIdAt(data: unknown, path: (string | number)[]): string | undefined {
  if (path[0] !== 'fields' || typeof path[1] !== 'number') return undefined;
  const fields = (data as { fields?: unknown } | null)?.fields;
  const id = Array.isArray(fields) ? (fields[path[1]] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** Printed texts of the template itself (labels, captions) that no configured font can draw. */
function staticGlyphIssues(t: Template, fonts: FontSet): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  for (const { where, text } of layoutTexts(t.layout)) {
    const index = Number(/^layout\[(\d+)\]/.exec(where)?.[1] ?? NaN);
    for (const cp of fonts.missing(text)) issues.push({ path: Number.isNaN(index) ? ['layout'] : ['layout', index], message: `${where}: ${codePointLabel(cp)} is in no configured font` });
  }
  t.fields.forEach((f, i) => {
    for (const text of fieldTypeOf(f.type).printedTexts(f as never, undefined)) {
      for (const cp of fonts.missing(text)) issues.push({ path: ['fields', i], fieldId: f.id, message: `fields[${i}] (id "${f.id}"): ${codePointLabel(cp)} is in no configured font` });
    }
  });
  return issues;
}

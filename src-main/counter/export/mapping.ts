// How one template's values become a record of a core (基幹) system: an ordered list of field id → column name.
// The template model has no export section, so the mapping lives beside the templates: templates/exports/<id>.json.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { fieldTypeOf } from '../../forms/field-types';
import { templatesDir } from '../../forms/load';
import type { Template } from '../../forms/model/template';

export const ExportMapping = z
  .strictObject({
    $schema: z.string().optional(),
    templateId: z.string().regex(/^[a-z][a-z0-9-]*$/),
    templateVersion: z.int().min(1).meta({ description: 'The template version the columns were checked against.' }),
    system: z.string().min(1).optional().meta({ description: 'The receiving core system, for the people who read this file.' }),
    columns: z
      .array(z.strictObject({ field: z.string().min(1), column: z.string().min(1) }))
      .min(1)
      .meta({ description: 'In CSV column order. `field` is a field id of the template; `column` the name the core system expects.' }),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.columns.forEach((c, i) => {
      if (seen.has(c.column)) ctx.addIssue({ code: 'custom', path: ['columns', i, 'column'], message: `column "${c.column}" appears twice` });
      seen.add(c.column);
    });
  });
export type ExportMapping = z.infer<typeof ExportMapping>;

export const exportsDir = join(templatesDir, 'exports');

/** The mapping of a template, or undefined when the city defined none (the form is then not exported). */
export function loadExportMapping(templateId: string, dir = exportsDir): ExportMapping | undefined {
  if (!/^[a-z][a-z0-9-]*$/.test(templateId)) return undefined;
  const file = join(dir, `${templateId}.json`);
  if (!existsSync(file)) return undefined;
  const mapping = ExportMapping.parse(JSON.parse(readFileSync(file, 'utf8')));
  if (mapping.templateId !== templateId) throw new Error(`${file}: templateId is "${mapping.templateId}"`);
  return mapping;
}

/**
 * Problems of a mapping against its template: fields that do not exist, an image field (a signature is in the PDF;
 * the queue keeps no image for the export), or a template that moved on.
 */
export function mappingProblems(mapping: ExportMapping, template: Template): string[] {
  const fields = new Map(template.fields.map((f) => [f.id, f]));
  const problems = mapping.columns.flatMap((c) => {
    const field = fields.get(c.field);
    if (!field) return [`no field "${c.field}" in ${template.id}`];
    return fieldTypeOf(field.type).valueKind === 'image' ? [`field "${c.field}" is a ${field.type}: an image has no column`] : [];
  });
  if (mapping.templateVersion !== template.version) problems.push(`mapping is for version ${mapping.templateVersion}, the template is version ${template.version}`);
  return problems;
}

import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldTypeOf } from '../../forms/field-types';
import { loadLibrary } from '../../forms/load';
import type { Template } from '../../forms/model/template';
import type { SubmissionSummary } from '../queue';
import { exportCsv, exportRecord } from './export';
import { loadExportMapping, mappingProblems } from './mapping';

const library = loadLibrary();
/** The forms the city ships: templates/*.json (templates/examples/ only shows authors the format). */
const shipped = [...library.templates.values()].filter((t) => dirname(library.files.get(t.id)!) === 'templates');

/** The export's own CSV header for a mapping (受付番号 and 受付日 lead it), read from what exportCsv writes. */
function csvHeader(template: Template): string[] {
  const mapping = loadExportMapping(template.id)!;
  const summary: SubmissionSummary = { id: 1, ticketNumber: 'A-001', day: '2026-12-05', procedureId: template.id, status: 'submitted', returnReason: null, createdAt: 0, updatedAt: 0, expiresAt: 0, forms: [] };
  const csv = exportCsv(exportRecord(summary, { templateId: template.id, templateVersion: template.version, values: {} }, mapping), mapping);
  return csv.slice(1).split('\r\n')[0]!.split(',');
}

describe('the export mappings of the shipped forms', () => {
  it('are checked for every form in templates/ and not for the examples', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(10);
    expect(shipped.map((t) => t.id)).not.toContain('example-request');
  });

  it.each(shipped.map((t) => [t.id, t] as const))('%s has a mapping for its current version that names only its own text and checkbox fields', (id, template) => {
    const mapping = loadExportMapping(id);
    expect(mapping, `templates/exports/${id}.json`).toBeDefined();
    expect(mappingProblems(mapping!, template)).toEqual([]);
  });

  it.each(shipped.map((t) => [t.id, t] as const))('%s gives every value a column, except the ticket the record carries anyway, the desk\'s own 職員記入欄 and images', (id, template) => {
    const mapped = new Set(loadExportMapping(id)?.columns.map((c) => c.field));
    const carried = template.fields.filter((f) => f.source !== 'session.ticketNumber' && !f.source?.startsWith('staff.') && fieldTypeOf(f.type).valueKind !== 'image');
    expect(carried.map((f) => f.id).filter((f) => !mapped.has(f))).toEqual([]);
  });

  it.each(shipped.map((t) => [t.id, t] as const))('%s names no CSV column twice, 受付番号 and 受付日 included', (id, template) => {
    expect(loadExportMapping(id), id).toBeDefined();
    const header = csvHeader(template);
    expect(header.filter((name, i) => header.indexOf(name) !== i)).toEqual([]);
  });
});

describe('a mapping problem', () => {
  it('is a signature field: its image is in the PDF and never reaches the export', () => {
    const move = library.templates.get('resident-move')!;
    const mapping = { templateId: move.id, templateVersion: move.version, columns: [{ field: 'signature', column: '署名' }] };
    expect(mappingProblems(mapping, move)).toEqual(['field "signature" is a signature: an image has no column']);
  });
});

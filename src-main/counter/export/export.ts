// One submission → per mapped form a JSON document and a CSV file for the core systems, for the clerk to download
// and, if the config names an export folder, written there. File names carry day, ticket and template id only.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor, ClerkQueue, FieldValues, SubmissionSummary } from '../queue';
import { csvDocument } from './csv';
import { loadExportMapping, type ExportMapping } from './mapping';

export interface ExportedForm {
  templateId: string;
  /** `<day>_<ticket>_<template id>`: the base name of both files. */
  baseName: string;
  json: string;
  csv: string;
  /** The files written, when an export folder was given. */
  files?: { json: string; csv: string };
}

export interface ExportRecord {
  format: 'kakanai-export/1';
  templateId: string;
  templateVersion: number | null;
  ticketNumber: string;
  day: string;
  procedureId: string | null;
  submittedAt: string;
  /** Column name → value; a field the resident left empty is null. */
  record: Record<string, string | null>;
}

/** A checkbox is "1"/"0" (what the core systems' import formats take); text goes as it was bound. */
function cell(value: string | boolean | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? '1' : '0';
  return value;
}

export function exportRecord(summary: SubmissionSummary, form: { templateId: string; templateVersion: number | null; values: FieldValues }, mapping: ExportMapping): ExportRecord {
  return {
    format: 'kakanai-export/1',
    templateId: form.templateId,
    templateVersion: form.templateVersion,
    ticketNumber: summary.ticketNumber,
    day: summary.day,
    procedureId: summary.procedureId,
    submittedAt: new Date(summary.createdAt).toISOString(),
    record: Object.fromEntries(mapping.columns.map((c) => [c.column, cell(form.values[c.field])])),
  };
}

export function exportCsv(record: ExportRecord, mapping: ExportMapping): string {
  return csvDocument(
    ['受付番号', '受付日', ...mapping.columns.map((c) => c.column)],
    [[record.ticketNumber, record.day, ...mapping.columns.map((c) => record.record[c.column] ?? '')]],
  );
}

/**
 * Exports every form of a submission that has a mapping; the export is audited per form (no values in the log).
 * `exportDir`: the config's export folder (created 0700; files 0600, written to a temp name and renamed).
 */
export function exportSubmission(queue: ClerkQueue, id: number, actor: Actor, options: { exportDir?: string; mappingsDir?: string } = {}): ExportedForm[] {
  const opened = queue.open(id, actor);
  const out: ExportedForm[] = [];
  for (const form of opened.reveal()) {
    const mapping = loadExportMapping(form.templateId, options.mappingsDir);
    if (!mapping) continue;
    const record = exportRecord(opened.summary, form, mapping);
    const exported: ExportedForm = {
      templateId: form.templateId,
      baseName: `${opened.summary.day}_${opened.summary.ticketNumber}_${form.templateId}`,
      json: JSON.stringify(record, null, 2) + '\n',
      csv: exportCsv(record, mapping),
    };
    if (options.exportDir) {
      mkdirSync(options.exportDir, { recursive: true, mode: 0o700 });
      const files = { json: join(options.exportDir, `${exported.baseName}.json`), csv: join(options.exportDir, `${exported.baseName}.csv`) };
      // A core system polling the folder must never pick up half a file.
      for (const [file, text] of [[files.json, exported.json], [files.csv, exported.csv]] as const) {
        writeFileSync(`${file}.part`, text, { mode: 0o600 });
        renameSync(`${file}.part`, file);
      }
      exported.files = files;
    }
    queue.audit(actor, 'export', { submissionId: id, templateId: form.templateId, detail: options.exportDir ? 'folder' : 'download' });
    out.push(exported);
  }
  return out;
}

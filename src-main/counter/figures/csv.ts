// The figures as a spreadsheet file, written by the export's CSV writer: UTF-8 with a BOM, RFC 4180 quoting, CRLF
// lines, and every data cell formula-safe (a leading apostrophe before = + - @ …).
import { FIGURE_STEPS, type FigureRow } from '../../contract/admin';
import { csvDocument } from '../export/csv';

export const FIGURES_CSV_HEADER: readonly string[] = [
  'day',
  'procedure',
  'kind',
  'sessions',
  'submitted',
  'cancelled',
  'timed_out',
  ...FIGURE_STEPS.flatMap((step) => {
    const name = step.replace(/-/g, '_');
    return [`${name}_count`, `${name}_total_ms`, `${name}_median_ms`];
  }),
];

export function figuresCsv(rows: readonly FigureRow[]): string {
  return csvDocument(
    FIGURES_CSV_HEADER,
    rows.map((r) => [
      r.day,
      r.procedureId,
      r.procedureKind,
      String(r.sessions),
      String(r.submitted),
      String(r.cancelled),
      String(r.timedOut),
      ...FIGURE_STEPS.flatMap((step) => {
        const s = r.steps[step];
        return [String(s.count), String(s.totalMs), s.medianMs === null ? '' : String(s.medianMs)];
      }),
    ]),
  );
}

// The figures as a spreadsheet file: UTF-8 with a BOM (Excel in Japan reads it as UTF-8 then), RFC 4180 quoting and
// CRLF lines, and no cell a spreadsheet would run as a formula.
import { FIGURE_STEPS, type FigureRow } from '../../contract/admin';

const BOM = '\uFEFF';

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
  const lines = [FIGURES_CSV_HEADER];
  for (const r of rows) {
    lines.push([
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
    ]);
  }
  return BOM + lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A text a spreadsheet would read as a formula (= + - @, or a leading tab / CR) gets a leading apostrophe. */
export function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

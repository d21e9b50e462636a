import { describe, expect, it } from 'vitest';
import { FIGURE_STEPS, type FigureRow } from '../../contract/admin';
import { figuresCsv, FIGURES_CSV_HEADER } from './csv';

function row(overrides: Partial<FigureRow> = {}): FigureRow {
  const steps = Object.fromEntries(FIGURE_STEPS.map((s) => [s, { count: 0, totalMs: 0, medianMs: null }])) as unknown as FigureRow['steps'];
  steps.card = { count: 2, totalMs: 9_000, medianMs: 4_500 };
  return { day: '2025-04-01', procedureId: 'juminhyo-request', procedureKind: 'form', sessions: 3, submitted: 2, cancelled: 1, timedOut: 0, steps, ...overrides };
}

describe('figures CSV', () => {
  it('starts with a UTF-8 BOM and a header naming count, total and median per step, with CRLF lines', () => {
    const text = figuresCsv([row()]);
    expect(text.startsWith('\uFEFFday,procedure,kind,sessions,submitted,cancelled,timed_out,card_count,card_total_ms,card_median_ms,pin_count')).toBe(true);
    expect(FIGURES_CSV_HEADER).toHaveLength(7 + 3 * 6);
    expect(FIGURES_CSV_HEADER).toContain('clerk_wait_median_ms');
    expect(FIGURES_CSV_HEADER.at(-1)).toBe('clerk_confirm_median_ms');
    const lines = text.slice(1).split('\r\n');
    expect(lines).toHaveLength(3); // header, one row, the empty string after the last CRLF
    expect(lines[2]).toBe('');
    expect(lines[1]).toBe('2025-04-01,juminhyo-request,form,3,2,1,0,2,9000,4500,0,0,,0,0,,0,0,,0,0,,0,0,');
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    const lines = figuresCsv([row({ procedureId: 'odd,"id"' }), row({ procedureId: 'two\nlines' }), row({ procedureId: 'plain-id' })]).split('\r\n');
    expect(lines[1]!.startsWith('2025-04-01,"odd,""id""",form,')).toBe(true);
    expect(lines[2]!.startsWith('2025-04-01,"two\nlines",form,')).toBe(true);
    expect(lines[3]!.startsWith('2025-04-01,plain-id,form,')).toBe(true);
  });

  it('puts an apostrophe before a cell a spreadsheet would run as a formula', () => {
    const cells = ['=HYPERLINK("x")', '+1', '-1+2', '@SUM(A1)', '\tx', '＝1'];
    const lines = figuresCsv(cells.map((procedureId) => row({ procedureId }))).split('\r\n').slice(1, -1);
    expect(lines.map((l) => l.split(',')[1])).toEqual([`"'=HYPERLINK(""x"")"`, "'+1", "'-1+2", "'@SUM(A1)", "'\tx", "'＝1"]);
    expect(figuresCsv([row({ procedureId: '=cmd|calc' })]).split('\r\n')[1]).toContain(",'=cmd|calc,");
  });

  it('is the header alone for no rows', () => {
    expect(figuresCsv([])).toBe(`\uFEFF${FIGURES_CSV_HEADER.join(',')}\r\n`);
  });
});

import { describe, expect, it } from 'vitest';
import { FIGURE_STEPS, type FigureRow } from '../../contract/admin';
import { csvCell, figuresCsv, FIGURES_CSV_HEADER } from './csv';

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
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain-id')).toBe('plain-id');
    const line = figuresCsv([row({ procedureId: 'odd,"id"' })]).split('\r\n')[1]!;
    expect(line.startsWith('2025-04-01,"odd,""id""",form,')).toBe(true);
  });

  it('puts an apostrophe before a cell a spreadsheet would run as a formula', () => {
    for (const formula of ['=HYPERLINK("x")', '+1', '-1+2', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(formula).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
    const line = figuresCsv([row({ procedureId: '=cmd|calc' })]).split('\r\n')[1]!;
    expect(line).toContain(",'=cmd|calc,");
  });

  it('is the header alone for no rows', () => {
    expect(figuresCsv([])).toBe(`\uFEFF${FIGURES_CSV_HEADER.join(',')}\r\n`);
  });
});

// kakanai figures --since YYYY-MM-DD [--until YYYY-MM-DD] [--out DIR] [--csv]
// The counter's BPR figures from <out>/figures.db, opened read-only (the service may be running): one line per day
// and procedure with the sessions, the submissions and the median seconds of each step, as on the admin page.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FIGURE_STEPS, type FigureRow, type FigureStep } from '../contract/admin';
import { figuresCsv, FiguresError, FiguresReader, isDay } from '../counter/figures';
import { repoRoot } from '../forms/load';

const USAGE = '使い方 / usage: kakanai figures --since YYYY-MM-DD [--until YYYY-MM-DD] [--out DIR] [--csv]';

const STEP_LABELS: Record<FigureStep, { ja: string; en: string }> = {
  card: { ja: 'カード', en: 'card' },
  pin: { ja: '暗証番号', en: 'PIN' },
  questions: { ja: '質問', en: 'questions' },
  review: { ja: '確認', en: 'review' },
  'clerk-wait': { ja: '窓口待ち', en: 'clerk wait' },
  'clerk-confirm': { ja: '職員確認', en: 'clerk check' },
};

export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { since: { type: 'string' }, until: { type: 'string' }, out: { type: 'string' }, csv: { type: 'boolean' } } }));
  } catch {
    console.error(USAGE);
    return 2;
  }
  const { since, until } = values;
  if (since === undefined) {
    console.error(USAGE);
    return 2;
  }
  for (const day of [since, until]) {
    if (day !== undefined && !isDay(day)) {
      console.error(`日付は YYYY-MM-DD の形で指定してください: ${day} / a date must be a real YYYY-MM-DD day: ${day}`);
      return 2;
    }
  }
  if (until !== undefined && until < since) {
    console.error(`--until は --since 以降の日付にしてください / --until (${until}) is before --since (${since})`);
    return 2;
  }
  const file = join(values.out ?? join(repoRoot, 'out', 'kiosk'), 'figures.db');

  let rows: FigureRow[];
  try {
    const reader = new FiguresReader(file);
    try {
      rows = reader.rows(since, until);
    } finally {
      reader.close();
    }
  } catch (e) {
    console.error(failureSentence(e, file));
    return 1;
  }

  const period = { ja: until === undefined ? `${since} 〜` : `${since} 〜 ${until}`, en: until === undefined ? `from ${since}` : `${since} to ${until}` };
  if (values.csv) {
    process.stdout.write(figuresCsv(rows));
    if (rows.length === 0) console.error(noVisits(period));
    return 0;
  }
  if (rows.length === 0) {
    console.log(noVisits(period));
    return 0;
  }
  console.log(`窓口の数字 ${period.ja}（各段階の中央値・秒） / counter figures ${period.en} (median seconds per step)`);
  for (const line of table(rows)) console.log(line);
  return 0;
}

/** Aligned columns under a Japanese and an English header line; text left, numbers right. */
export function table(rows: readonly FigureRow[]): string[] {
  const columns: { ja: string; en: string; right: boolean; cell: (r: FigureRow) => string }[] = [
    { ja: '日付', en: 'day', right: false, cell: (r) => r.day },
    { ja: '手続き', en: 'procedure', right: false, cell: (r) => r.procedureId },
    { ja: '件数', en: 'sessions', right: true, cell: (r) => String(r.sessions) },
    { ja: '提出', en: 'submitted', right: true, cell: (r) => String(r.submitted) },
    ...FIGURE_STEPS.map((step) => ({ ...STEP_LABELS[step], right: true, cell: (r: FigureRow) => seconds(r.steps[step].medianMs) })),
  ];
  const cells = rows.map((r) => columns.map((c) => c.cell(r)));
  const widths = columns.map((c, i) => Math.max(displayWidth(c.ja), displayWidth(c.en), ...cells.map((line) => displayWidth(line[i]!))));
  const line = (texts: string[]) =>
    texts
      .map((t, i) => (columns[i]!.right ? pad(t, widths[i]!, 'start') : pad(t, widths[i]!, 'end')))
      .join('  ')
      .trimEnd();
  const total = rows.reduce((n, r) => n + r.sessions, 0);
  const submitted = rows.reduce((n, r) => n + r.submitted, 0);
  return [
    line(columns.map((c) => c.ja)),
    line(columns.map((c) => c.en)),
    ...cells.map(line),
    `合計 / total: ${total} 件 / sessions, 提出 ${submitted} / submitted`,
  ];
}

function seconds(ms: number | null): string {
  return ms === null ? '-' : (ms / 1000).toFixed(1);
}

function noVisits(period: { ja: string; en: string }): string {
  return `この期間の来庁の記録はありません（${period.ja}） / no visits recorded ${period.en}`;
}

function failureSentence(e: unknown, file: string): string {
  const code = e instanceof FiguresError ? e.code : 'cannot-read';
  if (code === 'not-found') return `数字の記録がまだありません: ${file} / no figures recorded yet at ${file}`;
  if (code === 'cannot-open') return `数字の記録を開けません: ${file} / cannot open the figures file ${file}`;
  return `数字の記録を読めません: ${file} / cannot read the figures file ${file}`;
}

/** Columns on a terminal: a CJK or full-width character takes two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number, side: 'start' | 'end'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return side === 'start' ? fill + text : text + fill;
}

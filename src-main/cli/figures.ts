// kakanai figures --since YYYY-MM-DD [--until YYYY-MM-DD] [--out DIR] [--csv]
//                 [--hall URL --credential DIR --staff NAME [--site S] [--kiosk ID] [--stdin]]
// The counter's BPR figures from <out>/figures.db, opened read-only (the service may be running): one line per day
// and procedure with the sessions, the submissions and the median seconds of each step, as on the admin page. With
// --hall: the city-wide figures (or one site's, or one kiosk's) read from the hall by IT staff signed in at a desk
// that joined it (`kakanai kiosk join --out DIR`); the passphrase is typed, or one line of stdin with --stdin.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FIGURE_STEPS, type FigureRow, type FigureStep } from '../contract/admin';
import { figuresCsv, FiguresError, FiguresReader, isDay } from '../counter/figures';
import { repoRoot } from '../forms/load';
import { HallCallError, HallClient } from '../hall/client';
import { readHallCredential } from '../hall/join';
import { readSecret } from './secret-input';

const USAGE = [
  '使い方 / usage: kakanai figures --since YYYY-MM-DD [--until YYYY-MM-DD] [--out DIR] [--csv]',
  '               kakanai figures --since YYYY-MM-DD [--until …] [--csv] --hall URL --credential DIR --staff NAME [--site S] [--kiosk ID] [--stdin]',
].join('\n');

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
    ({ values } = parseArgs({
      args,
      options: {
        since: { type: 'string' },
        until: { type: 'string' },
        out: { type: 'string' },
        csv: { type: 'boolean' },
        hall: { type: 'string' },
        credential: { type: 'string' },
        staff: { type: 'string' },
        site: { type: 'string' },
        kiosk: { type: 'string' },
        stdin: { type: 'boolean' },
      },
    }));
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
  const fromHall = values.hall !== undefined || values.credential !== undefined || values.staff !== undefined || values.site !== undefined || values.kiosk !== undefined;
  if (fromHall && (values.hall === undefined || values.credential === undefined || values.staff === undefined || values.out !== undefined)) {
    console.error(USAGE);
    return 2;
  }

  let rows: FigureRow[];
  if (fromHall) {
    const read = await readFromHall({ hall: values.hall!, credentialDir: values.credential!, staff: values.staff!, stdin: values.stdin === true }, {
      since,
      ...(until !== undefined ? { until } : {}),
      ...(values.site !== undefined ? { site: values.site } : {}),
      ...(values.kiosk !== undefined ? { kiosk: values.kiosk } : {}),
    });
    if (!read.ok) {
      console.error(read.sentence);
      return read.usage ? 2 : 1;
    }
    rows = read.rows;
  } else {
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
  }

  const scope = !fromHall ? { ja: '', en: '' } : values.kiosk ? { ja: `端末 ${values.kiosk} `, en: `kiosk ${values.kiosk}, ` } : values.site ? { ja: `${values.site} `, en: `site ${values.site}, ` } : { ja: '全庁 ', en: 'city-wide, ' };
  const period = { ja: `${scope.ja}${until === undefined ? `${since} 〜` : `${since} 〜 ${until}`}`, en: `${scope.en}${until === undefined ? `from ${since}` : `${since} to ${until}`}` };
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

/** Signs in at the hall as the named IT staff member through the joined desk's credential and asks `figures.read`. */
async function readFromHall(
  how: { hall: string; credentialDir: string; staff: string; stdin: boolean },
  query: { since: string; until?: string; site?: string; kiosk?: string },
): Promise<{ ok: true; rows: FigureRow[] } | { ok: false; sentence: string; usage?: true }> {
  const joined = readHallCredential(how.credentialDir);
  if (!joined) return { ok: false, sentence: `庁舎サーバーに参加した端末の資格情報がありません: ${how.credentialDir} / no hall credential in ${how.credentialDir} (kakanai kiosk join)` };
  if (joined.kind !== 'desk') return { ok: false, sentence: '窓口端末の資格情報が必要です（キオスクでは職員がサインインできません） / a desk\'s credential is needed: staff cannot sign in on a kiosk\'s' };
  let url: URL;
  try {
    url = new URL(how.hall);
  } catch {
    return { ok: false, sentence: `庁舎サーバーの URL が正しくありません / not a hall URL: ${how.hall}`, usage: true };
  }
  if (url.protocol !== 'https:') return { ok: false, sentence: '庁舎サーバーには https:// で接続します / the hall is reached over https:// only', usage: true };
  const client = new HallClient({ ...joined, hall: url.origin }, 1);
  try {
    const passphrase = await readSecret(`${how.staff} のパスフレーズ / passphrase: `, how.stdin);
    const signedIn = await client.call('staff.signIn', { name: how.staff, passphrase });
    client.staffSession = signedIn.session;
    try {
      const { rows } = await client.call('figures.read', query);
      return { ok: true, rows };
    } finally {
      await client.call('staff.signOut', {}).catch(() => undefined);
    }
  } catch (e) {
    return { ok: false, sentence: hallFailureSentence(e) };
  } finally {
    client.close();
  }
}

function hallFailureSentence(e: unknown): string {
  const code = e instanceof HallCallError ? e.code : 'refused';
  if (code === 'unreachable') return '庁舎サーバーに接続できません / the hall cannot be reached';
  if (code === 'unauthorized') return 'この端末は庁舎サーバーに登録されていないか、取り消されています / this desk is not enrolled at the hall, or was revoked';
  return '庁舎サーバーが数字を返しませんでした（名前・パスフレーズ・IT 担当の権限・日付・拠点を確認してください） / the hall gave no figures: check the name, passphrase, IT role, days and site';
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

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FiguresRecorder } from '../counter/figures';
import { run } from './figures';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function capture() {
  const out = { stdout: '', log: [] as string[], error: [] as string[] };
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.log.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void out.error.push(a.join(' ')));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out.stdout += String(chunk)), true));
  return out;
}

/** An out folder whose figures.db holds `count` visits on 2025-04-01 (JST) and one on 2025-04-02. */
function recordedOut(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-figures-cli-'));
  dirs.push(dir);
  let now = Date.parse('2025-04-01T09:00:00+09:00');
  const recorder = new FiguresRecorder({ file: join(dir, 'figures.db'), clock: () => new Date(now) });
  const visit = (key: string, procedure: { id: string; kind: 'form' | 'life-event' }, pinMs: number, outcome: 'submitted' | 'cancelled') => {
    recorder.sessionStarted(key, procedure);
    recorder.step(key, 'card');
    now += 4_000;
    recorder.step(key, 'pin');
    now += pinMs;
    recorder.step(key, 'questions');
    now += 30_000;
    recorder.step(key, 'review');
    now += 10_000;
    recorder.sessionEnded(key, outcome);
  };
  for (let i = 0; i < count; i++) visit(`fixture-${i}`, { id: 'juminhyo-request', kind: 'form' }, 5_000 + i * 1_000, i === 0 ? 'cancelled' : 'submitted');
  now = Date.parse('2025-04-02T23:59:00+09:00');
  visit('fixture-late', { id: 'tenkyo', kind: 'life-event' }, 7_000, 'submitted');
  recorder.close();
  return dir;
}

describe('kakanai figures', () => {
  it('prints one aligned line per day and procedure with sessions, submissions and median seconds per step', async () => {
    const out = recordedOut(20);
    const printed = capture();
    expect(await run(['--since', '2025-04-01', '--out', out])).toBe(0);
    const [title, ja, en, first, second, total] = printed.log;
    expect(title).toContain('counter figures from 2025-04-01');
    expect(ja).toMatch(/^日付\s+手続き\s+件数\s+提出\s+カード\s+暗証番号\s+質問\s+確認\s+窓口待ち\s+職員確認$/);
    expect(en).toMatch(/^day\s+procedure\s+sessions\s+submitted\s+card\s+PIN\s+questions\s+review\s+clerk wait\s+clerk check$/);
    // 20 visits, 19 submitted; PIN times 5…24 s → median 14.5 s; the clerk steps never happened.
    expect(first!.split(/\s{2,}/)).toEqual(['2025-04-01', 'juminhyo-request', '20', '19', '4.0', '14.5', '30.0', '10.0', '-', '-']);
    expect(second!.split(/\s{2,}/)).toEqual(['2025-04-02', 'tenkyo', '1', '1', '4.0', '7.0', '30.0', '10.0', '-', '-']);
    expect(total).toContain('21');
    // Aligned: every column ends at the same place on every line (numbers right-aligned under their header).
    expect(first!.length).toBe(second!.length);
    expect(en!.length).toBe(first!.length);
    expect(printed.error).toEqual([]);
  });

  it('limits the days to --until', async () => {
    const out = recordedOut(3);
    const printed = capture();
    expect(await run(['--since', '2025-04-02', '--until', '2025-04-02', '--out', out])).toBe(0);
    expect(printed.log.filter((l) => l.startsWith('2025-'))).toHaveLength(1);
    expect(printed.log[0]).toContain('2025-04-02 to 2025-04-02');
  });

  it('prints the CSV with --csv', async () => {
    const out = recordedOut(2);
    const printed = capture();
    expect(await run(['--since', '2025-04-01', '--until', '2025-04-30', '--csv', '--out', out])).toBe(0);
    const lines = printed.stdout.split('\r\n');
    expect(lines[0]!.startsWith('\uFEFFday,procedure,kind,sessions,submitted,cancelled,timed_out,card_count')).toBe(true);
    expect(lines[1]!.startsWith('2025-04-01,juminhyo-request,form,2,1,1,0,2,8000,4000,2,11000,5500,')).toBe(true);
    expect(lines[2]!.startsWith('2025-04-02,tenkyo,life-event,1,1,0,0,')).toBe(true);
    expect(printed.log).toEqual([]);
  });

  it('says so when the period has no visits', async () => {
    const out = recordedOut(1);
    const printed = capture();
    expect(await run(['--since', '2025-05-01', '--out', out])).toBe(0);
    expect(printed.log).toEqual(['この期間の来庁の記録はありません（2025-05-01 〜） / no visits recorded from 2025-05-01']);
  });

  it('refuses a bad date, a missing --since and --until before --since with one bilingual line and exit 2', async () => {
    const out = recordedOut(1);
    for (const args of [
      ['--since', '2025-02-30'],
      ['--since', '2025/04/01'],
      ['--since', '2025-04-01', '--until', 'tomorrow'],
      ['--since', '2025-04-02', '--until', '2025-04-01'],
      [],
      ['--since', '2025-04-01', '--bogus'],
    ]) {
      const printed = capture();
      expect(await run([...args, '--out', out]), args.join(' ')).toBe(2);
      expect(printed.error, args.join(' ')).toHaveLength(1);
      expect(printed.error[0]).toMatch(/ \/ /);
      expect(printed.log).toEqual([]);
      vi.restoreAllMocks();
    }
  });

  it('exits 1 with a bilingual line when there is no figures file or it is not one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-figures-cli-'));
    dirs.push(dir);
    let printed = capture();
    expect(await run(['--since', '2025-04-01', '--out', dir])).toBe(1);
    expect(printed.error).toEqual([`数字の記録がまだありません: ${join(dir, 'figures.db')} / no figures recorded yet at ${join(dir, 'figures.db')}`]);
    vi.restoreAllMocks();
    writeFileSync(join(dir, 'figures.db'), 'not a database at all, just text that is long enough to be a header');
    printed = capture();
    expect(await run(['--since', '2025-04-01', '--out', dir])).toBe(1);
    expect(printed.error[0]).toContain('cannot open the figures file');
  });
});

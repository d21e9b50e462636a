import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskStep } from '../../contract/clerk';
import { FiguresError, FiguresReader, FiguresRecorder, type FiguresRecorderOptions } from '.';

const dirs: string[] = [];
const open: FiguresRecorder[] = [];
afterEach(() => {
  for (const r of open.splice(0)) r.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A recorder on a fresh file with a clock the test moves by hand (starts 2025-04-01 10:00 JST). */
function setUp(options: Partial<FiguresRecorderOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-figures-'));
  dirs.push(dir);
  let now = Date.parse('2025-04-01T10:00:00+09:00');
  const file = join(dir, 'figures.db');
  const recorder = new FiguresRecorder({ file, clock: () => new Date(now), ...options });
  open.push(recorder);
  return {
    dir,
    file,
    recorder,
    at: (iso: string) => void (now = Date.parse(iso)),
    wait: (ms: number) => void (now += ms),
  };
}

const juminhyo = { id: 'juminhyo-request', kind: 'form' } as const;

describe('FiguresRecorder', () => {
  it('adds the time between step reports to the figure step of the screen that was showing', () => {
    const { recorder, wait } = setUp();
    recorder.sessionStarted('s', juminhyo);
    wait(5_000); // the procedure screen: counts nowhere
    const script: [KioskStep, number][] = [
      ['card', 3_000],
      ['pin', 7_000],
      ['take-card', 2_000],
      ['questions', 40_000],
      ['review', 10_000],
      ['signature', 6_000],
      ['submit', 1_500],
      ['done', 9_000],
    ];
    for (const [step, ms] of script) {
      recorder.step('s', step);
      wait(ms);
    }
    recorder.sessionEnded('s', 'submitted');
    const [row] = recorder.rows('2025-04-01');
    expect(row).toMatchObject({ day: '2025-04-01', procedureId: 'juminhyo-request', procedureKind: 'form', sessions: 1, submitted: 1, cancelled: 0, timedOut: 0 });
    expect(row!.steps).toEqual({
      card: { count: 1, totalMs: 5_000, medianMs: 5_000 },
      pin: { count: 1, totalMs: 7_000, medianMs: 7_000 },
      questions: { count: 1, totalMs: 40_000, medianMs: 40_000 },
      review: { count: 1, totalMs: 17_500, medianMs: 17_500 },
      'clerk-wait': { count: 0, totalMs: 0, medianMs: null },
      'clerk-confirm': { count: 0, totalMs: 0, medianMs: null },
    });
  });

  it('adds up a step re-entered (back from review to questions), and counts the last screen up to the end', () => {
    const { recorder, wait } = setUp();
    recorder.sessionStarted('s', juminhyo);
    recorder.step('s', 'questions');
    wait(30_000);
    recorder.step('s', 'review');
    wait(4_000);
    recorder.step('s', 'questions');
    wait(12_000);
    recorder.step('s', 'review');
    wait(3_000);
    recorder.sessionEnded('s', 'cancelled');
    const steps = recorder.rows('2025-04-01')[0]!.steps;
    expect(steps.questions).toEqual({ count: 1, totalMs: 42_000, medianMs: 42_000 });
    expect(steps.review).toEqual({ count: 1, totalMs: 7_000, medianMs: 7_000 });
    expect(steps.card.count).toBe(0);
    expect(steps.pin.medianMs).toBeNull();
  });

  it('counts outcomes per day and procedure, sorted by day then procedure id', () => {
    const { recorder, at } = setUp();
    const visit = (key: string, procedure: { id: string; kind: 'form' | 'life-event' }, outcome: 'submitted' | 'cancelled' | 'timed-out') => {
      recorder.sessionStarted(key, procedure);
      recorder.step(key, 'card');
      recorder.sessionEnded(key, outcome);
    };
    at('2025-04-02T09:00:00+09:00');
    visit('a', { id: 'tenkyo', kind: 'life-event' }, 'submitted');
    visit('b', juminhyo, 'timed-out');
    at('2025-04-01T15:00:00+09:00');
    visit('c', juminhyo, 'submitted');
    visit('d', juminhyo, 'cancelled');
    visit('e', juminhyo, 'submitted');
    const rows = recorder.rows('2025-04-01', '2025-04-02');
    expect(rows.map((r) => [r.day, r.procedureId, r.procedureKind, r.sessions, r.submitted, r.cancelled, r.timedOut])).toEqual([
      ['2025-04-01', 'juminhyo-request', 'form', 3, 2, 1, 0],
      ['2025-04-02', 'juminhyo-request', 'form', 1, 0, 0, 1],
      ['2025-04-02', 'tenkyo', 'life-event', 1, 1, 0, 0],
    ]);
    expect(recorder.rows('2025-04-02', '2025-04-02')).toHaveLength(2);
    expect(recorder.rows('2025-04-03')).toEqual([]);
  });

  it('counts a visit on the day it started in Asia/Tokyo: 23:59 JST and 00:01 JST fall on two days', () => {
    const { recorder, at } = setUp();
    at('2025-04-01T23:59:00+09:00'); // 14:59 UTC
    recorder.sessionStarted('late', juminhyo);
    recorder.step('late', 'questions');
    at('2025-04-02T00:03:00+09:00');
    recorder.sessionEnded('late', 'submitted');
    at('2025-04-02T00:01:00+09:00'); // still 2025-04-01 in UTC
    recorder.sessionStarted('early', juminhyo);
    recorder.sessionEnded('early', 'cancelled');
    expect(recorder.rows('2025-04-01').map((r) => [r.day, r.sessions, r.submitted, r.cancelled])).toEqual([
      ['2025-04-01', 1, 1, 0],
      ['2025-04-02', 1, 0, 1],
    ]);
    expect(recorder.rows('2025-04-01')[0]!.steps.questions.totalMs).toBe(4 * 60_000);
  });

  it('takes the day in the time zone it is given', () => {
    const { recorder, at } = setUp({ timeZone: 'UTC' });
    at('2025-04-02T00:01:00+09:00');
    recorder.sessionStarted('s', juminhyo);
    recorder.sessionEnded('s', 'cancelled');
    expect(recorder.rows('2025-04-01')[0]!.day).toBe('2025-04-01');
  });

  it('gives the median of the stored durations, the mean of the two middle ones for an even count', () => {
    const { recorder, wait } = setUp();
    const pinTimes = [9_000, 1_000, 4_000, 30_000];
    pinTimes.forEach((ms, i) => {
      recorder.sessionStarted(`s${i}`, juminhyo);
      recorder.step(`s${i}`, 'pin');
      wait(ms);
      recorder.step(`s${i}`, 'done');
      recorder.sessionEnded(`s${i}`, 'submitted');
    });
    expect(recorder.rows('2025-04-01')[0]!.steps.pin).toEqual({ count: 4, totalMs: 44_000, medianMs: 6_500 });
    recorder.sessionStarted('s4', juminhyo);
    recorder.step('s4', 'pin');
    wait(2_000);
    recorder.sessionEnded('s4', 'cancelled');
    expect(recorder.rows('2025-04-01')[0]!.steps.pin).toEqual({ count: 5, totalMs: 46_000, medianMs: 4_000 });
  });

  it('measures the clerk wait (submitted → opened) and confirmation (opened → confirmed), also when the visit ended first', () => {
    const { recorder, wait } = setUp();
    recorder.sessionStarted('s', juminhyo);
    recorder.step('s', 'submit');
    wait(1_000);
    recorder.handedToClerk('s', 'sub-1');
    recorder.step('s', 'done');
    wait(8_000);
    recorder.sessionEnded('s', 'submitted');
    let steps = recorder.rows('2025-04-01')[0]!.steps;
    expect(steps['clerk-wait'].count).toBe(0);
    wait(112_000);
    recorder.clerkOpened('sub-1');
    steps = recorder.rows('2025-04-01')[0]!.steps;
    expect(steps['clerk-wait']).toEqual({ count: 1, totalMs: 120_000, medianMs: 120_000 });
    wait(45_000);
    recorder.clerkOpened('sub-1'); // a second open changes nothing
    wait(15_000);
    recorder.clerkStatus('sub-1', 'confirmed');
    wait(60_000);
    recorder.clerkStatus('sub-1', 'done');
    steps = recorder.rows('2025-04-01')[0]!.steps;
    expect(steps['clerk-wait']).toEqual({ count: 1, totalMs: 120_000, medianMs: 120_000 });
    expect(steps['clerk-confirm']).toEqual({ count: 1, totalMs: 60_000, medianMs: 60_000 });
  });

  it('measures a clerk who opens and confirms while the resident is still at the kiosk', () => {
    const { recorder, file, wait } = setUp();
    recorder.sessionStarted('s', juminhyo);
    recorder.step('s', 'submit');
    recorder.handedToClerk('s', 'sub-live');
    recorder.step('s', 'done');
    wait(5_000);
    recorder.clerkOpened('sub-live');
    wait(20_000);
    recorder.clerkStatus('sub-live', 'confirmed');
    wait(1_000);
    recorder.sessionEnded('s', 'submitted');
    const steps = recorder.rows('2025-04-01')[0]!.steps;
    expect(steps['clerk-wait'].totalMs).toBe(5_000);
    expect(steps['clerk-confirm'].totalMs).toBe(20_000);
    expect(pendingLinks(file)).toBe(1); // confirmed, not yet done
    recorder.clerkStatus('sub-live', 'done');
    expect(pendingLinks(file)).toBe(0);
  });

  it('ends the wait at the first status change of a hand-off never opened, and drops the link when returned', () => {
    const { recorder, file, wait } = setUp();
    recorder.sessionStarted('s', juminhyo);
    recorder.handedToClerk('s', 'sub-2');
    recorder.sessionEnded('s', 'submitted');
    expect(pendingLinks(file)).toBe(1);
    wait(30_000);
    recorder.clerkStatus('sub-2', 'returned');
    expect(pendingLinks(file)).toBe(0);
    const steps = recorder.rows('2025-04-01')[0]!.steps;
    expect(steps['clerk-wait']).toEqual({ count: 1, totalMs: 30_000, medianMs: 30_000 });
    expect(steps['clerk-confirm'].count).toBe(0);
    recorder.clerkOpened('sub-2'); // after the link is gone: nothing to change
    expect(recorder.rows('2025-04-01')[0]!.steps['clerk-wait'].totalMs).toBe(30_000);
  });

  it('ends the confirmation at a return after an open', () => {
    const { recorder, wait } = setUp();
    recorder.sessionStarted('s', juminhyo);
    recorder.handedToClerk('s', 'sub-3');
    recorder.sessionEnded('s', 'submitted');
    wait(10_000);
    recorder.clerkOpened('sub-3');
    wait(25_000);
    recorder.clerkStatus('sub-3', 'returned');
    const steps = recorder.rows('2025-04-01')[0]!.steps;
    expect([steps['clerk-wait'].totalMs, steps['clerk-confirm'].totalMs]).toEqual([10_000, 25_000]);
  });

  it('forgets hand-off links older than two days (on the next visit or the next open)', () => {
    const { recorder, file, wait } = setUp();
    recorder.sessionStarted('old', juminhyo);
    recorder.handedToClerk('old', 'sub-old');
    recorder.sessionEnded('old', 'submitted');
    wait(47 * 3_600_000);
    recorder.sessionStarted('new', juminhyo);
    recorder.handedToClerk('new', 'sub-new');
    recorder.sessionEnded('new', 'submitted');
    expect(pendingLinks(file)).toBe(2);
    wait(2 * 3_600_000);
    recorder.sessionStarted('x', juminhyo);
    recorder.sessionEnded('x', 'cancelled');
    expect(pendingLinks(file)).toBe(1);
    recorder.clerkOpened('sub-old');
    recorder.clerkOpened('sub-new');
    const waits = recorder.rows('2025-04-01').map((r) => [r.day, r.sessions, r.steps['clerk-wait'].count, r.steps['clerk-wait'].totalMs]);
    expect(waits).toEqual([
      ['2025-04-01', 1, 0, 0],
      ['2025-04-03', 2, 1, 2 * 3_600_000],
    ]);
  });

  it('shows 20 sessions after 20 visits, and the file holds none of the session or submission keys', () => {
    const { recorder, file, wait } = setUp();
    const sessionKeys = Array.from({ length: 20 }, (_, i) => `fixture-session-${String(i).padStart(2, '0')}-YAMADA-TARO`);
    const submissionKeys = sessionKeys.map((_, i) => `fixture-submission-${String(i).padStart(2, '0')}-6f1c2a`);
    sessionKeys.forEach((key, i) => {
      recorder.sessionStarted(key, i % 4 === 0 ? { id: 'tenkyo', kind: 'life-event' } : juminhyo);
      for (const step of ['card', 'pin', 'take-card', 'questions', 'review', 'submit'] as const) {
        recorder.step(key, step);
        wait(1_000 + i * 10);
      }
      if (i % 5 === 4) {
        recorder.sessionEnded(key, 'cancelled');
        return;
      }
      recorder.handedToClerk(key, submissionKeys[i]!);
      recorder.step(key, 'done');
      recorder.sessionEnded(key, 'submitted');
      if (i % 2 === 0) {
        wait(2_000);
        recorder.clerkOpened(submissionKeys[i]!);
        recorder.clerkStatus(submissionKeys[i]!, 'confirmed');
      }
    });
    const rows = recorder.rows('2025-04-01');
    expect(rows.reduce((n, r) => n + r.sessions, 0)).toBe(20);
    expect(rows.reduce((n, r) => n + r.submitted, 0)).toBe(16);
    expect(rows.reduce((n, r) => n + r.cancelled, 0)).toBe(4);

    const bytes = Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes('tenkyo')).toBe(true); // the search does find what is stored
    for (const key of [...sessionKeys, ...submissionKeys]) expect(bytes.includes(key), key).toBe(false);
    expect(bytes.includes('fixture-')).toBe(false);
    expect(bytes.includes('YAMADA')).toBe(false);
  });

  it('never throws into a session when a write fails, and reports the failure by code', () => {
    const errors: string[] = [];
    const { recorder, file } = setUp({ onError: (e) => void errors.push(e.code) });
    const blocker = new Database(file);
    blocker.exec('BEGIN EXCLUSIVE');
    try {
      recorder.sessionStarted('s', juminhyo);
      recorder.step('s', 'card');
      recorder.handedToClerk('s', 'sub');
      expect(() => recorder.sessionEnded('s', 'submitted')).not.toThrow();
      expect(errors).toEqual(['cannot-write']);
    } finally {
      blocker.exec('ROLLBACK');
      blocker.close();
    }
    recorder.sessionStarted('t', juminhyo);
    recorder.sessionEnded('t', 'cancelled');
    expect(recorder.rows('2025-04-01')[0]!.sessions).toBe(1);
  });

  it('ignores reports for sessions it does not know, and everything after close', () => {
    const { recorder } = setUp();
    expect(() => {
      recorder.step('nobody', 'card');
      recorder.handedToClerk('nobody', 'x');
      recorder.sessionEnded('nobody', 'submitted');
      recorder.clerkOpened('x');
      recorder.clerkStatus('x', 'done');
    }).not.toThrow();
    expect(recorder.rows('2025-04-01')).toEqual([]);
    recorder.close();
    expect(() => {
      recorder.sessionStarted('s', juminhyo);
      recorder.step('s', 'card');
      recorder.sessionEnded('s', 'submitted');
      recorder.clerkOpened('x');
      recorder.close();
    }).not.toThrow();
  });

  it('refuses a day that is not a real YYYY-MM-DD date', () => {
    const { recorder } = setUp();
    for (const bad of ['2025-4-1', '2025-02-30', 'yesterday', '2025-04-01T00:00']) {
      expect(() => recorder.rows(bad), bad).toThrow(expect.objectContaining({ code: 'bad-date' }));
    }
    expect(() => recorder.rows('2025-04-01', '2025-13-01')).toThrow(FiguresError);
  });

  it('throws a typed error when the file cannot be opened or the time zone is unknown', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-figures-'));
    dirs.push(dir);
    expect(() => new FiguresRecorder({ file: dir })).toThrow(expect.objectContaining({ name: 'FiguresError', code: 'cannot-open' }));
    expect(() => new FiguresRecorder({ file: join(dir, 'f.db'), timeZone: 'Mars/Olympus' })).toThrow(expect.objectContaining({ code: 'bad-time-zone' }));
    expect(() => new FiguresReader(join(dir, 'none.db'))).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('reads the same rows read-only while the recorder has the file open', () => {
    const { recorder, file } = setUp();
    recorder.sessionStarted('s', juminhyo);
    recorder.sessionEnded('s', 'timed-out');
    const reader = new FiguresReader(file);
    try {
      expect(reader.rows('2025-04-01')).toEqual(recorder.rows('2025-04-01'));
    } finally {
      reader.close();
    }
  });
});

function pendingLinks(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM clerk_pending').get() as { n: number }).n;
  } finally {
    db.close();
  }
}


describe('the day list', () => {
  const visit = { ticketNumber: 'A-001', procedureId: 'juminhyo-request', submittedAt: Date.parse('2025-04-01T09:55:00+09:00') };

  it("lists today's handled visits: ticket, procedure, times, status and clerk, the first open kept", () => {
    const { recorder, at } = setUp();
    recorder.dayListed({ ...visit, event: 'opened', status: 'submitted', clerk: 'tanaka' });
    at('2025-04-01T10:02:00+09:00');
    recorder.dayListed({ ...visit, event: 'opened', status: 'submitted', clerk: 'tanaka' });
    recorder.dayListed({ ...visit, event: 'status', status: 'confirmed', clerk: 'tanaka' });
    at('2025-04-01T10:05:00+09:00');
    recorder.dayListed({ ...visit, event: 'status', status: 'done', clerk: 'suzuki' });
    recorder.dayListed({ ticketNumber: 'A-002', procedureId: null, submittedAt: Date.parse('2025-04-01T10:01:00+09:00'), event: 'status', status: 'returned', clerk: 'suzuki' });
    expect(recorder.dayList()).toEqual([
      { ...visit, openedAt: Date.parse('2025-04-01T10:00:00+09:00'), decidedAt: Date.parse('2025-04-01T10:05:00+09:00'), status: 'done', clerk: 'suzuki' },
      { ticketNumber: 'A-002', procedureId: null, submittedAt: Date.parse('2025-04-01T10:01:00+09:00'), openedAt: Date.parse('2025-04-01T10:05:00+09:00'), decidedAt: Date.parse('2025-04-01T10:05:00+09:00'), status: 'returned', clerk: 'suzuki' },
    ]);
  });

  it('keeps a day by the city\'s date and drops it once the day is over; the figures rows never carry a ticket', () => {
    const { recorder, at, file } = setUp();
    at('2025-04-01T23:30:00+09:00'); // 14:30 UTC: still 1 April in Tokyo
    recorder.dayListed({ ...visit, event: 'opened', status: 'submitted', clerk: 'tanaka' });
    expect(recorder.dayList('2025-04-01')).toHaveLength(1);
    at('2025-04-02T08:30:00+09:00');
    expect(recorder.dayList()).toEqual([]);
    expect(recorder.dayList('2025-04-01')).toEqual([]);
    recorder.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM day_list').get()).toEqual({ n: 0 });
    const columns = (db.prepare("SELECT name FROM pragma_table_info('visits')").all() as { name: string }[]).map((c) => c.name);
    db.close();
    expect(columns.filter((c) => c.includes('ticket') || c === 'clerk')).toEqual([]);
  });
});

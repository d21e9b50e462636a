// The counter's BPR figures: per visit, which procedure, how it ended and how long each step took; per clerk
// hand-off, how long it waited and how long the clerk took. One SQLite file (<outputDir>/figures.db). Nothing that
// identifies a resident or a visit is stored in the figures: no session key, no ticket, no time finer than the day. A
// clerk hand-off is linked to its visit through a hash of the submission's random key, dropped once the clerk is done.
// The desks' day list (day-list.ts: tickets and times, unlinked to these rows) lives in the same file for its day only.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { FigureRow, FigureStep } from '../../contract/admin';
import type { KioskStep } from '../../contract/clerk';
import { aggregateVisits, type VisitDurations, type VisitOutcome } from './aggregate';
import { figuresCsv } from './csv';
import { DAY_LIST_SCHEMA, readDayList, recordDayList, type DayListEntry, type DayListEvent } from './day-list';
import { FiguresError } from './errors';
import { figureStepOf, type KioskFigureStep } from './steps';
import { CITY_TIME_ZONE, cityDayFormat } from '../../forms/binding/city-day';

export interface FiguresRecorderOptions {
  /** The figures file, e.g. <outputDir>/figures.db (its folder is created). */
  file: string;
  /** The service's clock: durations and the visit's day. */
  clock?: () => Date;
  /** The city's time zone: a visit counts on the day it started there. Default Asia/Tokyo. */
  timeZone?: string;
  /** Told of a write that failed (the resident's session goes on); the error carries a code only. */
  onError?: (error: FiguresError) => void;
}

export type ClerkStatus = 'confirmed' | 'done' | 'returned';

/** A hand-off not finished by the clerk after this long is forgotten (its durations stay as far as they got). */
const PENDING_KEPT_MS = 2 * 24 * 60 * 60 * 1000;
/** better-sqlite3 blocks the event loop: wait briefly for a lock, then drop the write rather than stall the kiosk. */
const BUSY_TIMEOUT_MS = 200;
/** The kiosk runs one session at a time; more live ones than this are sessions whose end was never reported. */
const MAX_LIVE_SESSIONS = 32;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS visits (
  id INTEGER PRIMARY KEY,
  day TEXT NOT NULL,
  procedure_id TEXT NOT NULL,
  procedure_kind TEXT NOT NULL CHECK (procedure_kind IN ('form', 'life-event')),
  outcome TEXT NOT NULL CHECK (outcome IN ('submitted', 'cancelled', 'timed-out')),
  card_ms INTEGER,
  pin_ms INTEGER,
  questions_ms INTEGER,
  review_ms INTEGER,
  clerk_wait_ms INTEGER,
  clerk_confirm_ms INTEGER
) STRICT;
CREATE INDEX IF NOT EXISTS visits_by_day ON visits (day, procedure_id);
-- A hand-off the clerk has not finished: sha-256 of the submission key, never the key itself.
CREATE TABLE IF NOT EXISTS clerk_pending (
  submission_hash BLOB PRIMARY KEY,
  visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
  submitted_at INTEGER NOT NULL,
  opened_at INTEGER
) STRICT;
CREATE INDEX IF NOT EXISTS clerk_pending_by_age ON clerk_pending (submitted_at);
`;
const SCHEMA_VERSION = 2;

type VisitRow = {
  day: string;
  procedure_id: string;
  procedure_kind: 'form' | 'life-event';
  outcome: VisitOutcome;
  card_ms: number | null;
  pin_ms: number | null;
  questions_ms: number | null;
  review_ms: number | null;
  clerk_wait_ms: number | null;
  clerk_confirm_ms: number | null;
};

interface ClerkTimes {
  submittedAt: number;
  openedAt: number | null;
  waitMs: number | null;
  confirmMs: number | null;
}

interface LiveVisit {
  day: string;
  procedureId: string;
  procedureKind: 'form' | 'life-event';
  /** The screen showing since `since` (null before the first report: the procedure choice, counted nowhere). */
  current: KioskStep | null;
  since: number;
  ms: Partial<Record<KioskFigureStep, number>>;
  clerk?: { hash: Buffer; times: ClerkTimes; finished: boolean };
}

export class FiguresRecorder {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly clock: () => Date;
  private readonly dayOf: (date: Date) => string;
  private readonly onError: ((error: FiguresError) => void) | undefined;
  private readonly live = new Map<string, LiveVisit>();
  /** Hand-offs of visits still at the kiosk, by submission hash (hex): the clerk may open one before the visit ends. */
  private readonly handedLive = new Map<string, LiveVisit>();
  private closed = false;

  /** Opens or creates the file; throws FiguresError('cannot-open' | 'bad-time-zone'). */
  constructor(options: FiguresRecorderOptions) {
    this.file = options.file;
    this.clock = options.clock ?? (() => new Date());
    this.onError = options.onError;
    this.dayOf = dayFormatIn(options.timeZone ?? CITY_TIME_ZONE);
    let db: Database.Database | undefined;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      db = new Database(this.file);
      db.pragma('journal_mode = WAL');
      // NORMAL: a power cut may lose the last visits' figures, never corrupt the file; no fsync per visit.
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      // Dropped hand-off links are zeroed, not left in free pages.
      db.pragma('secure_delete = ON');
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      db.exec(SCHEMA);
      db.exec(DAY_LIST_SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    } catch {
      try {
        db?.close();
      } catch {
        // already unusable
      }
      throw new FiguresError('cannot-open');
    }
    this.db = db;
    this.write(() => this.purgePending(this.now()));
  }

  /** A resident chose a procedure (session.start). Kept in memory until the session ends. */
  sessionStarted(sessionKey: string, procedure: { id: string; kind: 'form' | 'life-event' }): void {
    if (this.closed) return;
    const now = this.now();
    this.live.delete(sessionKey);
    this.live.set(sessionKey, { day: this.dayOf(new Date(now)), procedureId: procedure.id, procedureKind: procedure.kind, current: null, since: now, ms: {} });
    for (const key of this.live.keys()) {
      if (this.live.size <= MAX_LIVE_SESSIONS) break;
      this.forgetLive(key);
    }
  }

  /** The kiosk reported its screen (session.step): the time since the previous report goes to that screen's step. */
  step(sessionKey: string, step: KioskStep): void {
    const visit = this.live.get(sessionKey);
    if (!visit) return;
    this.settle(visit, this.now());
    visit.current = step;
  }

  /**
   * The submission went to the clerk queue (call it at submit time, before sessionEnded). `submissionKey` is the
   * queue's random key for it; only its hash is kept.
   */
  handedToClerk(sessionKey: string, submissionKey: string): void {
    const visit = this.live.get(sessionKey);
    if (!visit) return;
    const hash = submissionHash(submissionKey);
    if (visit.clerk?.hash.equals(hash)) return; // a retried submit
    if (visit.clerk) this.handedLive.delete(visit.clerk.hash.toString('hex'));
    visit.clerk = { hash, times: { submittedAt: this.now(), openedAt: null, waitMs: null, confirmMs: null }, finished: false };
    this.handedLive.set(hash.toString('hex'), visit);
  }

  /** The session ended: writes the visit's one row. Its clerk hand-off, if any and not finished, stays linked. */
  sessionEnded(sessionKey: string, outcome: VisitOutcome): void {
    const visit = this.live.get(sessionKey);
    if (!visit) return;
    this.forgetLive(sessionKey);
    const now = this.now();
    this.settle(visit, now);
    const clerk = visit.clerk;
    this.write(() =>
      this.db.transaction(() => {
        const { lastInsertRowid } = this.db
          .prepare(
            `INSERT INTO visits (day, procedure_id, procedure_kind, outcome, card_ms, pin_ms, questions_ms, review_ms, clerk_wait_ms, clerk_confirm_ms)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(visit.day, visit.procedureId, visit.procedureKind, outcome, visit.ms.card ?? null, visit.ms.pin ?? null, visit.ms.questions ?? null, visit.ms.review ?? null, clerk?.times.waitMs ?? null, clerk?.times.confirmMs ?? null);
        if (clerk && !clerk.finished) {
          this.db
            .prepare('INSERT OR REPLACE INTO clerk_pending (submission_hash, visit_id, submitted_at, opened_at) VALUES (?, ?, ?, ?)')
            .run(clerk.hash, lastInsertRowid, clerk.times.submittedAt, clerk.times.openedAt);
        }
        this.purgePending(now);
      })(),
    );
  }

  /** A clerk opened the submission (the first open ends its wait). */
  clerkOpened(submissionKey: string): void {
    this.clerkEvent(submissionKey, (times, now) => ({ times: openedAt(times, now), finished: false }));
  }

  /** A clerk changed the submission's status: confirmed or returned ends the confirmation; done or returned ends the link. */
  clerkStatus(submissionKey: string, status: ClerkStatus): void {
    this.clerkEvent(submissionKey, (times, now) => ({ times: statusAt(times, status, now), finished: status === 'done' || status === 'returned' }));
  }

  /** The desk's day list: a clerk opened a queued visit or set its status (see day-list.ts). */
  dayListed(event: Omit<DayListEvent, 'day'>): void {
    if (this.closed) return;
    const now = this.now();
    this.write(() => recordDayList(this.db, { ...event, day: this.dayOf(new Date(now)) }, now));
  }

  /** Today's handled visits (in the city's time zone), or those of `day` while it is kept. */
  dayList(day = this.dayOf(this.clock())): DayListEntry[] {
    if (this.closed) throw new FiguresError('cannot-read');
    if (!isDay(day)) throw new FiguresError('bad-date');
    try {
      return readDayList(this.db, day);
    } catch {
      throw new FiguresError('cannot-read');
    }
  }

  /** Per (day, procedure) from `since` to `until` (inclusive, YYYY-MM-DD), sorted by day then procedure id. */
  rows(since: string, until?: string): FigureRow[] {
    if (this.closed) throw new FiguresError('cannot-read');
    return readRows(this.db, since, until);
  }

  csv(rows: readonly FigureRow[]): string {
    return figuresCsv(rows);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.live.clear();
    this.handedLive.clear();
    try {
      this.db.close();
    } catch {
      // nothing left to keep
    }
  }

  private clerkEvent(submissionKey: string, apply: (times: ClerkTimes, now: number) => { times: ClerkTimes; finished: boolean }): void {
    if (this.closed) return;
    const now = this.now();
    const hash = submissionHash(submissionKey);
    const visit = this.handedLive.get(hash.toString('hex'));
    if (visit?.clerk) {
      if (visit.clerk.finished) return;
      const next = apply(visit.clerk.times, now);
      visit.clerk.times = next.times;
      visit.clerk.finished = next.finished;
      return;
    }
    this.write(() =>
      this.db.transaction(() => {
        const row = this.db
          .prepare(
            `SELECT p.visit_id AS visitId, p.submitted_at AS submittedAt, p.opened_at AS openedAt, v.clerk_wait_ms AS waitMs, v.clerk_confirm_ms AS confirmMs
             FROM clerk_pending p JOIN visits v ON v.id = p.visit_id WHERE p.submission_hash = ?`,
          )
          .get(hash) as ({ visitId: number } & ClerkTimes) | undefined;
        if (!row) return;
        const { times, finished } = apply(row, now);
        this.db.prepare('UPDATE visits SET clerk_wait_ms = ?, clerk_confirm_ms = ? WHERE id = ?').run(times.waitMs, times.confirmMs, row.visitId);
        if (finished) this.db.prepare('DELETE FROM clerk_pending WHERE submission_hash = ?').run(hash);
        else this.db.prepare('UPDATE clerk_pending SET opened_at = ? WHERE submission_hash = ?').run(times.openedAt, hash);
      })(),
    );
  }

  /** Adds the time since the last report to the step of the screen that was showing. */
  private settle(visit: LiveVisit, now: number): void {
    const step = visit.current === null ? undefined : figureStepOf(visit.current);
    if (step) visit.ms[step] = (visit.ms[step] ?? 0) + elapsed(visit.since, now);
    visit.since = now;
  }

  private forgetLive(sessionKey: string): void {
    const visit = this.live.get(sessionKey);
    this.live.delete(sessionKey);
    if (visit?.clerk) this.handedLive.delete(visit.clerk.hash.toString('hex'));
  }

  private purgePending(now: number): void {
    this.db.prepare('DELETE FROM clerk_pending WHERE submitted_at < ?').run(now - PENDING_KEPT_MS);
  }

  /** A failed write is reported by code and otherwise ignored: figures never break a resident's session. */
  private write(fn: () => void): void {
    if (this.closed) return;
    try {
      fn();
    } catch {
      try {
        this.onError?.(new FiguresError('cannot-write'));
      } catch {
        // the listener's own failure changes nothing
      }
    }
  }

  private now(): number {
    return this.clock().getTime();
  }
}

/** The figures file opened read-only (kakanai figures): rows only, nothing written. */
export class FiguresReader {
  private readonly db: Database.Database;

  /** Throws FiguresError('not-found') when there is no file, 'cannot-open' when it is not a figures file. */
  constructor(readonly file: string) {
    if (!existsSync(file)) throw new FiguresError('not-found');
    try {
      this.db = new Database(file, { readonly: true, fileMustExist: true });
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      this.db.prepare('SELECT 1 FROM visits LIMIT 1').get();
    } catch {
      throw new FiguresError('cannot-open');
    }
  }

  rows(since: string, until?: string): FigureRow[] {
    return readRows(this.db, since, until);
  }

  close(): void {
    this.db.close();
  }
}

function readRows(db: Database.Database, since: string, until: string | undefined): FigureRow[] {
  if (!isDay(since) || (until !== undefined && !isDay(until))) throw new FiguresError('bad-date');
  let rows: VisitRow[];
  try {
    rows = db
      .prepare(
        `SELECT day, procedure_id, procedure_kind, outcome, card_ms, pin_ms, questions_ms, review_ms, clerk_wait_ms, clerk_confirm_ms
         FROM visits WHERE day >= ? AND day <= ? ORDER BY day, procedure_id`,
      )
      .all(since, until ?? '9999-12-31') as VisitRow[];
  } catch {
    throw new FiguresError('cannot-read');
  }
  return aggregateVisits(rows.map(visitOf));
}

function visitOf(r: VisitRow): VisitDurations {
  const ms: Record<FigureStep, number | null> = {
    card: r.card_ms,
    pin: r.pin_ms,
    questions: r.questions_ms,
    review: r.review_ms,
    'clerk-wait': r.clerk_wait_ms,
    'clerk-confirm': r.clerk_confirm_ms,
  };
  return { day: r.day, procedureId: r.procedure_id, procedureKind: r.procedure_kind, outcome: r.outcome, ms };
}

/** The first open ends the wait. */
function openedAt(t: ClerkTimes, now: number): ClerkTimes {
  if (t.openedAt !== null) return t;
  return { ...t, openedAt: now, waitMs: t.waitMs ?? elapsed(t.submittedAt, now) };
}

/** A status change ends the wait if nobody opened it; confirmed or returned after an open ends the confirmation. */
function statusAt(t: ClerkTimes, status: ClerkStatus, now: number): ClerkTimes {
  const waitMs = t.waitMs ?? elapsed(t.submittedAt, now);
  const ends = status === 'confirmed' || status === 'returned';
  const confirmMs = t.confirmMs ?? (ends && t.openedAt !== null ? elapsed(t.openedAt, now) : null);
  return { ...t, waitMs, confirmMs };
}

/** A clock set back (NTP) must not make a negative duration. */
function elapsed(from: number, to: number): number {
  return Math.max(0, Math.round(to - from));
}

function submissionHash(submissionKey: string): Buffer {
  return createHash('sha256').update(`kakanai-figures/v1/${submissionKey}`).digest();
}

function dayFormatIn(timeZone: string): (date: Date) => string {
  try {
    return cityDayFormat(timeZone);
  } catch {
    throw new FiguresError('bad-time-zone');
  }
}

/** A real calendar day written YYYY-MM-DD. */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

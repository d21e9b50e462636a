// The day's list at the desk: each visit a clerk handled today — ticket, procedure, when it was submitted, opened
// and last decided, its status and the clerk. Nothing of the resident. Kept in figures.db beside the figures but not
// linked to their anonymous visit rows, and deleted once its day is over.
import type Database from 'better-sqlite3';

export const DAY_LIST_SCHEMA = `
CREATE TABLE IF NOT EXISTS day_list (
  day TEXT NOT NULL,
  ticket TEXT NOT NULL,
  procedure_id TEXT,
  submitted_at INTEGER NOT NULL,
  opened_at INTEGER,
  decided_at INTEGER,
  status TEXT NOT NULL CHECK (status IN ('submitted', 'confirmed', 'done', 'returned')),
  clerk TEXT NOT NULL,
  PRIMARY KEY (day, ticket)
) STRICT;
`;

export type DayListStatus = 'submitted' | 'confirmed' | 'done' | 'returned';

/** What a desk did to a queued visit: opened it, or set its status. */
export interface DayListEvent {
  day: string;
  ticketNumber: string;
  procedureId: string | null;
  submittedAt: number;
  /** The clerk opened it, or set its status. */
  event: 'opened' | 'status';
  /** Its status after the event. */
  status: DayListStatus;
  /** The clerk's staff name. */
  clerk: string;
}

export interface DayListEntry {
  ticketNumber: string;
  procedureId: string | null;
  submittedAt: number;
  openedAt: number | null;
  decidedAt: number | null;
  status: DayListStatus;
  clerk: string;
}

type Row = { ticket: string; procedure_id: string | null; submitted_at: number; opened_at: number | null; decided_at: number | null; status: DayListStatus; clerk: string };

/** Records the event at `now` (an open keeps the first time; a status is the latest decision) and drops past days. */
export function recordDayList(db: Database.Database, e: DayListEvent, now: number): void {
  db.transaction(() => {
    db.prepare('DELETE FROM day_list WHERE day < ?').run(e.day);
    db.prepare(
      `INSERT INTO day_list (day, ticket, procedure_id, submitted_at, opened_at, decided_at, status, clerk) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (day, ticket) DO UPDATE SET
         opened_at = coalesce(opened_at, excluded.opened_at),
         decided_at = coalesce(excluded.decided_at, decided_at),
         status = excluded.status,
         clerk = excluded.clerk`,
    ).run(
      e.day,
      e.ticketNumber,
      e.procedureId,
      e.submittedAt,
      // A status set without an open (from the list) counts as opened then.
      now,
      e.event === 'opened' ? null : now,
      e.status,
      e.clerk,
    );
  })();
}

/** The day's handled visits, by submission time. Past days are dropped first. */
export function readDayList(db: Database.Database, day: string): DayListEntry[] {
  db.prepare('DELETE FROM day_list WHERE day < ?').run(day);
  const rows = db.prepare('SELECT ticket, procedure_id, submitted_at, opened_at, decided_at, status, clerk FROM day_list WHERE day = ? ORDER BY submitted_at, ticket').all(day) as Row[];
  return rows.map((r) => ({ ticketNumber: r.ticket, procedureId: r.procedure_id, submittedAt: r.submitted_at, openedAt: r.opened_at, decidedAt: r.decided_at, status: r.status, clerk: r.clerk }));
}

// The figures contract in the hall's SQLite file. A kiosk's FiguresRecorder times live sessions and keeps no site or
// kiosk; the hall receives finished visits, so this is a plain table aggregated the same way.
import type Database from 'better-sqlite3';
import type { FigureRow } from '../../contract/admin';
import { aggregateVisits } from '../../counter/figures/aggregate';
import { isDay } from '../../counter/figures/recorder';
import { HallStoreError, hashVisitKey, type FiguresStore, type VisitDurations } from './contract';
import { visitColumns, visitOfRow } from './pg-figures-store';

export class SqliteFiguresStore implements FiguresStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS hall_visits (visit_hash TEXT PRIMARY KEY, site TEXT NOT NULL, kiosk TEXT NOT NULL, day TEXT NOT NULL,
      procedure_id TEXT NOT NULL, procedure_kind TEXT NOT NULL, outcome TEXT NOT NULL, card_ms INTEGER, pin_ms INTEGER, questions_ms INTEGER,
      review_ms INTEGER, clerk_wait_ms INTEGER, clerk_confirm_ms INTEGER) STRICT;
      CREATE INDEX IF NOT EXISTS hall_visits_by_day ON hall_visits (day, site, kiosk);`);
  }

  record(site: string, kiosk: string, visitKey: string, visit: VisitDurations): Promise<boolean> {
    if (!isDay(visit.day)) return Promise.reject(new HallStoreError('bad-date'));
    const r = this.db
      .prepare(
        `INSERT INTO hall_visits (visit_hash, site, kiosk, day, procedure_id, procedure_kind, outcome, card_ms, pin_ms, questions_ms, review_ms, clerk_wait_ms, clerk_confirm_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (visit_hash) DO NOTHING`,
      )
      .run(hashVisitKey(visitKey), site, kiosk, ...visitColumns(visit));
    return Promise.resolve(r.changes === 1);
  }

  rows(query: { since: string; until?: string; site?: string; kiosk?: string }): Promise<FigureRow[]> {
    if (!isDay(query.since) || (query.until !== undefined && !isDay(query.until))) return Promise.reject(new HallStoreError('bad-date'));
    const rows = this.db
      .prepare(
        `SELECT day, procedure_id, procedure_kind, outcome, card_ms, pin_ms, questions_ms, review_ms, clerk_wait_ms, clerk_confirm_ms FROM hall_visits
         WHERE day >= ? AND day <= ? AND (? IS NULL OR site = ?) AND (? IS NULL OR kiosk = ?) ORDER BY day, procedure_id`,
      )
      .all(query.since, query.until ?? '9999-12-31', query.site ?? null, query.site ?? null, query.kiosk ?? null, query.kiosk ?? null) as Parameters<typeof visitOfRow>[0][];
    return Promise.resolve(aggregateVisits(rows.map(visitOfRow)));
  }
}

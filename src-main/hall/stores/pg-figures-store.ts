// The BPR figures of every kiosk on PostgreSQL: one row per visit, keyed by a hash of the visit's random key so a
// forwarded visit counts once; aggregated exactly as a kiosk aggregates its own.
import type pg from 'pg';
import type { FigureRow } from '../../contract/admin';
import { aggregateVisits } from '../../counter/figures/aggregate';
import { isDay } from '../../counter/figures/recorder';
import { HallStoreError, hashVisitKey, type FiguresStore, type VisitDurations } from './contract';

type VisitRow = {
  day: string;
  procedure_id: string;
  procedure_kind: 'form' | 'life-event';
  outcome: VisitDurations['outcome'];
  card_ms: number | null;
  pin_ms: number | null;
  questions_ms: number | null;
  review_ms: number | null;
  clerk_wait_ms: number | null;
  clerk_confirm_ms: number | null;
};

export const visitOfRow = (r: VisitRow): VisitDurations => ({
  day: r.day,
  procedureId: r.procedure_id,
  procedureKind: r.procedure_kind,
  outcome: r.outcome,
  ms: { card: r.card_ms, pin: r.pin_ms, questions: r.questions_ms, review: r.review_ms, 'clerk-wait': r.clerk_wait_ms, 'clerk-confirm': r.clerk_confirm_ms },
});

export const visitColumns = (v: VisitDurations): unknown[] => [
  v.day, v.procedureId, v.procedureKind, v.outcome, v.ms.card, v.ms.pin, v.ms.questions, v.ms.review, v.ms['clerk-wait'], v.ms['clerk-confirm'],
];

export class PgFiguresStore implements FiguresStore {
  constructor(private readonly pool: pg.Pool) {}

  async record(site: string, kiosk: string, visitKey: string, visit: VisitDurations): Promise<boolean> {
    if (!isDay(visit.day)) throw new HallStoreError('bad-date');
    const r = await this.pool.query(
      `INSERT INTO visits (visit_hash, site, kiosk, day, procedure_id, procedure_kind, outcome, card_ms, pin_ms, questions_ms, review_ms, clerk_wait_ms, clerk_confirm_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (visit_hash) DO NOTHING`,
      [hashVisitKey(visitKey), site, kiosk, ...visitColumns(visit)],
    );
    return r.rowCount === 1;
  }

  async rows(query: { since: string; until?: string; site?: string; kiosk?: string }): Promise<FigureRow[]> {
    if (!isDay(query.since) || (query.until !== undefined && !isDay(query.until))) throw new HallStoreError('bad-date');
    const { rows } = await this.pool.query<VisitRow>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, procedure_id, procedure_kind, outcome, card_ms, pin_ms, questions_ms, review_ms, clerk_wait_ms, clerk_confirm_ms
       FROM visits WHERE day >= $1 AND day <= $2 AND ($3::text IS NULL OR site = $3) AND ($4::text IS NULL OR kiosk = $4) ORDER BY day, procedure_id`,
      [query.since, query.until ?? '9999-12-31', query.site ?? null, query.kiosk ?? null],
    );
    return aggregateVisits(rows.map(visitOfRow));
  }
}

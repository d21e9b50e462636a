// One visit's durations → the (day, procedure) lines of the figures, with medians over the visits that had a step.
import { FIGURE_STEPS, type FigureRow, type FigureStep } from '../../contract/admin';

export type VisitOutcome = 'submitted' | 'cancelled' | 'timed-out';

/** One stored visit: its day, what it was for, how it ended, and ms per figure step (null: the step never happened). */
export interface VisitDurations {
  day: string;
  procedureId: string;
  procedureKind: 'form' | 'life-event';
  outcome: VisitOutcome;
  ms: Record<FigureStep, number | null>;
}

/** Sorted by day, then procedure id. */
export function aggregateVisits(visits: Iterable<VisitDurations>): FigureRow[] {
  const groups = new Map<string, { row: FigureRow; durations: Record<FigureStep, number[]> }>();
  for (const v of visits) {
    const key = `${v.day}\u0000${v.procedureId}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        row: { day: v.day, procedureId: v.procedureId, procedureKind: v.procedureKind, sessions: 0, submitted: 0, cancelled: 0, timedOut: 0, steps: emptySteps() },
        durations: Object.fromEntries(FIGURE_STEPS.map((s) => [s, []])) as unknown as Record<FigureStep, number[]>,
      };
      groups.set(key, group);
    }
    const { row, durations } = group;
    row.sessions += 1;
    if (v.outcome === 'submitted') row.submitted += 1;
    else if (v.outcome === 'cancelled') row.cancelled += 1;
    else row.timedOut += 1;
    for (const step of FIGURE_STEPS) {
      const ms = v.ms[step];
      if (ms === null) continue;
      row.steps[step].count += 1;
      row.steps[step].totalMs += ms;
      durations[step].push(ms);
    }
  }
  const rows = [...groups.values()].map(({ row, durations }) => {
    for (const step of FIGURE_STEPS) row.steps[step].medianMs = median(durations[step]);
    return row;
  });
  return rows.sort((a, b) => (a.day === b.day ? compare(a.procedureId, b.procedureId) : compare(a.day, b.day)));
}

/** The middle value; for an even count the mean of the two middle ones, rounded to the ms. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

function emptySteps(): FigureRow['steps'] {
  return Object.fromEntries(FIGURE_STEPS.map((s) => [s, { count: 0, totalMs: 0, medianMs: null }])) as unknown as FigureRow['steps'];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import { describe, expect, it } from 'vitest';
import { aggregateVisits, median, type VisitDurations } from './aggregate';
import { figureStepOf } from './steps';

const none = { card: null, pin: null, questions: null, review: null, 'clerk-wait': null, 'clerk-confirm': null };

describe('figures aggregation', () => {
  it('takes the median over the visits that had the step only', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(3); // (2 + 3) / 2 = 2.5, rounded
    const visits: VisitDurations[] = [
      { day: '2025-04-01', procedureId: 'p', procedureKind: 'form', outcome: 'submitted', ms: { ...none, pin: 1_000, questions: 0 } },
      { day: '2025-04-01', procedureId: 'p', procedureKind: 'form', outcome: 'cancelled', ms: { ...none, pin: 5_000 } },
      { day: '2025-04-01', procedureId: 'p', procedureKind: 'form', outcome: 'timed-out', ms: { ...none } },
    ];
    const [row] = aggregateVisits(visits);
    expect(row!.steps.pin).toEqual({ count: 2, totalMs: 6_000, medianMs: 3_000 });
    expect(row!.steps.questions).toEqual({ count: 1, totalMs: 0, medianMs: 0 }); // 0 ms is a step that happened
    expect(row!.steps.review).toEqual({ count: 0, totalMs: 0, medianMs: null });
    expect([row!.sessions, row!.submitted, row!.cancelled, row!.timedOut]).toEqual([3, 1, 1, 1]);
  });

  it('maps the kiosk screens to figure steps: card + take-card, pin, questions, review + signature + submit', () => {
    const mapped = (['attract', 'language', 'procedure', 'card', 'pin', 'take-card', 'questions', 'review', 'signature', 'submit', 'done'] as const).map((s) => [s, figureStepOf(s)]);
    expect(Object.fromEntries(mapped)).toEqual({
      attract: undefined,
      language: undefined,
      procedure: undefined,
      card: 'card',
      pin: 'pin',
      'take-card': 'card',
      questions: 'questions',
      review: 'review',
      signature: 'review',
      submit: 'review',
      done: undefined,
    });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TicketCounter } from './ticket-counter';

describe('TicketCounter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-tickets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts per day from A-001 and starts again the next day', () => {
    const tickets = new TicketCounter(undefined);
    expect([tickets.next('2025-06-02'), tickets.next('2025-06-02'), tickets.next('2025-06-03')]).toEqual(['A-001', 'A-002', 'A-001']);
  });

  it('carries on after a restart on the same day, never handing out a number twice', () => {
    const file = join(dir, 'state', 'ticket-counter.json');
    const first = new TicketCounter(file);
    first.next('2025-06-02');
    first.next('2025-06-02');
    expect(new TicketCounter(file).next('2025-06-02')).toBe('A-003');
    expect(new TicketCounter(file).next('2025-06-04')).toBe('A-001');
  });

  it('shows the next number without issuing it, so visits that never submit leave no gap', () => {
    const tickets = new TicketCounter(undefined);
    expect(tickets.peek('2025-06-02')).toBe('A-001');
    expect(tickets.peek('2025-06-02')).toBe('A-001');
    expect(tickets.next('2025-06-02')).toBe('A-001');
    expect(tickets.peek('2025-06-02')).toBe('A-002');
    expect(tickets.peek('2025-06-03')).toBe('A-001');
    expect(tickets.next('2025-06-02')).toBe('A-002');
  });
});

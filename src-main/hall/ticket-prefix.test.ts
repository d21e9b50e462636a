import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultTicketPrefix, ticketPrefixFor } from './ticket-prefix';

const digits = (id: string) => createHash('sha256').update(id).digest('hex').toUpperCase();

/** Device ids whose hashes agree in their first `n` hex digits (found by trying, deterministic). */
function clashing(n: number): [string, string] {
  const seen = new Map<string, string>();
  for (let i = 0; ; i++) {
    const id = `device-${i}`;
    const head = digits(id).slice(0, n);
    const other = seen.get(head);
    if (other) return [other, id];
    seen.set(head, id);
  }
}

describe('a kiosk\'s offline ticket prefix', () => {
  it('is K and four hex digits of its id\'s hash when no other kiosk of the site shares them', () => {
    expect(defaultTicketPrefix('a')).toBe(`K${digits('a').slice(0, 4)}`);
    expect(ticketPrefixFor('a', ['b', 'c'])).toMatch(/^K[0-9A-F]{4}$/);
  });

  it('grows until it differs from every earlier kiosk\'s, so two kiosks never issue the same ticket', () => {
    const [first, second] = clashing(4);
    const earlier = ticketPrefixFor(first, []);
    const later = ticketPrefixFor(second, [first]);
    expect(later.length).toBeGreaterThan(earlier.length);
    expect(later).not.toBe(earlier);
    expect(`${later}-001`).not.toBe(`${earlier}-001`);
  });
});

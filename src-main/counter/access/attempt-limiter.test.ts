import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attempt-limiter';

function limiter() {
  const clock = { now: 1_000_000 };
  const l = new AttemptLimiter({ clock: () => clock.now, freeTries: 3, baseDelayMs: 1000, maxDelayMs: 30_000 });
  return { l, tick: (ms: number) => (clock.now += ms) };
}

describe('the attempt limiter', () => {
  it('gives a few free tries, then doubles the delay per wrong try up to the cap', () => {
    const { l, tick } = limiter();
    for (let i = 0; i < 3; i++) expect(l.begin('10.0.0.9', 'x').ok).toBe(true);
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      expect(l.begin('10.0.0.9', 'x').ok).toBe(true);
      const refused = l.begin('10.0.0.9', 'x');
      if (refused.ok) throw new Error('expected a delay');
      delays.push(refused.retryAfterMs);
      tick(refused.retryAfterMs);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('never locks anyone out: wrong tries from many addresses do not delay another address at all', () => {
    const { l } = limiter();
    for (let a = 0; a < 500; a++) for (let i = 0; i < 10; i++) l.begin(`10.0.${a >> 8}.${a & 255}`, 'it-staff');
    const mine = l.begin('10.1.0.1', 'it-staff');
    expect(mine.ok).toBe(true);
    l.succeeded((mine as { sender: string }).sender, 'it-staff');
  });

  it('a browser that signed in before is counted on its own: a guesser on the same address cannot delay it', () => {
    const { l, tick } = limiter();
    const first = l.begin('127.0.0.1', 'tanaka');
    if (!first.ok) throw new Error('expected to go ahead');
    const device = l.succeeded(first.sender, 'tanaka');
    // Another local user (same loopback address) guesses for an hour.
    for (let minute = 0; minute < 60; minute++) {
      for (let i = 0; i < 20; i++) l.begin('127.0.0.1', 'tanaka');
      tick(60_000);
    }
    for (let i = 0; i < 5; i++) l.begin('127.0.0.1', 'tanaka');
    expect(l.begin('127.0.0.1', 'tanaka').ok).toBe(false);
    expect(l.begin('127.0.0.1', 'tanaka', device).ok).toBe(true);
    // The device token is the person's: it does not help for another name, and a forged one is the address.
    expect(l.begin('127.0.0.1', 'suzuki', device).ok).toBe(false);
    expect(l.begin('127.0.0.1', 'tanaka', 'forged').ok).toBe(false);
  });

  it('the delay ends: the right credential waits at most the cap, then goes through', () => {
    const { l, tick } = limiter();
    for (let i = 0; i < 50; i++) {
      const v = l.begin('192.0.2.1', 'x');
      if (!v.ok) tick(v.retryAfterMs);
    }
    const refused = l.begin('192.0.2.1', 'x');
    expect(refused.ok).toBe(false);
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(30_000);
    tick(30_000);
    expect(l.begin('192.0.2.1', 'x').ok).toBe(true);
  });

  it('counts a try before its check finishes, so parallel tries cannot slip past the delay', () => {
    const { l } = limiter();
    const verdicts = Array.from({ length: 10 }, () => l.begin('198.51.100.7', 'x').ok);
    expect(verdicts).toEqual([true, true, true, true, false, false, false, false, false, false]);
  });
});

import { describe, expect, it } from 'vitest';
import { AdminSessions, staffName } from './sessions';

const right = async () => true;
const wrong = async () => false;

function clockAt(start = 1_000_000) {
  const clock = { now: start, tick: (ms: number) => (clock.now += ms) };
  return clock;
}

describe('admin sessions', () => {
  it('a session ends after 30 idle minutes, and after 8 hours however busy', async () => {
    const clock = clockAt();
    const sessions = new AdminSessions({ clock: () => clock.now });
    const a = await sessions.signIn('情報 太郎', '127.0.0.1', right);
    if (!a.ok) throw new Error('not signed in');
    clock.tick(29 * 60_000);
    expect(sessions.nameOf(a.sessionId)).toBe('情報 太郎');
    clock.tick(29 * 60_000);
    expect(sessions.nameOf(a.sessionId)).toBe('情報 太郎'); // touched 29 min ago
    clock.tick(30 * 60_000);
    expect(sessions.nameOf(a.sessionId)).toBeUndefined();

    const b = await sessions.signIn('情報 太郎', '127.0.0.1', right);
    if (!b.ok) throw new Error('not signed in');
    for (let t = 0; t < 8 * 60; t += 20) {
      expect(sessions.nameOf(b.sessionId), `after ${t} min`).toBe('情報 太郎');
      clock.tick(20 * 60_000);
    }
    expect(sessions.nameOf(b.sessionId)).toBeUndefined();
  });

  it('keeps only a hash of the session id: an unknown or forged id is nobody', async () => {
    const sessions = new AdminSessions();
    const a = await sessions.signIn('it', 'c', right);
    if (!a.ok) throw new Error('not signed in');
    expect(a.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify([...(sessions as unknown as { sessions: Map<string, unknown> }).sessions.keys()])).not.toContain(a.sessionId);
    // Forged: the first character changed (it carries 6 whole bits; the last carries only 4, so a change there may
    // decode to the same bytes, and an id that already ends in "A" would not be forged at all).
    expect(sessions.nameOf(`${a.sessionId.startsWith('A') ? 'B' : 'A'}${a.sessionId.slice(1)}`)).toBeUndefined();
    expect(sessions.nameOf(undefined)).toBeUndefined();
    expect(sessions.signOut(a.sessionId)).toBe('it');
    expect(sessions.nameOf(a.sessionId)).toBeUndefined();
  });

  it('limits wrong passphrases per client (5 per 5 minutes) and overall (20), counting tries still being checked', async () => {
    const clock = clockAt();
    const sessions = new AdminSessions({ clock: () => clock.now });
    for (let i = 0; i < 5; i++) expect(await sessions.signIn('x', 'a', wrong)).toEqual({ ok: false, reason: 'wrong-passphrase' });
    const limited = await sessions.signIn('x', 'a', right);
    expect(limited).toMatchObject({ ok: false, reason: 'rate-limited' });
    expect(limited.ok === false && limited.reason === 'rate-limited' && limited.retryAfterMs).toBe(5 * 60_000);
    expect((await sessions.signIn('x', 'b', right)).ok).toBe(true); // another address is not punished
    clock.tick(5 * 60_000);
    expect((await sessions.signIn('x', 'a', right)).ok).toBe(true);

    // Ten parallel tries from one address: the check is slow, yet only five are let through to it.
    let checked = 0;
    const slowWrong = () => new Promise<boolean>((resolve) => setTimeout(() => resolve(++checked < 0), 5));
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => sessions.signIn('x', 'c', slowWrong)));
    expect(checked).toBe(5);
    expect(outcomes.filter((o) => !o.ok && o.reason === 'rate-limited')).toHaveLength(5);

    // Spread over addresses: the 21st wrong try within the window is refused for everyone.
    clock.tick(5 * 60_000);
    for (let i = 0; i < 20; i++) await sessions.signIn('x', `10.0.0.${i}`, wrong);
    expect(await sessions.signIn('x', '10.0.1.1', right)).toMatchObject({ ok: false, reason: 'rate-limited' });
  });

  it('no passphrase set is not a wrong try', async () => {
    const sessions = new AdminSessions();
    for (let i = 0; i < 10; i++) expect(await sessions.signIn('x', 'a', async () => undefined)).toEqual({ ok: false, reason: 'no-passphrase' });
  });

  it('a staff name is 1–40 characters after trimming, without control characters', () => {
    expect(staffName('  情報 太郎 ')).toBe('情報 太郎');
    expect(staffName('')).toBeUndefined();
    expect(staffName('   ')).toBeUndefined();
    expect(staffName('a'.repeat(40))).toBe('a'.repeat(40));
    expect(staffName('a'.repeat(41))).toBeUndefined();
    expect(staffName('line\nbreak')).toBeUndefined();
    expect(staffName(42)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { DeskRegistry } from './desks';

function registry(options: ConstructorParameters<typeof DeskRegistry>[0] = {}) {
  let now = 1_000_000;
  const r = new DeskRegistry({ clock: () => now, ...options });
  return { r, advance: (ms: number) => (now += ms) };
}

function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

function pairNow(r: DeskRegistry, clerk = 'tanaka') {
  const code = r.pairingCode().code;
  expect(r.checkCode(code, '127.0.0.1').ok).toBe(true);
  const outcome = r.pair(code, clerk);
  if (!outcome.ok) throw new Error('expected to pair');
  return outcome;
}

describe('pairing', () => {
  it("a desk that enters the shown code gets a 256-bit session id, a public desk id, and the clerk's name", () => {
    const { r } = registry();
    const outcome = pairNow(r);
    expect(Buffer.from(outcome.sessionId, 'base64url')).toHaveLength(32);
    expect(outcome.deskId).toMatch(/^desk-1-[0-9a-f]{6}$/);
    expect(r.deskOf(outcome.sessionId)).toEqual({ deskId: outcome.deskId, clerk: 'tanaka' });
    expect(r.list()).toEqual([{ deskId: outcome.deskId, clerk: 'tanaka', pairedAt: 1_000_000, lastSeenAt: 1_000_000, present: false }]);
  });

  it('a desk is present while a socket of it is open, and shown as left the moment the last one closes', () => {
    const { r } = registry();
    const { deskId, sessionId } = pairNow(r);
    const first = r.socketOpened(deskId);
    const second = r.socketOpened(deskId); // a reload opens the new socket before the old one's close arrives
    expect(r.list()[0]!.present).toBe(true);
    first();
    first(); // a close reported twice counts once
    expect(r.list()[0]!.present).toBe(true);
    second();
    expect(r.list()).toMatchObject([{ deskId, present: false }]);
    // Left is not logged out: the clerk's page may come back on the same session.
    expect(r.deskOf(sessionId)).toMatchObject({ deskId });
  });

  it('remembers the place a desk was paired from, by desk id', () => {
    const { r } = registry();
    const code = r.pairingCode().code;
    const paired = r.pair(code, 'tanaka', 'place-1');
    if (!paired.ok) throw new Error('expected to pair');
    expect(r.placeOf(paired.deskId)).toBe('place-1');
    expect(r.placeOf('desk-none')).toBeUndefined();
  });

  it('the code is six digits and is replaced after use, so it pairs one desk only', () => {
    const { r } = registry();
    const { code } = r.pairingCode();
    expect(code).toMatch(/^\d{6}$/);
    expect(r.pair(code, 'a').ok).toBe(true);
    expect(r.pairingCode().code).not.toBe(code);
    expect(r.pair(code, 'b')).toEqual({ ok: false, reason: 'stale-code' });
    expect(r.checkCode(code, 'b')).toEqual({ ok: false, reason: 'stale-code' });
  });

  it('the code rotates when its lifetime ends; the previous one still pairs for the grace period', () => {
    const { r, advance } = registry({ codeLifetimeMs: 60_000, codeGraceMs: 30_000 });
    const first = r.pairingCode();
    advance(59_000);
    expect(r.pairingCode().code).toBe(first.code);
    advance(1_000);
    expect(r.pairingCode().code).not.toBe(first.code);
    advance(29_000);
    expect(r.checkCode(first.code, 'a').ok).toBe(true);
    advance(1_000);
    expect(r.checkCode(first.code, 'a')).toEqual({ ok: false, reason: 'stale-code' });
  });

  it("the clerk's own stale code is never a wrong try, however often it is sent", () => {
    const { r, advance } = registry({ codeLifetimeMs: 60_000, codeGraceMs: 0 });
    const first = r.pairingCode().code;
    advance(60_000);
    for (let i = 0; i < 20; i++) expect(r.checkCode(first, '10.0.0.5')).toEqual({ ok: false, reason: 'stale-code' });
    expect(r.checkCode(r.pairingCode().code, '10.0.0.5').ok).toBe(true);
  });

  it('refuses codes that are not six digits, even ones that start with the code', () => {
    const { r } = registry();
    const { code } = r.pairingCode();
    for (const bad of ['', code.slice(0, 5), `${code}0`, ` ${code}`, '１２３４５６']) expect(r.checkCode(bad, 'a').ok).toBe(false);
  });

  it('wrong codes slow their sender only; guessers elsewhere neither delay the clerk nor replace the code', () => {
    const { r, advance } = registry({ wrongCodes: { freeTries: 3, baseDelayMs: 1000, maxDelayMs: 30_000 } });
    const { code } = r.pairingCode();
    for (let i = 0; i < 3; i++) expect(r.checkCode(wrongCode(code), 'attacker')).toEqual({ ok: false, reason: 'wrong-code' });
    expect(r.checkCode(wrongCode(code), 'attacker')).toEqual({ ok: false, reason: 'wrong-code' });
    expect(r.checkCode(wrongCode(code), 'attacker')).toMatchObject({ ok: false, reason: 'rate-limited' });
    expect(r.checkCode(code, 'attacker')).toMatchObject({ ok: false, reason: 'rate-limited' }); // learns nothing while slowed
    for (let a = 0; a < 100; a++) r.checkCode(wrongCode(code), `guesser-${a}`);
    expect(r.pairingCode().code).toBe(code);
    expect(r.checkCode(code, 'clerk').ok).toBe(true);
    advance(1000);
    expect(r.checkCode(code, 'attacker').ok).toBe(true);
  });
});

describe('desk sessions', () => {
  it('an unknown or forged session id is no desk', () => {
    const { r } = registry();
    pairNow(r);
    expect(r.deskOf(undefined)).toBeUndefined();
    expect(r.deskOf('')).toBeUndefined();
    expect(r.deskOf(Buffer.alloc(32).toString('base64url'))).toBeUndefined();
  });

  it('expires after the idle time, and each use starts the wait again', () => {
    const { r, advance } = registry({ idleMs: 10_000 });
    const ended: string[] = [];
    r.onDeskEnded((deskId, why) => ended.push(`${deskId}:${why}`));
    const p = pairNow(r);
    advance(9_000);
    expect(r.deskOf(p.sessionId)?.deskId).toBe(p.deskId);
    advance(9_000);
    expect(r.deskOf(p.sessionId)?.deskId).toBe(p.deskId);
    advance(10_000);
    expect(r.deskOf(p.sessionId)).toBeUndefined();
    expect(ended).toEqual([`${p.deskId}:expired`]);
    expect(r.list()).toEqual([]);
  });

  it('ends at the absolute limit however busy the desk is', () => {
    const { r, advance } = registry({ idleMs: 60_000, absoluteMs: 10 * 60_000 });
    const p = pairNow(r);
    for (let i = 0; i < 9; i++) {
      advance(60_000 - 1);
      expect(r.deskOf(p.sessionId), `after ${i + 1} min`).toBeDefined();
    }
    advance(60_000);
    expect(r.deskOf(p.sessionId)).toBeUndefined();
  });

  it('a desk session ends after ten hours by default', () => {
    const { r, advance } = registry({ idleMs: 24 * 60 * 60_000 });
    const p = pairNow(r);
    advance(10 * 60 * 60_000);
    expect(r.deskOf(p.sessionId)).toBeUndefined();
  });

  it('the kiosk revokes a desk by its id; its session stops working at once', () => {
    const { r } = registry();
    const a = pairNow(r, 'a');
    const b = pairNow(r, 'b');
    expect(r.revoke(a.deskId)).toBe(true);
    expect(r.revoke(a.deskId)).toBe(false);
    expect(r.deskOf(a.sessionId)).toBeUndefined();
    expect(r.deskOf(b.sessionId)?.deskId).toBe(b.deskId);
    expect(r.revokeClerk('b')).toBe(1);
    expect(r.deskOf(b.sessionId)).toBeUndefined();
  });

  it('logout ends the session', () => {
    const { r } = registry();
    const a = pairNow(r);
    expect(r.logout(a.sessionId)?.deskId).toBe(a.deskId);
    expect(r.deskOf(a.sessionId)).toBeUndefined();
  });
});

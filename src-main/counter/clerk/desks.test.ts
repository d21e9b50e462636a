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

describe('pairing', () => {
  it('a desk that enters the shown code gets a 256-bit session id and a public desk id', () => {
    const { r } = registry();
    const outcome = r.pair(r.pairingCode().code, '127.0.0.1');
    if (!outcome.ok) throw new Error('expected to pair');
    expect(Buffer.from(outcome.sessionId, 'base64url')).toHaveLength(32);
    expect(outcome.deskId).toMatch(/^desk-1-[0-9a-f]{6}$/);
    expect(r.deskOf(outcome.sessionId)).toBe(outcome.deskId);
    expect(r.list().map((d) => d.deskId)).toEqual([outcome.deskId]);
  });

  it('the code is six digits and is replaced after use, so it pairs one desk only', () => {
    const { r } = registry();
    const { code } = r.pairingCode();
    expect(code).toMatch(/^\d{6}$/);
    expect(r.pair(code, 'a').ok).toBe(true);
    expect(r.pairingCode().code).not.toBe(code);
    expect(r.pair(code, 'b')).toEqual({ ok: false, reason: 'wrong-code' });
  });

  it('the code rotates when its lifetime ends', () => {
    const { r, advance } = registry({ codeLifetimeMs: 60_000 });
    const first = r.pairingCode();
    advance(59_000);
    expect(r.pairingCode().code).toBe(first.code);
    advance(1_000);
    expect(r.pairingCode().code).not.toBe(first.code);
    expect(r.pair(first.code, 'a').ok).toBe(false);
  });

  it('refuses codes that are not six digits, even ones that start with the code', () => {
    const { r } = registry();
    const { code } = r.pairingCode();
    for (const bad of ['', code.slice(0, 5), `${code}0`, ` ${code}`, '１２３４５６']) expect(r.pair(bad, 'a').ok).toBe(false);
  });

  it('a client that sent five wrong codes is refused for the window, even with the right code', () => {
    const { r, advance } = registry({ wrongCodesPerClient: 5, wrongCodeWindowMs: 600_000, wrongCodesPerCode: 100 });
    for (let i = 0; i < 5; i++) expect(r.pair(wrongCode(r.pairingCode().code), 'attacker')).toEqual({ ok: false, reason: 'wrong-code' });
    const limited = r.pair(r.pairingCode().code, 'attacker');
    expect(limited).toMatchObject({ ok: false, reason: 'rate-limited' });
    // Another desk is not locked out by the attacker's guesses.
    expect(r.pair(r.pairingCode().code, 'clerk').ok).toBe(true);
    advance(600_000);
    expect(r.pair(r.pairingCode().code, 'attacker').ok).toBe(true);
  });

  it('after five wrong codes from anyone the code is replaced, so guessers spread over addresses get five tries at a code', () => {
    const { r } = registry({ wrongCodesPerCode: 5 });
    const { code } = r.pairingCode();
    for (let i = 0; i < 4; i++) r.pair(wrongCode(code), `client-${i}`);
    expect(r.pairingCode().code).toBe(code);
    r.pair(wrongCode(code), 'client-4');
    expect(r.pairingCode().code).not.toBe(code);
  });
});

describe('desk sessions', () => {
  it('an unknown or forged session id is no desk', () => {
    const { r } = registry();
    r.pair(r.pairingCode().code, 'a');
    expect(r.deskOf(undefined)).toBeUndefined();
    expect(r.deskOf('')).toBeUndefined();
    expect(r.deskOf(Buffer.alloc(32).toString('base64url'))).toBeUndefined();
  });

  it('expires after the idle time, and each use starts the wait again', () => {
    const { r, advance } = registry({ idleMs: 10_000 });
    const ended: string[] = [];
    r.onDeskEnded((deskId, why) => ended.push(`${deskId}:${why}`));
    const p = r.pair(r.pairingCode().code, 'a');
    if (!p.ok) throw new Error('expected to pair');
    advance(9_000);
    expect(r.deskOf(p.sessionId)).toBe(p.deskId);
    advance(9_000);
    expect(r.deskOf(p.sessionId)).toBe(p.deskId);
    advance(10_000);
    expect(r.deskOf(p.sessionId)).toBeUndefined();
    expect(ended).toEqual([`${p.deskId}:expired`]);
    expect(r.list()).toEqual([]);
  });

  it('the kiosk revokes a desk by its id; its session stops working at once', () => {
    const { r } = registry();
    const a = r.pair(r.pairingCode().code, 'a');
    const b = r.pair(r.pairingCode().code, 'b');
    if (!a.ok || !b.ok) throw new Error('expected to pair');
    expect(r.revoke(a.deskId)).toBe(true);
    expect(r.revoke(a.deskId)).toBe(false);
    expect(r.deskOf(a.sessionId)).toBeUndefined();
    expect(r.deskOf(b.sessionId)).toBe(b.deskId);
  });

  it('logout ends the session', () => {
    const { r } = registry();
    const a = r.pair(r.pairingCode().code, 'a');
    if (!a.ok) throw new Error('expected to pair');
    expect(r.logout(a.sessionId)).toBe(a.deskId);
    expect(r.deskOf(a.sessionId)).toBeUndefined();
  });
});

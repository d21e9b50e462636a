import { describe, expect, it } from 'vitest';
import { SessionTable } from './session-table';

function table(options: { idleMs?: number; absoluteMs?: number } = {}) {
  const clock = { now: 1_000_000 };
  const t = new SessionTable<{ who: string }>({ clock: () => clock.now, idleMs: options.idleMs ?? 10_000, absoluteMs: options.absoluteMs ?? 60_000 });
  return { t, tick: (ms: number) => (clock.now += ms) };
}

describe('the session table', () => {
  it('hands out 256-bit ids and keeps only their SHA-256: a forged or unknown id is nobody', () => {
    const { t } = table();
    const id = t.open({ who: 'a' });
    expect(Buffer.from(id, 'base64url')).toHaveLength(32);
    const keys = [...(t as unknown as { sessions: Map<string, unknown> }).sessions.keys()];
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toBe(id);
    expect(JSON.stringify(keys)).not.toContain(id);
    expect(t.get(id)).toEqual({ who: 'a' });
    expect(t.get(`${id.startsWith('A') ? 'B' : 'A'}${id.slice(1)}`)).toBeUndefined();
    expect(t.get(undefined)).toBeUndefined();
    expect(t.get('')).toBeUndefined();
  });

  it('ends a session after the idle time; each use starts the wait again', () => {
    const { t, tick } = table({ idleMs: 10_000 });
    const ended: string[] = [];
    t.onEnd((d, why) => ended.push(`${d.who}:${why}`));
    const id = t.open({ who: 'a' });
    tick(9_000);
    expect(t.get(id)).toBeDefined();
    tick(9_000);
    expect(t.get(id)).toBeDefined();
    tick(9_000);
    expect(t.get(id, { touch: false })).toBeDefined();
    tick(1_000);
    expect(t.get(id)).toBeUndefined();
    expect(ended).toEqual(['a:expired']);
  });

  it('ends a session at its absolute limit however busy it is', () => {
    const { t, tick } = table({ idleMs: 10_000, absoluteMs: 30_000 });
    const id = t.open({ who: 'a' });
    for (let i = 0; i < 5; i++) {
      tick(5_000);
      expect(t.get(id), `after ${(i + 1) * 5} s`).toBeDefined();
    }
    tick(5_000);
    expect(t.get(id)).toBeUndefined();
  });

  it('sweep drops expired sessions and tells the listeners, without anyone asking for them', () => {
    const { t, tick } = table({ idleMs: 10_000 });
    const ended: string[] = [];
    t.onEnd((d, why) => ended.push(`${d.who}:${why}`));
    t.open({ who: 'old' });
    tick(5_000);
    const fresh = t.open({ who: 'fresh' });
    tick(6_000);
    t.sweep();
    expect(ended).toEqual(['old:expired']);
    expect(t.size).toBe(1);
    expect(t.list().map((e) => e.data.who)).toEqual(['fresh']);
    expect(t.end(fresh)).toEqual({ who: 'fresh' });
    expect(t.end(fresh)).toBeUndefined();
    expect(ended).toEqual(['old:expired', 'fresh:logout']);
  });

  it('endWhere ends every matching session (a revoked desk, a removed person)', () => {
    const { t } = table();
    const a = t.open({ who: 'a' });
    const b = t.open({ who: 'b' });
    const a2 = t.open({ who: 'a' });
    expect(t.endWhere((d) => d.who === 'a')).toBe(2);
    expect([t.get(a), t.get(a2), t.get(b)]).toEqual([undefined, undefined, { who: 'b' }]);
  });
});

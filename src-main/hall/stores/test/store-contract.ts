import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HallStores } from '../contract.js';

/** The ONE suite both implementations pass. `open(n)` opens the n-th independent connection to the same store. */
export function describeStores(kind: string, setup: () => Promise<{ open: () => HallStores | Promise<HallStores>; teardown: () => Promise<void> }>): void {
  describe(`hall stores (${kind})`, () => {
    let env: Awaited<ReturnType<typeof setup>>;
    const opened: HallStores[] = [];
    const open = async (): Promise<HallStores> => {
      const s = await env.open();
      opened.push(s);
      return s;
    };
    beforeEach(async () => {
      env = await setup();
    });
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await env.teardown();
    });

    it('numbers tickets per site and day from 1, without gaps, across two connections at once', async () => {
      const [a, b] = [await open(), await open()];
      const taken = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).tickets.next('honcho', '2026-12-05', i % 2 ? 'k1' : 'k2')),
      );
      expect(taken.map((t) => t.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect((await a.tickets.next('shisho', '2026-12-05', 'k3')).number).toBe(1);
      expect((await a.tickets.next('honcho', '2026-12-06', 'k1')).number).toBe(1);
      expect(await b.tickets.list('honcho', '2026-12-05')).toHaveLength(20);
    });

    it('records an offline ticket once per kiosk and marks it', async () => {
      const s = await open();
      expect(await s.tickets.recordOffline('honcho', '2026-12-05', 'k1', 1)).toBe(true);
      expect(await s.tickets.recordOffline('honcho', '2026-12-05', 'k1', 1)).toBe(false);
      expect(await s.tickets.recordOffline('honcho', '2026-12-05', 'k2', 1)).toBe(true);
      await s.tickets.next('honcho', '2026-12-05', 'k3');
      const list = await s.tickets.list('honcho', '2026-12-05');
      expect(list.map((t) => [t.number, t.kiosk, t.offline])).toEqual([
        [1, 'k3', false],
        [1, 'k1', true],
        [1, 'k2', true],
      ]);
    });

    it('enrols a named device once with a one-time, expiring code kept only as a hash; revocation ends its credential', async () => {
      const [a, b] = [await open(), await open()];
      const kiosk = await a.registry.add('kiosk', 'honcho', '1階 A');
      await expect(a.registry.add('kiosk', 'honcho', '1階 A')).rejects.toThrow();
      const t0 = Date.UTC(2026, 11, 5, 0, 0);
      await a.registry.issueCode(kiosk.id, 'ENROL-1234', t0 + 600_000);
      await a.registry.issueCode(kiosk.id, 'ENROL-LATE', t0 + 1_000);
      expect(await a.registry.redeemCode('ENROL-LATE', 'cred-late', t0 + 2_000)).toBeNull();
      const both = await Promise.all([a.registry.redeemCode('ENROL-1234', 'cred-a', t0 + 5_000), b.registry.redeemCode('ENROL-1234', 'cred-b', t0 + 5_000)]);
      expect(both.filter((d) => d !== null)).toHaveLength(1);
      const cred = both[0] ? 'cred-a' : 'cred-b';
      expect((await b.registry.byCredential(cred))?.id).toBe(kiosk.id);
      await a.registry.seen(kiosk.id, t0 + 9_000, 'idle');
      expect(await b.registry.list('honcho')).toEqual([
        { id: kiosk.id, kind: 'kiosk', site: 'honcho', name: '1階 A', enrolled: true, revokedAt: null, lastSeenAt: t0 + 9_000, lastState: 'idle' },
      ]);
      await a.registry.revoke(kiosk.id, t0 + 10_000);
      expect(await b.registry.byCredential(cred)).toBeNull();
      expect((await b.registry.list('honcho'))[0]).toMatchObject({ enrolled: false, revokedAt: t0 + 10_000 });
      expect(await b.registry.list('shisho')).toEqual([]);
    });
  });
}

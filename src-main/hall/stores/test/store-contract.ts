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
  });
}

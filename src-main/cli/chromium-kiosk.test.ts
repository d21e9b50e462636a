// The kiosk's Chromium, for real (headless): it reaches the page holding the kiosk session cookie, which went over
// the DevTools pipe, and nothing of it is in its command line (world-readable in /proc).
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, openChromiumKiosk } from './chromium-kiosk';

describe('the kiosk Chromium', { timeout: 60_000 }, () => {
  it('opens the page with the kiosk cookie set over the pipe, never in its argv', async () => {
    const cookies: string[] = [];
    const server = createServer((req, res) => {
      cookies.push(req.headers.cookie ?? '');
      res.end('<!doctype html><title>kiosk</title>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const secret = 'A'.repeat(20) + Math.random().toString(36).slice(2);
    const chromium = openChromiumKiosk(url, { name: 'kakanai_kiosk', value: secret }, { headless: true, binary: CHROMIUM });
    try {
      await chromium.ready;
      await expect.poll(() => cookies.find((c) => c.includes(`kakanai_kiosk=${secret}`)), { timeout: 20_000 }).toBeDefined();
      // Every process of this Chromium (browser, renderers, zygotes): none carries the cookie in its command line.
      const lines = readdirSync('/proc')
        .filter((p) => /^\d+$/.test(p))
        .map((p) => {
          try {
            return readFileSync(`/proc/${p}/cmdline`, 'utf8');
          } catch {
            return '';
          }
        })
        .filter((c) => c.includes('chromium'));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.filter((c) => c.includes(secret))).toEqual([]);
    } finally {
      chromium.close();
      await chromium.exited;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

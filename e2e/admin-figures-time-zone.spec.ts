// The figures page on a PC whose clock is not set to Japan time. The service keeps figures by the city's (Tokyo)
// date; its clock here is fixed at 2026-12-05 01:00 JST, still Dec 4 in UTC and in Honolulu, so a page that takes
// "today" from the browser's own date misses the morning's visits and says there is none.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCounterService } from '../src-main/counter';
import { addStaff } from '../src-main/counter/staff/test/staff-fixture';
import { startWebHost } from '../src-main/hosts/web/server';
import { adminTest, submitSignIn } from './support/admin-fixture';
import { E2E_IT, expect, type KioskStage } from './support/kiosk-fixture';

const CITY_MORNING = new Date('2026-12-05T01:00:00+09:00');
const CITY_DAY = '2026-12-05';
const DAY_MS = 86_400_000;

// A second counter service on the same rig, on the fixed clock: the shared stage's service runs on the real one.
const test = adminTest().extend<object, { stage: KioskStage }>({
  stage: [
    async ({ stage }, use) => {
      // The data folder and, apart from it, the queue's key folder: both removed below.
      const root = mkdtempSync(join(tmpdir(), 'kakanai-e2e-city-day-'));
      const outputDir = join(root, 'data');
      const service = await startCounterService({ outputDir, keys: { dir: join(root, 'keys') }, demo: true, watchTemplates: false, clock: () => new Date(CITY_MORNING) });
      const host = await startWebHost({ service, port: 0 });
      await addStaff(service.admin.staff.directory, E2E_IT.name, 'it', E2E_IT.passphrase);
      await use({ ...stage, url: host.url, service, outputDir, memory: () => service.request('session.memory', {}) });
      await host.close();
      await service.close();
      rmSync(root, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

const browsers = [
  { timezoneId: 'UTC', clock: CITY_MORNING, what: 'a browser in UTC (Dec 4 there)' },
  { timezoneId: 'Pacific/Honolulu', clock: CITY_MORNING, what: 'a browser in Honolulu, UTC−10 (Dec 4 there)' },
  // The service's date wins over the PC's: a kiosk PC without time sync, a day behind.
  { timezoneId: 'Asia/Tokyo', clock: new Date(CITY_MORNING.getTime() - DAY_MS), what: 'a browser in Tokyo whose clock is a day behind' },
];

for (const browser of browsers) {
  test.describe(browser.what, () => {
    test.use({ timezoneId: browser.timezoneId });

    test(`shows the city's visits of today by default (${browser.timezoneId})`, async ({ page, kiosk, admin, journey }) => {
      await page.clock.setFixedTime(browser.clock);
      // Three visits this morning, the way a resident gives up at the PIN pad.
      for (const procedureId of ['juminhyo-request', 'inkan-certificate', 'juminhyo-request']) {
        await kiosk.service.request('session.start', { procedureId, language: 'ja' });
        await kiosk.service.request('session.step', { step: 'card' });
        await kiosk.service.request('session.step', { step: 'pin' });
        await kiosk.service.request('session.end', { reason: 'cancel' });
      }
      const { rows } = await kiosk.service.admin.request('e2e', 'figures.get', { since: CITY_DAY, until: CITY_DAY });
      const today = rows.reduce((sum, r) => sum + r.sessions, 0);
      expect(today).toBeGreaterThanOrEqual(3);

      await submitSignIn(page, admin.url, E2E_IT.name, E2E_IT.passphrase);
      await expect(page.locator('.admin-signin')).toHaveCount(0);
      await page.goto(`${admin.url}#/figures`);
      await expect(page.locator('[data-total-sessions]')).toHaveAttribute('data-total-sessions', String(today));
      await expect(page.locator('.figures input[type=date]').first()).toHaveValue('2026-11-06');
      await expect(page.locator('.figures input[type=date]').nth(1)).toHaveValue(CITY_DAY);
      await expect(page.locator('.figures-table td', { hasText: CITY_DAY }).first()).toBeVisible();
      await expect(page.locator('a[href*="figures.csv"]')).toHaveAttribute('href', /since=2026-11-06&until=2026-12-05/);
      await journey.step(`figures-${browser.timezoneId.replace('/', '-').toLowerCase()}`, { screen: 'figures' });
    });
  });
}

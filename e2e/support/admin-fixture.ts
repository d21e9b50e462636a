// The IT staff's admin app beside the kiosk, for the admin journeys: a second browser host on the shared stage's
// service serving /admin (the shared stage serves the kiosk only), and the sign-in gestures.
import type { Page } from '@playwright/test';
import { startWebHost } from '../../src-main/hosts/web/server';
import { test as kioskTest, expect } from './kiosk-fixture';

type AdminHost = { url: string; origin: string };

/**
 * The admin journeys' `test`, one per spec file: Playwright shares a worker (and so the service, its sign-in limits and
 * its figures) between files whose worker fixtures are the same functions, so each call makes its own.
 */
export function adminTest() {
  return kioskTest.extend<{ admin: AdminHost; allowedFailedLoads: readonly number[] }, { adminHost: AdminHost }>({
    adminHost: [
      async ({ stage }, use) => {
        const host = await startWebHost({ service: stage.service, port: 0, admin: stage.service.admin });
        await use({ url: `${host.url}admin`, origin: host.url.replace(/\/$/, '') });
        await host.close();
      },
      { scope: 'worker' },
    ],
    admin: async ({ adminHost }, use) => use(adminHost),
    /** HTTP statuses a journey expects the app to meet (401 before sign-in always): Chromium logs them as failed loads. */
    allowedFailedLoads: [[401], { option: true }],
    // Anything else on the console fails the test.
    pageErrors: async ({ page, allowedFailedLoads }, use) => {
      const expected = new RegExp(`Failed to load resource: the server responded with a status of (${allowedFailedLoads.join('|')})`);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !expected.test(m.text())) errors.push(`console: ${m.text()}`);
      });
      await use(errors);
      expect(errors, 'errors on the screen').toEqual([]);
    },
  });
}

/** Opens the admin app and submits the sign-in form (what follows is the journey's to check). */
export async function submitSignIn(page: Page, url: string, name: string, passphrase: string): Promise<void> {
  await page.goto(url);
  await page.locator('#admin-name').fill(name);
  await page.locator('#admin-passphrase').fill(passphrase);
  await page.locator('.admin-signin button[type=submit]').click();
}

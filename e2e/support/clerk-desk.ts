// The clerk's desk beside the kiosk, for the desk journeys: a stage whose submissions go to the clerk queue (the
// shared stage hands them to files) with the desks served, and a desk paired through the kiosk's staff corner.
import type { Browser, Page } from '@playwright/test';
import { startStage, test as kioskTest, expect, type KioskStage } from './kiosk-fixture';

/**
 * The desk journeys' `test`, one per spec file: Playwright shares a worker (and so the stage, its desks and its
 * limits) between files whose worker fixtures are the same functions, so each call makes its own.
 */
export function clerkDeskTest() {
  return kioskTest.extend({
    stage: [
      // Playwright reads the fixture's dependencies from this pattern: none here.
      // eslint-disable-next-line no-empty-pattern
      async ({}, use: (stage: KioskStage) => Promise<void>) => {
        const { stage, stop } = await startStage({ handOff: 'clerk-queue' });
        await use(stage);
        await stop();
      },
      { scope: 'worker', timeout: 60_000 },
    ],
  });
}

/**
 * A clerk's browser (its own context) paired with the code the kiosk's staff panel shows; `whilePanelOpen` checks
 * the panel after the pairing, before it is closed.
 */
export async function pairClerk(browser: Browser, kioskPage: Page, url: string, whilePanelOpen?: (code: string) => Promise<void>): Promise<Page> {
  await kioskPage.locator('.staff-corner').click();
  await expect(kioskPage.locator('.staff-code')).toHaveText(/^\d{6}$/);
  const code = await kioskPage.locator('.staff-code').innerText();
  const clerk = await (await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'ja-JP' })).newPage();
  await clerk.goto(`${url}clerk`);
  await expect(clerk.locator('#pairing-code')).toBeVisible();
  await clerk.locator('#pairing-code').fill(code);
  await clerk.locator('.desk-pairing button[type=submit]').click();
  await expect(clerk.locator('.desk-mirror')).toBeVisible();
  await whilePanelOpen?.(code);
  await kioskPage.locator('.staff-panel button', { hasText: '閉じる' }).click();
  return clerk;
}

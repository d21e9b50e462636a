// The clerk's desk beside the kiosk, for the desk journeys: a stage whose submissions go to the clerk queue (the
// shared stage hands them to files) with the desks served, and a desk paired through the kiosk's staff corner.
import type { Browser, Page } from '@playwright/test';
import { LONG_PRESS_MS } from '../../src-renderer/kiosk/staff-timing';
import { E2E_CLERK, startStage, test as kioskTest, expect, type KioskStage } from './kiosk-fixture';

/**
 * The desk journeys' `test`, one per spec file: Playwright shares a worker (and so the stage, its desks and its
 * limits) between files whose worker fixtures are the same functions, so each call makes its own.
 */
export function clerkDeskTest() {
  return kioskTest.extend<{ twoBrowsers: void }>({
    // A kiosk and a desk: two browsers, each with its screens checked by axe, beside a second worker on two cores.
    twoBrowsers: [
      // eslint-disable-next-line no-empty-pattern
      async ({}, use, testInfo) => {
        testInfo.slow();
        await use();
      },
      { auto: true },
    ],
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

/** Opens the kiosk's staff panel the way a clerk does: a long press on the corner, then their own sign-in. */
export async function openStaffPanel(kioskPage: Page, clerk: { name: string; passphrase: string } = E2E_CLERK): Promise<void> {
  const corner = kioskPage.locator('.staff-corner');
  const box = (await corner.boundingBox())!;
  await kioskPage.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await kioskPage.mouse.down();
  await kioskPage.waitForTimeout(LONG_PRESS_MS + 300);
  await kioskPage.mouse.up();
  await kioskPage.locator('#kiosk-staff-name').fill(clerk.name);
  await kioskPage.locator('#kiosk-staff-passphrase').fill(clerk.passphrase);
  await kioskPage.locator('.staff-signin button[type=submit]').click();
}

/**
 * A clerk's browser (its own context) paired with the code the kiosk's staff panel shows after the clerk's sign-in
 * there, and the clerk's own name and passphrase on the desk; `whilePanelOpen` checks the panel after the pairing,
 * before it is closed.
 */
export async function pairClerk(browser: Browser, kioskPage: Page, url: string, whilePanelOpen?: (code: string) => Promise<void>): Promise<Page> {
  await openStaffPanel(kioskPage);
  await expect(kioskPage.locator('.staff-code')).toHaveText(/^\d{6}$/);
  const code = await kioskPage.locator('.staff-code').innerText();
  const clerk = await (await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'ja-JP' })).newPage();
  await clerk.goto(`${url}clerk`);
  await expect(clerk.locator('#pairing-code')).toBeVisible();
  await clerk.locator('#pairing-code').fill(code);
  await clerk.locator('#staff-name').fill(E2E_CLERK.name);
  await clerk.locator('#staff-passphrase').fill(E2E_CLERK.passphrase);
  await clerk.locator('.desk-pairing button[type=submit]').click();
  await expect(clerk.locator('.desk-mirror')).toBeVisible();
  await whilePanelOpen?.(code);
  await kioskPage.locator('.staff-panel button', { hasText: '閉じる' }).click();
  return clerk;
}

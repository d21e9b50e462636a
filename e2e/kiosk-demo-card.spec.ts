// DEMO: the demo resident's virtual card lives on the reader the whole time. The kiosk does not tell anyone to take
// it (the DEMO badge says what this kiosk is), and after the read the resident goes on without taking it. The
// real-reader side, where a left card IS called out, is in accessibility-more-screens.spec.ts.
import { test, expect } from './support/kiosk-fixture';
import { enterPin, openKiosk } from './support/kiosk-flow';
import { words } from './support/words';

test('in DEMO the demo card on the reader is not called out, and the visit goes on without taking it', async ({ page, kiosk, journey }) => {
  await openKiosk(page, kiosk);
  await expect(page.locator('.demo-badge')).toBeVisible();
  await kiosk.insertCard('demo');
  const notice = page.locator('.notice-warning');
  await page.waitForTimeout(500);
  await expect(notice).toHaveCount(0);
  await journey.step('attract-demo-card-on-reader');
  await page.locator('button.attract').click();
  await page.locator('.language').first().click();
  await page.locator('.procedure', { hasText: '住民票' }).first().click();
  // The card already lies there, and the kiosk knows it: it goes straight to the PIN pad.
  await expect(page.locator('.screen-pin')).toBeVisible();
  await enterPin(page, '1234');
  await expect(page.locator('.screen-take-card')).toBeVisible();
  await journey.step('take-card-demo');
  await page.getByRole('button', { name: words('takeCard.demoContinue') }).click();
  await expect(page.locator('.screen-question')).toBeVisible();
  await expect(notice).toHaveCount(0);
  await journey.step('question-demo-card-on-reader', { axe: false });

  // Back at rest with the demo card still on the reader: no notice, on the attract nor the language screen.
  await page.locator('.btn-cancel').click();
  await page.getByRole('alertdialog').locator('.btn-danger').click();
  await expect(page.locator('button.attract')).toBeVisible();
  expect((await kiosk.service.request('reader.state', {})).card).toBe('present');
  await page.waitForTimeout(500);
  await expect(notice).toHaveCount(0);
  await journey.step('attract-after-visit-demo-card-on-reader', { axe: false });
  await page.locator('button.attract').click();
  await expect(page.locator('.language').first()).toBeVisible();
  await expect(notice).toHaveCount(0);
});

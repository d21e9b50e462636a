// A city's real reader (the service not in DEMO): a resident's card left on it is called out, on the attract screen
// and after a visit ended with the card still there, until it is taken. (DEMO's own card: kiosk-demo-card.spec.ts.)
import { test, expect } from './support/kiosk-fixture';
import { openKiosk, startVisit } from './support/kiosk-flow';

test.use({ demo: false });

// In a describe: each test gets its own screenshot folder.
test.describe('a card left on a real reader', () => {
  test('a card left on the reader is called out, accessibly, until it is taken', async ({ page, kiosk, journey }) => {
    await openKiosk(page, kiosk);
    await expect(page.locator('.demo-badge')).toHaveCount(0);
    await kiosk.insertCard('demo');
    const notice = page.locator('.notice-warning[role="alert"]');
    await expect(notice).toBeVisible();
    await journey.step('card-left');
    await kiosk.removeCard();
    await expect(notice).toHaveCount(0);
  });

  test('a card left after a visit that ended at the PIN pad is called out on the attract screen', async ({ page, kiosk, journey }) => {
    await openKiosk(page, kiosk);
    await startVisit(page, journey, { language: 'en', procedureId: 'juminhyo-request' });
    await kiosk.insertCard('demo');
    await expect(page.locator('.screen-pin')).toBeVisible();
    const notice = page.locator('.notice-warning[role="alert"]');
    await expect(notice).toHaveCount(0);
    await page.locator('.btn-cancel').click();
    await page.getByRole('alertdialog').locator('.btn-danger').click();
    await expect(page.locator('button.attract')).toBeVisible();
    await expect(notice).toBeVisible();
    await journey.step('card-left-after-visit', { axe: false });
    await kiosk.removeCard();
    await expect(notice).toHaveCount(0);
  });
});

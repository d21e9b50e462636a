// A card whose PIN is locked: the kiosk cannot unlock it, so it says where it is reset (the same fact the desk
// shows), promises a clerk only when a desk is paired, and reads the next card placed afresh.
import { test, expect } from './support/kiosk-fixture';
import { openKiosk, startVisit } from './support/kiosk-flow';
import { words } from './support/words';

test('a blocked card shows the lock message and the clerk path, with no PIN pad', async ({ page, kiosk, journey }) => {
  await openKiosk(page, kiosk);
  await startVisit(page, journey, { language: 'en', procedureId: 'juminhyo-request' });
  await kiosk.insertCard('pin-blocked');
  await expect(page.locator('.clerk-path-title')).toHaveText(words('pin.blockedTitle', 'en'));
  await expect(page.locator('.clerk-path')).toContainText(words('pin.blockedBody', 'en'));
  await expect(page.locator('.keypad, .pin-pad')).toHaveCount(0);
  await journey.step('blocked');
  await page.getByRole('button', { name: words('pin.askClerk', 'en'), exact: true }).click();
  // No desk is paired with this kiosk: nobody would come, so the counter is named instead.
  await expect(page.locator('.clerk-path')).toContainText(words('pin.noDesk', 'en'));
  await expect(page.locator('.clerk-path')).not.toContainText(words('pin.clerkComing', 'en'));
  await journey.step('no-desk');
  expect(await kiosk.memory()).toMatchObject({ hasResident: false });

  // The card is changed: the lock message goes, and the next card opens the PIN pad with its own tries.
  await kiosk.removeCard();
  await expect(page.locator('.clerk-path')).toHaveCount(0);
  await expect(page.locator('.screen-card')).toBeVisible();
  await kiosk.insertCard('demo');
  await expect(page.locator('.screen-pin .pin-pad')).toBeVisible();
  await expect(page.locator('.tries-left')).toBeVisible();
  await journey.step('next-card');
});

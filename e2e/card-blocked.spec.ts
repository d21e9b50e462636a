// A card whose PIN is locked: only the clerk can unlock it, so the kiosk says so and offers nothing else.
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
  await expect(page.locator('.clerk-path')).toContainText(words('pin.clerkComing', 'en'));
  await journey.step('clerk-coming');
  expect(await kiosk.memory()).toMatchObject({ hasResident: false });
});

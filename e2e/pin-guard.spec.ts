// A card with one PIN try left: the kiosk never offers the pad (a mistake would lock the card), only the guard's
// message and the way to a clerk.
import { test, expect } from './support/kiosk-fixture';
import { openKiosk, startVisit } from './support/kiosk-flow';
import { words } from './support/words';

test('a card with one try left gets the guard message and the clerk path, never the PIN pad', async ({ page, kiosk, journey }) => {
  await openKiosk(page, kiosk);
  await startVisit(page, journey, { language: 'ja', procedureId: 'jido-teate-nintei' });
  await kiosk.insertCard('one-try-left');
  await expect(page.locator('.clerk-path-title')).toHaveText(words('pin.guardTitle'));
  await expect(page.locator('.clerk-path')).toContainText(words('pin.guardBody'));
  await expect(page.locator('.keypad, .pin-pad, .pin-dots')).toHaveCount(0);
  await journey.step('guard');

  await page.getByRole('button', { name: words('pin.askClerk'), exact: true }).click();
  // No desk is paired here: the counter is named, no clerk is promised.
  await expect(page.locator('.clerk-path')).toContainText(words('pin.noDesk'));
  await journey.step('no-desk');
  expect(await kiosk.memory()).toMatchObject({ hasSession: true, hasResident: false, hasMyNumber: false });
});

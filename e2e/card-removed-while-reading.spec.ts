// The card leaves the reader in the middle of the read: nothing of it is kept, the resident is told to place it
// again, and the second try reads it.
import { test, expect } from './support/kiosk-fixture';
import { enterPin, openKiosk, startVisit } from './support/kiosk-flow';
import { words } from './support/words';

const READ_BINARY = 0xb0;

test('a card taken away mid-read brings back the card screen with the removal message, and keeps nothing', async ({ page, kiosk, journey }) => {
  await openKiosk(page, kiosk);
  await startVisit(page, journey, { language: 'ja', procedureId: 'jido-teate-nintei' });
  const card = await kiosk.insertCard('demo', { delayMs: 30 });
  await expect(page.locator('.screen-pin')).toBeVisible();
  // The PIN is verified, then the card vanishes at its first READ BINARY, as a hand lifting it too early.
  card.removeOnNextApdu((apdu) => apdu[1] === READ_BINARY);
  await enterPin(page, '1234');
  await expect(page.locator('.screen-card')).toBeVisible();
  await expect(page.locator('.screen-card .notice-error')).toHaveText(words('cardError.removed'));
  await journey.step('card-removed');
  expect(await kiosk.memory()).toMatchObject({ hasSession: true, hasResident: false, hasMyNumber: false });

  await kiosk.removeCard();
  await kiosk.insertCard('demo');
  await expect(page.locator('.screen-pin')).toBeVisible();
  await enterPin(page, '1234');
  await expect(page.locator('.screen-take-card')).toBeVisible();
  await journey.step('take-card');
  expect(await kiosk.memory()).toMatchObject({ hasResident: true, hasMyNumber: true });
});

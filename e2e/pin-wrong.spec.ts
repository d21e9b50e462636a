// A resident who mistypes the PIN: the pad says so and the tries shown go down by one; the right PIN still reads
// the card.
import { test, expect } from './support/kiosk-fixture';
import { enterPin, openKiosk, startVisit } from './support/kiosk-flow';
import { words } from './support/words';

test('a wrong PIN is refused, the tries left shown go down, and the right PIN then reads the card', async ({ page, kiosk, journey }) => {
  await openKiosk(page, kiosk);
  await startVisit(page, journey, { language: 'ja', procedureId: 'juminhyo-request' });
  await kiosk.insertCard('demo');
  await expect(page.locator('.tries-left')).toHaveText(words('pin.triesLeft', 'ja', { n: 3 }));
  await journey.step('pin');

  await enterPin(page, '9999');
  await expect(page.locator('.screen-pin .notice-error')).toHaveText(words('pin.wrong'));
  await expect(page.locator('.tries-left')).toHaveText(words('pin.triesLeft', 'ja', { n: 2 }));
  await expect(page.locator('.pin-dot-filled')).toHaveCount(0);
  await journey.step('pin-wrong');
  expect(await kiosk.memory()).toMatchObject({ hasSession: true, hasResident: false, hasMyNumber: false });

  await enterPin(page, '1234');
  await expect(page.locator('.screen-take-card')).toBeVisible();
  await journey.step('take-card');
  expect(await kiosk.memory()).toMatchObject({ hasResident: true });
  await kiosk.removeCard();
  await expect(page.locator('[data-question-key]').first()).toBeVisible();
});

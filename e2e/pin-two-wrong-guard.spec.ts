// Two wrong PINs in a row: the card keeps one try, so the pad gives way to the guard and the clerk path.
import { test, expect } from './support/kiosk-fixture';
import { enterPin, openKiosk, startVisit } from './support/kiosk-flow';
import { words } from './support/words';

test('two wrong PINs in a row leave one try: the pad gives way to the guard and the clerk path', async ({ page, kiosk, journey }) => {
  await openKiosk(page, kiosk);
  await startVisit(page, journey, { language: 'ja', procedureId: 'inkan-certificate' });
  await kiosk.insertCard('demo');
  await expect(page.locator('.tries-left')).toHaveText(words('pin.triesLeft', 'ja', { n: 3 }));
  await enterPin(page, '9999');
  await expect(page.locator('.tries-left')).toHaveText(words('pin.triesLeft', 'ja', { n: 2 }));
  await enterPin(page, '9998');
  await expect(page.locator('.clerk-path-title')).toHaveText(words('pin.guardTitle'));
  await expect(page.locator('.keypad')).toHaveCount(0);
  await journey.step('guard');
  expect(await kiosk.memory()).toMatchObject({ hasResident: false });
});

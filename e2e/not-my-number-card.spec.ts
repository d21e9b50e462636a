// Someone places a transit card: the kiosk says it is not a My Number Card, and takes the right card afterwards.
import { test, expect } from './support/kiosk-fixture';
import { openKiosk, startVisit } from './support/kiosk-flow';
import { words } from './support/words';

test('another card is named as not a My Number Card; the right card placed next opens the PIN pad', async ({ page, kiosk, journey }) => {
  await openKiosk(page, kiosk);
  await startVisit(page, journey, { language: 'ja', procedureId: 'juminhyo-request' });
  await kiosk.insertCard('not-my-number-card');
  await expect(page.locator('.screen-card .notice-error')).toHaveText(words('cardError.notMyNumber'));
  await expect(page.locator('.screen-pin')).toHaveCount(0);
  // Never a green "card confirmed" beside the red error: the line asks for the right card instead.
  await expect(page.locator('.screen-card .reader-state')).toHaveText(words('card.state.takeBack'));
  await expect(page.locator('.screen-card')).not.toContainText(words('card.state.present'));
  await journey.step('not-my-number-card');

  await kiosk.removeCard();
  await expect(page.locator('.screen-card .notice-error')).toHaveCount(0);
  await kiosk.insertCard('demo');
  await expect(page.locator('.screen-pin')).toBeVisible();
  await journey.step('pin');
});

// The resident's screen shows no staff control: no pairing code, no desk list, no revoke, and a tap on the corner does
// nothing. A clerk's long press and their own sign-in open the staff panel with the pairing code; a wrong passphrase
// does not; the panel closes itself after a minute without a touch, and when a resident starts.
import { STAFF_IDLE_MS } from '../src-renderer/kiosk/staff-timing';
import { openStaffPanel } from './support/clerk-desk';
import { E2E_CLERK, expect, test } from './support/kiosk-fixture';
import { openKiosk } from './support/kiosk-flow';

test('no staff control without a sign-in; a clerk signs in on the kiosk, sees the code, and the panel closes when idle', async ({ page, kiosk, journey }) => {
  // Time flows as usual; the idle minute is skipped below.
  await page.clock.install();
  await openKiosk(page, kiosk);
  await expect(page.locator('.staff-panel, .staff-code, .staff-desks')).toHaveCount(0);
  await expect(page.getByText('職員用')).toHaveCount(0);
  await expect(page.getByText(/ペアリング|Pairing/)).toHaveCount(0);
  await page.locator('.staff-corner').click();
  await expect(page.locator('.staff-panel')).toHaveCount(0);
  await journey.step('attract-no-staff-control');

  await openStaffPanel(page, { name: E2E_CLERK.name, passphrase: 'not the clerk passphrase' });
  await expect(page.locator('.staff-problem')).toContainText('職員名またはパスフレーズが違います');
  await expect(page.locator('.staff-code')).toHaveCount(0);
  await page.locator('.staff-panel button', { hasText: '閉じる' }).click();

  await openStaffPanel(page);
  await expect(page.locator('.staff-code')).toHaveText(/^\d{6}$/);
  await expect(page.locator('.staff-who')).toHaveText(E2E_CLERK.name);
  await journey.step('staff-panel', { axe: true });
  expect(await page.evaluate(() => document.cookie)).toBe(''); // the kiosk session stays an HttpOnly cookie

  await page.clock.fastForward(STAFF_IDLE_MS + 2000);
  await expect(page.locator('.staff-panel')).toHaveCount(0);
  await expect(page.locator('.staff-code')).toHaveCount(0);

  // A resident's start closes it too, and nothing of it is there when the screen comes back.
  await openStaffPanel(page);
  await expect(page.locator('.staff-code')).toHaveText(/^\d{6}$/);
  await page.locator('button.attract').click({ position: { x: 400, y: 100 } });
  await expect(page.locator('.language').first()).toBeVisible();
  await expect(page.locator('.staff-panel')).toHaveCount(0);
});

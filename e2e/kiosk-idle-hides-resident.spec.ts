// Nobody touched the kiosk for a while: the warning covers the screen so that whoever walks up cannot read the
// resident's name, address or birth date behind it; a touch brings the visit back as it was.
import { PNG } from 'pngjs';
import { test, expect } from './support/kiosk-fixture';
import { answerQuestions, enterPin, expectReview, openKiosk, startVisit } from './support/kiosk-flow';
import { words } from './support/words';

// A short warning (the service's timings reach the screen through kiosk.info); axe only on the warning itself.
test.use({ inactivity: { warnAfterMs: 8_000, wipeAfterMs: 40_000, backstopMs: 120_000 }, axeEveryScreen: false });

test.describe('the inactivity warning', () => {
  for (const view of [
    { width: 1920, height: 1080 },
    { width: 1080, height: 1920 },
  ]) {
    test(`${view.width}×${view.height}: hides the name, address and birth date behind it`, async ({ page, kiosk, journey }) => {
      test.setTimeout(180_000);
      await page.setViewportSize(view);
      await openKiosk(page, kiosk);
      await startVisit(page, journey, { language: 'ja', procedureId: 'juminhyo-request' });
      await kiosk.insertCard('demo');
      await enterPin(page, '1234');
      await expect(page.locator('.screen-take-card')).toBeVisible();
      await kiosk.removeCard();
      await answerQuestions(page, journey, { procedureId: 'juminhyo-request', answers: { kana: 'みほん　はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 1 } });
      await expectReview(page, journey, 1);
      const held = ['見本　花子', '佐原ロ２１２７', '昭和60年4月12日'].map((text) => page.locator('.screen-review .answer-list dd', { hasText: text }));
      for (const dd of held) await expect(dd).toBeVisible();
      const boxes = await Promise.all(held.map(async (dd) => (await dd.boundingBox())!));

      const warning = page.getByRole('alertdialog');
      await expect(warning).toBeVisible({ timeout: 20_000 });
      await expect(warning).toContainText(words('idle.title'));
      await journey.step('idle-warning', { axe: true });
      const dialog = (await warning.boundingBox())!;
      const shot = PNG.sync.read(await page.screenshot({ animations: 'disabled' }));
      for (const [i, box] of boxes.entries()) {
        // The part of the value's place the dialog does not cover: no readable contrast may be left there.
        const left = Math.max(0, Math.floor(box.x));
        const right = Math.min(shot.width, Math.ceil(box.x + box.width));
        const top = Math.max(0, Math.floor(box.y));
        const bottom = Math.min(shot.height, Math.ceil(box.y + box.height));
        let lo = 255;
        let hi = 0;
        let seen = 0;
        for (let y = top; y < bottom; y++)
          for (let x = left; x < right; x++) {
            if (x >= dialog.x - 2 && x <= dialog.x + dialog.width + 2 && y >= dialog.y - 2 && y <= dialog.y + dialog.height + 2) continue;
            const o = (y * shot.width + x) * 4;
            const lum = 0.2126 * shot.data[o]! + 0.7152 * shot.data[o + 1]! + 0.0722 * shot.data[o + 2]!;
            lo = Math.min(lo, lum);
            hi = Math.max(hi, lum);
            seen++;
          }
        expect(seen, `some of value #${i + 1} lies outside the dialog`).toBeGreaterThan(100);
        expect(hi - lo, `value #${i + 1} readable behind the warning (contrast ${Math.round(hi - lo)})`).toBeLessThan(24);
      }
      // A touch keeps the visit: everything is back.
      await warning.getByRole('button', { name: words('idle.continue') }).click();
      await expect(warning).toHaveCount(0);
      for (const dd of held) await expect(dd).toBeVisible();
      await page.locator('.btn-cancel').click();
      await page.getByRole('alertdialog').locator('.btn-danger').click();
      await expect(page.locator('button.attract')).toBeVisible();
    });
  }
});

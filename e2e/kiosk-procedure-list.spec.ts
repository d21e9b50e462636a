// The procedure list in the city's order (templates/city/procedures.json): the most used first — 住民票 is the
// first card and wholly on screen without scrolling, portrait or landscape, normal or larger text — then the
// city's categories in its order.
import { test, expect } from './support/kiosk-fixture';
import { openKiosk } from './support/kiosk-flow';

for (const view of [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
]) {
  for (const largeText of [false, true]) {
    test(`${view.width}×${view.height}${largeText ? ', larger text' : ''}: 住民票 first and in view, then the city's categories in order`, async ({ page, kiosk, journey }) => {
      await page.setViewportSize(view);
      await openKiosk(page, kiosk);
      await page.locator('button.attract').click();
      if (largeText) await page.locator('.btn-header[aria-pressed]').first().click();
      await page.locator('.language').first().click();
      const first = page.locator('.procedure').first();
      await expect(first).toContainText('住民票の写し等交付請求書');
      const box = (await first.boundingBox())!;
      expect(box.y + box.height, 'the 住民票 card ends inside the first screen').toBeLessThanOrEqual(view.height);
      expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
      const headings = await page.locator('.procedure-section h2').allInnerTexts();
      expect(headings).toEqual(['よく使われる手続き', '証明書', '引っ越し', '妊娠・出産・子育て', '介護', '災害']);
      await expect(page.locator('[data-section="most-used"] .procedure')).toHaveCount(3);
      await journey.step('procedure-list', { screen: `procedure:${view.width}x${view.height}${largeText ? ':large' : ''}` });
    });
  }
}

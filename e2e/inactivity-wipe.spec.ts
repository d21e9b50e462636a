// A resident walks away at the review screen: the kiosk warns with a countdown, a touch keeps the visit, and
// silence wipes it. Afterwards nothing of the resident is left on the screen, in its page images, or in the
// service. The service runs with short timings here (the screen takes them from kiosk.info).
import { test, expect } from './support/kiosk-fixture';
import { answerQuestions, enterPin, expectReview, openKiosk, startVisit } from './support/kiosk-flow';
import { words } from './support/words';

const WARN_AFTER_MS = 5_000;
const WIPE_AFTER_MS = 12_000;

test.use({
  inactivity: { warnAfterMs: WARN_AFTER_MS, wipeAfterMs: WIPE_AFTER_MS, backstopMs: 120_000 },
  // axe runs 1–3 s without a touch: only on the warning here, or the short timer would fire during the checks.
  axeEveryScreen: false,
});

test('an idle visit is warned, kept by a touch, then wiped from the screen, its page images and the service', async ({ page, kiosk, journey, pageErrors }) => {
  test.setTimeout(120_000);
  const loads = (url: string) =>
    page.evaluate((u) => new Promise<string>((resolve) => Object.assign(new Image(), { onload: () => resolve('readable'), onerror: () => resolve('revoked'), src: u })), url);
  await openKiosk(page, kiosk);
  await startVisit(page, journey, { language: 'ja', procedureId: 'juminhyo-request' });
  await kiosk.insertCard('demo');
  await enterPin(page, '1234');
  await expect(page.locator('.screen-take-card')).toBeVisible();
  await kiosk.removeCard();
  await answerQuestions(page, journey, { procedureId: 'juminhyo-request', answers: { kana: 'みほん　はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 1 } });
  await expectReview(page, journey, 1);
  const pageImage = await page.locator('img.review-page').first().getAttribute('src');
  expect(pageImage).toMatch(/^blob:/);
  expect(await loads(pageImage!)).toBe('readable');
  const before = await page.content();
  for (const held of ['見本　花子', '佐原ロ２１２７', '昭和60年4月12日', 'みほん　はなこ']) expect(before).toContain(held);
  expect(await kiosk.memory()).toMatchObject({ hasSession: true, hasResident: true, renderedForms: 1 });

  const warning = page.getByRole('alertdialog');
  await expect(warning).toBeVisible({ timeout: WARN_AFTER_MS + 5_000 });
  await expect(warning).toContainText(words('idle.title'));
  await journey.step('idle-warning', { axe: true });
  await warning.getByRole('button', { name: words('idle.continue') }).click();
  await expect(warning).toHaveCount(0);
  await expect(page.locator('.screen-review')).toBeVisible();

  await expect(warning).toBeVisible({ timeout: WARN_AFTER_MS + 5_000 });
  await expect(page.locator('button.attract')).toBeVisible({ timeout: WIPE_AFTER_MS + 5_000 });
  await journey.step('after-wipe');

  const after = await page.content();
  for (const held of ['見本', '花子', '佐原', '２１２７', '2127', '昭和60', 'みほん', 'はなこ', '0478', 'blob:']) expect(after, `after the wipe the page still holds ${held}`).not.toContain(held);
  // The page image was revoked with the wipe: its blob URL no longer loads (as an image: the CSP forbids fetch()).
  expect(await loads(pageImage!)).toBe('revoked');
  // The probe's own failed load is the one console error this test expects.
  const probeError = pageErrors.indexOf('console: Failed to load resource: net::ERR_FILE_NOT_FOUND');
  expect(probeError).toBeGreaterThanOrEqual(0);
  pageErrors.splice(probeError, 1);
  expect(await page.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([0, 0]);
  await expect.poll(() => kiosk.memory()).toEqual({ hasSession: false, hasResident: false, hasMyNumber: false, answerCount: 0, renderedForms: 0, personCards: 0, personMyNumbers: 0 });
});

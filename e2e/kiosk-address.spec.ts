// 見本 花子 moves into 香取市 (転入): she picks 佐原イ from the city's 町字 list and types 1234番地5 on the keypad, so
// the 住民異動届 prints her new address in kanji and no clerk has to write it. An address not in the list still
// goes by its reading (「一覧にない」), printed as the marked note the clerk turns into kanji.
import { test, expect } from './support/kiosk-fixture';
import { answerQuestions, confirmAndSubmit, demoCardVisit, expectReview, finishVisit, producedPdfText } from './support/kiosk-flow';

const PICKED = '千葉県香取市佐原イ1234番地5';
const answers = {
  kana: 'みほん　はなこ',
  phone: '0478-54-1111',
  'move.newHouseholder': 'みほん　はなこ',
  movedOn: '2026-11-20',
  'linked.childAllowance': false,
  'linked.nursery': false,
  needsJuminhyo: false,
};

test.use({ viewport: { width: 1080, height: 1920 } });
// 転入 asks seventeen screens, each checked by axe: longer than the default journey's time on a shared machine.
test.setTimeout(300_000);

test('a 転入 address picked from the 町字 list and typed on the keypad prints in kanji, with no note for the clerk', async ({ page, kiosk, journey }) => {
  await demoCardVisit(page, kiosk, journey, { procedureId: 'moving-in' });
  await answerQuestions(page, journey, { procedureId: 'moving-in', answers: { ...answers, 'move.newAddress': PICKED } });
  await expectReview(page, journey, 1);
  await expect(page.locator('main')).toContainText(PICKED);
  const ticket = await confirmAndSubmit(page, journey);
  await expect(page.locator('.screen-done')).toBeVisible();

  const printed = producedPdfText(kiosk, ticket, 'resident-move');
  expect(printed).toContain('佐原イ1234番地5');
  // The 町字 picked gave the postal code: she never typed it.
  expect(printed).toContain('287-0003');
  expect(printed).not.toContain('さわら');
  // Names typed as readings (the 世帯主) still carry the clerk's note; the address never does.
  expect(printed).not.toMatch(/よみ：[^（]*(千葉|香取|佐原|1234)[^（]*（漢字は職員が記入）/);
  await finishVisit(page);
});

test('「一覧にない」 still takes the reading, printed as the note the clerk writes in kanji', async ({ page, kiosk, journey }) => {
  await demoCardVisit(page, kiosk, journey, { procedureId: 'moving-in' });
  await answerQuestions(page, journey, { procedureId: 'moving-in', answers: { ...answers, 'move.newAddress': 'なりたしはなさきちょう1' } });
  await expectReview(page, journey, 1);
  const ticket = await confirmAndSubmit(page, journey);
  await expect(page.getByTestId('kanji-by-clerk')).toBeVisible();
  expect(producedPdfText(kiosk, ticket, 'resident-move')).toContain('よみ：なりたしはなさきちょう1（漢字は職員が記入）');
  await finishVisit(page);
});

test('a 転出 to Tokyo: the new address found by its postal code prints in kanji, with no note for the clerk', async ({ page, kiosk, journey }) => {
  await demoCardVisit(page, kiosk, journey, { procedureId: 'resident-move' });
  const visit = {
    procedureId: 'resident-move',
    answers: { kana: 'みほん　はなこ', phone: '0478-54-1111', 'move.kind': 'out', 'move.plannedOn': '2026-12-20', 'move.newHouseholder': 'みほん　はなこ' },
  };
  await answerQuestions(page, journey, { ...visit, until: 'move.newAddress' });
  const block = page.locator('[data-question-key="move.newAddress"]');
  if ((await block.locator('.question-field').count()) > 0) await block.locator('.question-field').click();
  await block.locator('.address-outside').click();
  for (const d of '1000005') await block.locator('.keypad .key-digit', { hasText: new RegExp(`^${d}$`) }).click();
  // The post office's town of the code, anywhere in Japan, from the kiosk's own offline data.
  await expect(block.locator('.address-town')).toHaveText(['東京都千代田区丸の内まるのうち']);
  await journey.step('address-postal-outside', { screen: 'address:postal-outside' });
  // A code with no town says so, and the reading stays open to her.
  await block.locator('.keypad .key-extra').first().click();
  for (const d of '0000000') await block.locator('.keypad .key-digit', { hasText: new RegExp(`^${d}$`) }).click();
  await expect(block.locator('.address-empty')).toContainText('この郵便番号の住所は見つかりません');
  await block.locator('.keypad .key-extra').first().click();

  await answerQuestions(page, journey, { ...visit, answers: { ...visit.answers, 'move.newAddress': '〒1000005 東京都千代田区丸の内 1-1' } });
  await expectReview(page, journey, 1);
  await expect(page.locator('main')).toContainText('東京都千代田区丸の内1-1');
  const ticket = await confirmAndSubmit(page, journey);
  const printed = producedPdfText(kiosk, ticket, 'resident-move');
  expect(printed).toContain('東京都千代田区丸の内1-1');
  expect(printed).toContain('100-0005'); // the code she found it by fills the 〒 box
  expect(printed).not.toMatch(/よみ：[^（]*(とうきょう|まるのうち)/);
  await finishVisit(page);
});

for (const language of ['ja', 'en'] as const) {
  test(`${language}: the picker at 1080×1920 and 1920×1080, normal and larger text, keeps 次へ and every key in reach`, async ({ page, kiosk, journey }) => {
    await demoCardVisit(page, kiosk, journey, { procedureId: 'moving-in', language });
    await answerQuestions(page, journey, { procedureId: 'moving-in', answers, until: 'move.newAddress' });
    const block = page.locator('[data-question-key="move.newAddress"]');
    if ((await block.locator('.question-field').count()) > 0) await block.locator('.question-field').click();
    await expect(block.locator('.address-tabs')).toBeVisible();
    await block.locator('.address-tabs .key', { hasText: /^さ$/ }).click();
    const next = page.locator('main .nav-row .btn-go').last();
    const largeText = page.locator('.btn-header[aria-pressed]').first();
    for (const large of [false, true]) {
      if ((await largeText.getAttribute('aria-pressed')) !== String(large)) await largeText.click();
      for (const view of [{ width: 1080, height: 1920 }, { width: 1920, height: 1080 }]) {
        await page.setViewportSize(view);
        const tag = `${view.width}x${view.height}${large ? '-large' : ''}`;
        await expect(block.locator('.address-area', { hasText: '佐原イ' })).toBeVisible();
        await journey.step(`address-list-${tag}`, { screen: `address:list:${tag}` });
        await next.scrollIntoViewIfNeeded();
        await expect(next).toBeInViewport();
        for (const box of await block.locator('.address-tabs .key, .address-area').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) expect(box).toBeGreaterThanOrEqual(60);
      }
    }
    await page.setViewportSize({ width: 1080, height: 1920 });
    await block.locator('.address-area', { hasText: '佐原イ' }).first().click();
    for (const key of ['1', '2', '3', '4']) await block.locator('.keypad .key-digit', { hasText: new RegExp(`^${key}$`) }).click();
    await block.locator('.address-marks .key', { hasText: '番地' }).click();
    await block.locator('.keypad .key-digit', { hasText: /^5$/ }).click();
    await expect(block.locator('.typed-value')).toHaveText(PICKED);
    await journey.step('address-number-1080x1920-large', { screen: 'address:number:large' });
    await largeText.click();
    await journey.step('address-number-1080x1920', { screen: 'address:number' });
    await block.locator('.address-chosen .key').click();
    await block.locator('.address-other').click();
    await expect(block.locator('.typed-value')).toBeVisible();
    await journey.step('address-reading-1080x1920', { screen: 'address:reading' });
  });
}

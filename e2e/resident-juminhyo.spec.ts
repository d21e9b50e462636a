// 見本 花子 asks for a 住民票 in Japanese: card, PIN, take the card, a few questions, the review, print + clerk,
// and the printed form carries her name, address, 和暦 birth date and her answers.
import { test, expect } from './support/kiosk-fixture';
import { answerQuestions, confirmAndSubmit, demoCardVisit, enterPin, expectReview, finishVisit, openKiosk, expectPrinted, producedForms, producedPdfText, startVisit } from './support/kiosk-flow';

test('見本 花子 gets a 住民票 request printed with her card data and her answers', async ({ page, kiosk, journey }) => {
  await openKiosk(page, kiosk);
  await startVisit(page, journey, { language: 'ja', procedureId: 'juminhyo-request' });
  await kiosk.insertCard('demo', { delayMs: 30 });
  await expect(page.locator('.screen-pin')).toBeVisible();
  await journey.step('pin');
  await enterPin(page, '1234');
  await expect(page.locator('.screen-take-card')).toBeVisible();
  await journey.step('take-card');
  await kiosk.removeCard();

  const { asked } = await answerQuestions(page, journey, {
    procedureId: 'juminhyo-request',
    answers: { kana: 'みほん　はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 2, 'juminhyo.myNumber': false, 'juminhyo.submitTo': 'かとりしやくしょ' },
  });
  // Her own record: she may have the My Number printed on it.
  expect(asked).toContain('juminhyo.myNumber');
  await expectReview(page, journey, 1);
  await expect(page.locator('.screen-review .answer-list').first()).toContainText('見本　花子');
  await expect(page.locator('.screen-review .answer-list').first()).toContainText('昭和60年4月12日');
  const ticket = await confirmAndSubmit(page, journey, { recommended: 'clerk' });
  // The done screen names the counter, the fee for 2 copies and what to bring, from the template.
  const next = page.getByTestId('next-counters');
  await expect(next).toContainText('市民課');
  await expect(next).toContainText('手数料 600円');
  await expect(next).toContainText('本人確認書類');

  expect(producedForms(kiosk, ticket)).toEqual(['juminhyo-request']);
  const pdf = producedPdfText(kiosk, ticket, 'juminhyo-request');
  expectPrinted(pdf, ['見本花子', '千葉県香取市佐原ロ２１２７番地', 'みほんはなこ', '0478-54-1111', 'かとりしやくしょ']);
  await finishVisit(page);
  expect(await kiosk.memory()).toEqual({ hasSession: false, hasResident: false, hasMyNumber: false, answerCount: 0, renderedForms: 0, personCards: 0, personMyNumbers: 0 });
});

test('an agent asking for someone\'s 住民票 is never offered 個人番号 and must give that person\'s address', async ({ page, kiosk, journey }) => {
  test.setTimeout(180_000);
  await demoCardVisit(page, kiosk, journey, { procedureId: 'juminhyo-request' });
  const { asked } = await answerQuestions(page, journey, {
    procedureId: 'juminhyo-request',
    answers: {
      kana: 'みほん　はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'agent', 'juminhyo.subjectAddress': '千葉県香取市佐原イ1-2',
      'copies.all': 1, 'juminhyo.submitTo': 'かとりしやくしょ',
    },
  });
  // An agent's request with 個人番号 goes by post to the person's address: the kiosk does not take it.
  expect(asked).not.toContain('juminhyo.myNumber');
  expect(asked).toContain('juminhyo.subjectAddress');
  await expectReview(page, journey, 1);
  await expect(page.locator('.screen-review .answer-list').first()).not.toContainText('個人番号');
  const ticket = await confirmAndSubmit(page, journey);
  const printed = producedPdfText(kiosk, ticket, 'juminhyo-request');
  // The person's address is picked from the city's 町字 list: it prints in kanji, with nothing left for the clerk.
  expect(printed).toContain('千葉県香取市佐原イ1-2');
  expect(printed).not.toContain('漢字は職員が記入');
  await finishVisit(page);
});

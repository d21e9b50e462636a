// 髙﨑 齋 (old-form kanji, born 昭和35年) asks for a 印鑑登録証明書 with the English interface: the form itself
// stays in Japanese and carries his card data and answers.
import { test, expect } from './support/kiosk-fixture';
import { answerQuestions, confirmAndSubmit, enterPin, expectReview, finishVisit, openKiosk, expectPrinted, producedForms, producedPdfText, startVisit } from './support/kiosk-flow';

test('髙﨑 齋 gets an 印鑑登録証明書 request in English, printed in Japanese with his data', async ({ page, kiosk, journey }) => {
  await openKiosk(page, kiosk);
  await startVisit(page, journey, { language: 'en', procedureId: 'inkan-certificate' });
  await kiosk.insertCard('old-kanji', { delayMs: 30 });
  await enterPin(page, '2580');
  await expect(page.locator('.screen-take-card')).toBeVisible();
  await kiosk.removeCard();
  await answerQuestions(page, journey, {
    procedureId: 'inkan-certificate',
    answers: { 'inkan.applicantKind': 'self', 'inkan.registrationNumber': '00012345', phone: '090-1234-5678', kana: 'たかさき　ひとし', 'inkan.copies': 3 },
  });
  await expectReview(page, journey, 1);
  await expect(page.locator('.screen-review .answer-list').first()).toContainText('髙﨑　齋');
  const ticket = await confirmAndSubmit(page, journey);

  expect(producedForms(kiosk, ticket)).toEqual(['inkan-certificate']);
  const pdf = producedPdfText(kiosk, ticket, 'inkan-certificate');
  expectPrinted(pdf, ['髙﨑齋', '千葉県香取市見本町渡邉１番地神田荘２号', '昭和35年11月30日', 'たかさきひとし', '090-1234-5678', '00012345']);
  await finishVisit(page);
  expect(await kiosk.memory()).toMatchObject({ hasSession: false, hasResident: false });
});

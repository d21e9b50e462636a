// 見本 昭子, born on the last day of 昭和 (昭和64年1月7日), claims 児童手当 in やさしい日本語: a 番号利用事務 form,
// so the My Number is read from the card and printed, and forgotten with the rest at the end.
import { loadResidentFixture, residentFixturePath } from '../card-reader/virtual-card/resident-fixture';
import { test, expect } from './support/kiosk-fixture';
import { answerQuestions, confirmAndSubmit, enterPin, expectReview, finishVisit, openKiosk, expectPrinted, producedForms, producedPdfText, startVisit } from './support/kiosk-flow';

test('見本 昭子 claims 児童手当 in easy Japanese; the form carries her My Number and 昭和64年 birth date', async ({ page, kiosk, journey }) => {
  const resident = loadResidentFixture(residentFixturePath('showa-last-day'));
  await openKiosk(page, kiosk);
  await startVisit(page, journey, { language: 'easy', procedureId: 'jido-teate-nintei' });
  await kiosk.insertCard('showa-last-day', { delayMs: 30 });
  await enterPin(page, resident.pin);
  await expect(page.locator('.screen-take-card')).toBeVisible();
  await journey.step('take-card');
  await kiosk.removeCard();
  await answerQuestions(page, journey, {
    procedureId: 'jido-teate-nintei',
    answers: { kana: 'みほん　あきこ', postalCode: '287-0003', phone: '0478-52-0000', pension: 'national', 'household.1.relationship': 'child', 'household.1.kana': 'みほん　さくら', 'household.1.birthDate': '2019-05-01', 'household.1.sex': '2', 'household.1.living': 'together', 'account.method': 'public' },
  });
  await expectReview(page, journey, 1);
  expect(await kiosk.memory()).toMatchObject({ hasMyNumber: true });
  const ticket = await confirmAndSubmit(page, journey);

  expect(producedForms(kiosk, ticket)).toEqual(['jido-teate-nintei']);
  const pdf = producedPdfText(kiosk, ticket, 'jido-teate-nintei');
  expectPrinted(pdf, ['見本昭子', '千葉県香取市見本町八丁目９番１０号', '昭和64年1月7日', 'みほんあきこ', '0478-52-0000', 'みほんさくら', '令和元年5月1日']);
  // A boolean, so a failure never prints the number itself.
  expect(pdf.includes(resident.myNumber), 'the My Number read from the card is printed on the form').toBe(true);
  await finishVisit(page);
  expect(await kiosk.memory()).toMatchObject({ hasSession: false, hasResident: false, hasMyNumber: false });
});

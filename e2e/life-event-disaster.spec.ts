// 見本 平太 (born 平成元年1月8日) comes after a typhoon: the 災害 bundle asks first what else he needs, and the
// kiosk produces the 罹災証明書 application and the 住民票 request from one visit, both with his data. At 37 he is
// not asked about a lost care insurance card.
import { test, expect } from './support/kiosk-fixture';
import { answerQuestions, confirmAndSubmit, enterPin, expectReview, finishVisit, openKiosk, expectPrinted, producedForms, producedPdfText, startVisit } from './support/kiosk-flow';

test('the disaster bundle yields the 罹災証明書 application and the 住民票 request, each with his data and answers', async ({ page, kiosk, journey }) => {
  test.setTimeout(180_000);
  await openKiosk(page, kiosk);
  await startVisit(page, journey, { language: 'ja', procedureId: 'disaster' });
  await kiosk.insertCard('heisei-first-day', { delayMs: 30 });
  await enterPin(page, '0108');
  await expect(page.locator('.screen-take-card')).toBeVisible();
  await kiosk.removeCard();
  const { asked } = await answerQuestions(page, journey, {
    procedureId: 'disaster',
    answers: {
      needsJuminhyo: true,
      kana: 'みほん　へいた',
      phone: '0478-50-1234',
      'risai.relation': 'self',
      'risai.samePlace': true,
      'risai.occurredOn': '2025-09-01',
      'risai.cause': 'typhoon',
      'risai.building': 'house',
      'risai.ownership': 'own', // a 住家 asks whether he owns or rents it
      'risai.situation': 'やねがこわれた',
      'risai.survey': 'yes',
      'risai.copies': 2,
      'juminhyo.relation': 'self',
      'copies.all': 1,
    },
  });
  // At 37 he holds no care insurance card (from 40 only): the kiosk does not ask whether he lost one.
  expect(asked).toContain('needsJuminhyo');
  expect(asked).not.toContain('lostCareCard');
  await expectReview(page, journey, 2);
  const ticket = await confirmAndSubmit(page, journey);

  expect(producedForms(kiosk, ticket)).toEqual(['disaster-certificate', 'juminhyo-request']);
  const risai = producedPdfText(kiosk, ticket, 'disaster-certificate');
  expectPrinted(risai, ['見本平太', '千葉県香取市見本町九丁目１０番１１号', 'みほんへいた', '0478-50-1234', 'やねがこわれた']);
  const juminhyo = producedPdfText(kiosk, ticket, 'juminhyo-request');
  expectPrinted(juminhyo, ['見本平太', '千葉県香取市見本町九丁目１０番１１号', '平成元年1月8日', 'みほんへいた', '0478-50-1234']);
  await finishVisit(page);
  expect(await kiosk.memory()).toMatchObject({ hasSession: false, hasResident: false });
});

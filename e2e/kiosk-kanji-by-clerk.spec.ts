// A name the resident can type only as its reading (the kiosk has a kana keyboard): the printed 住民票 request leaves
// the kanji box empty with the reading small in its corner, marked for the clerk; the visit reaches the clerk's
// queue, and the done screen says a clerk finishes the names in kanji. Never kana in the kanji box.
import { test, expect } from './support/kiosk-fixture';
import { answerQuestions, confirmAndSubmit, demoCardVisit, expectReview, finishVisit, producedPdfText } from './support/kiosk-flow';

test('a household member\'s name typed in kana is printed as a marked reading, never in the kanji box, and goes to the clerk', async ({ page, kiosk, journey }) => {
  await demoCardVisit(page, kiosk, journey, { procedureId: 'juminhyo-request' });
  await answerQuestions(page, journey, {
    procedureId: 'juminhyo-request',
    answers: { kana: 'みほん　はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'household', householder: 'みほん　たろう', 'copies.all': 1, 'juminhyo.myNumber': false, 'juminhyo.submitTo': 'かとりしやくしょ' },
  });
  await expectReview(page, journey, 1);
  const ticket = await confirmAndSubmit(page, journey);
  await expect(page.getByTestId('kanji-by-clerk')).toContainText('窓口で職員が書いて');
  await journey.step('done-kanji-by-clerk');

  const printed = producedPdfText(kiosk, ticket, 'juminhyo-request');
  expect(printed).toContain('よみ：みほんたろう（漢字は職員が記入）');
  // The reading appears only inside that note: not as the 世帯主 value on its own.
  expect(printed.split('みほんたろう').length - 1).toBe(1);
  await finishVisit(page);
});

// The demo resident (41, so the 医療保険・特定疾病 screen is hers too) applies for 要介護認定 while in hospital: the
// 入院 screen appears once she answers あり, asks the hospital and the period (from, and to or 未定), and the form
// prints them on its 入院期間 row.
import { test, expect } from './support/kiosk-fixture';
import { answerOnScreen, answerQuestions, confirmAndSubmit, demoCardVisit, expectReview, expectPrinted, finishVisit, producedPdfText } from './support/kiosk-flow';

test('介護認定: 入院 = あり asks the hospital and 入院期間 (to 未定), and the form prints them', async ({ page, kiosk, journey }) => {
  await demoCardVisit(page, kiosk, journey, { procedureId: 'care-certification' });
  const answers = {
    'care.kind': 'new', kana: 'みほん　はなこ', phone: '0478-54-1111', 'care.clinic': 'かとりちゅうおうびょういん', 'care.doctor': 'みほん　いちろう',
    'care.hospitalized': 'yes', 'care.hospital': 'かとりちゅうおうびょういん', 'care.hospitalFrom': '2026-10-01', 'care.hospitalEnd': 'undecided',
    'care.agency': 'none', 'care.disease': 'かんせつりうまち',
  };
  await answerQuestions(page, journey, { procedureId: 'care-certification', answers, until: 'care.hospital' });
  const period = page.locator('[data-question-key="care.hospitalTo"]');
  await expect(page.locator('[data-question-key="care.hospitalFrom"]')).toBeVisible();
  // The day of discharge only once one is known; 未定 leaves it out.
  await answerOnScreen(page, 'care-certification', 'care.hospitalEnd', 'date');
  await expect(period).toBeVisible();
  await answerOnScreen(page, 'care-certification', 'care.hospitalEnd', 'undecided');
  await expect(period).toHaveCount(0);
  await answerQuestions(page, journey, { procedureId: 'care-certification', answers });
  await expectReview(page, journey, 1);
  const ticket = await confirmAndSubmit(page, journey);
  expectPrinted(producedPdfText(kiosk, ticket, 'care-certification'), ['入院期間', '令和8年10月1日', 'かとりちゅうおうびょういん', '未定']);
  await finishVisit(page);
});

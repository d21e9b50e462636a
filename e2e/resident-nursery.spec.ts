// The demo resident applies for a nursery place for her daughter (born 令和7年6月): the daughter's 個人番号 is typed on
// the digit pad and read back masked, and 認定区分 offers only 3号 once the entry date makes her under 3 on 1 April.
import { test, expect } from './support/kiosk-fixture';
import { answerOnScreen, answerQuestions, confirmAndSubmit, demoCardVisit, expectReview, finishVisit, producedPdfText } from './support/kiosk-flow';

const childNumber = '555566664444';

test('保育: the child\'s My Number is asked and masked on the review; 認定区分 offers only what the child\'s age allows', async ({ page, kiosk, journey }) => {
  await demoCardVisit(page, kiosk, journey, { procedureId: 'nursery-application' });
  const answers = {
    kana: 'みほん　はなこ', phone: '0478-54-1111', 'nursery.reason.applicant': 'work', 'nursery.facility1': 'さわらほいくえん',
    'household.1.relationship': 'child', 'household.1.kana': 'みほん　さくら', 'household.1.birthDate': '2025-06-01', 'household.1.sex': '2',
    'household.1.myNumber': childNumber, 'nursery.startOn': '2027-04-01', 'nursery.category': '3', 'nursery.hours': 'standard',
  };
  await answerQuestions(page, journey, { procedureId: 'nursery-application', answers, until: 'nursery.category' });
  const category = page.locator('[data-question-key="nursery.category"] [role="radio"]');
  // Before the entry date is known every 区分 is offered; from it, the child is 1 on 令和9年4月1日: 3号 only.
  await expect(category).toHaveCount(3);
  await answerOnScreen(page, 'nursery-application', 'nursery.startOn', '2027-04-01');
  await expect(category).toHaveCount(1);
  await expect(category).toHaveAttribute('data-value', '3');
  await journey.step('nursery-category-by-age');

  await answerQuestions(page, journey, { procedureId: 'nursery-application', answers });
  await expectReview(page, journey, 1);
  const review = await page.locator('.review-answers').innerText();
  expect(review).toContain('********4444');
  expect(review.includes(childNumber), 'the typed My Number is shown in full on the review').toBe(false);

  const ticket = await confirmAndSubmit(page, journey);
  const pdf = producedPdfText(kiosk, ticket, 'nursery-application');
  expect(pdf.includes(childNumber), "the child's My Number is printed on the form").toBe(true);
  expect(pdf).not.toContain('窓口で記入');
  await finishVisit(page);
});

// A resident claims 児童手当 and enters only her husband on the people screens: the form needs a child. The review
// does not just say "something needs checking": it names what, in the form's own words, with a button back to the
// screen where she can fix it — and after she adds the child the list is gone.
import { test, expect } from './support/kiosk-fixture';
import { answerQuestions, demoCardVisit, expectReview } from './support/kiosk-flow';

test.use({ viewport: { width: 1080, height: 1920 } });

test('the review lists each problem with the form’s words and a way back to its screen', async ({ page, kiosk, journey }) => {
  await demoCardVisit(page, kiosk, journey, { procedureId: 'jido-teate-nintei' });
  const spouse = { 'household.1.relationship': 'spouse', 'household.1.kana': 'みほん　たろう', 'household.1.birthDate': '1984-02-03', 'household.1.sex': '1', 'household.1.living': 'together' };
  await answerQuestions(page, journey, {
    procedureId: 'jido-teate-nintei',
    answers: { kana: 'みほん　はなこ', phone: '0478-54-1111', pension: 'national', ...spouse, 'account.method': 'public' },
  });
  await expectReview(page, journey, 1);
  const problems = page.locator('.review-problems');
  await expect(problems).toBeVisible();
  await expect(problems).toContainText('お子さんが必要です');
  await expect(problems.getByRole('button', { name: /直す/ })).toHaveCount(1);
  await journey.step('review-problems');

  // 直す opens the next person's screen; the resident adds the child there.
  await problems.getByRole('button', { name: /直す/ }).click();
  await expect(page.locator('[data-question-key="household.2.relationship"]')).toBeVisible();
  await answerQuestions(page, journey, {
    procedureId: 'jido-teate-nintei',
    answers: {
      kana: 'みほん　はなこ', phone: '0478-54-1111', pension: 'national', ...spouse, 'account.method': 'public',
      'household.2.relationship': 'child', 'household.2.kana': 'みほん　さくら', 'household.2.birthDate': '2021-05-01', 'household.2.sex': '2', 'household.2.living': 'together',
    },
  });
  await expectReview(page, journey, 1);
  await expect(page.locator('.review-problems')).toHaveCount(0);
});

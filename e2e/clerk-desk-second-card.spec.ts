// The clerk's live mirror while the kiosk reads a family member's own card, on the real rig with two browser contexts
// (kiosk and desk): the desk says whose card — the role the resident chose and the person's number — and nothing more
// of them; the line goes once the step ends.
import { clerkWord } from '../src-renderer/clerk/words';
import { clerkDeskTest, pairClerk } from './support/clerk-desk';
import { Journey, expect } from './support/kiosk-fixture';
import { answerQuestions, enterPin, openKiosk, startVisit } from './support/kiosk-flow';

const test = clerkDeskTest();

test("the desk's mirror names whose card the kiosk is reading: 配偶者（1人目）", async ({ page, browser, kiosk, journey }) => {
  test.setTimeout(180_000);
  await openKiosk(page, kiosk);
  const clerk = await pairClerk(browser, page, kiosk.url);
  const clerkShots = new Journey(clerk, 'clerk-desk-second-card');
  await startVisit(page, journey, { language: 'ja', procedureId: 'jido-teate-nintei' });
  await kiosk.insertCard('demo', { delayMs: 30 });
  await enterPin(page, '1234');
  await expect(page.locator('.screen-take-card')).toBeVisible();
  await kiosk.removeCard();
  await answerQuestions(page, journey, {
    procedureId: 'jido-teate-nintei',
    answers: { kana: 'みほん　はなこ', postalCode: '287-8501', phone: '0478-54-1111', pension: 'national' },
    until: 'household.1.relationship',
  });
  // Chosen on the person's screen, not yet sent: the mirror has it as the resident's typing.
  await page.locator('[data-question-key="household.1.relationship"]').getByRole('radio').first().click();
  await page.locator('.person-card-have').click();
  await expect(page.locator('.screen-person-card')).toBeVisible();

  const mirror = clerk.locator('.desk-mirror');
  await expect(mirror).toHaveAttribute('data-step', 'person-card');
  const line = mirror.locator('.desk-person-card');
  await expect(line).toHaveText(clerkWord('ja', 'mirror.personCard', { role: clerkWord('ja', 'mirror.role.spouse'), n: 1 }));
  await expect(line).toHaveText('配偶者（1人目）のカードを読んでいます');
  await clerkShots.step('mirror-person-card');

  // Back to typing: the card step is over, and the desk says so.
  await page.locator('.person-card-cancel').click();
  await expect(page.locator('.person-card-have')).toBeVisible();
  await expect(mirror).toHaveAttribute('data-step', 'questions');
  await expect(line).toHaveCount(0);
});

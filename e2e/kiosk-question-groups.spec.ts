// A group's screen asks several questions but shows one keyboard at a time: the first unanswered required question is
// open, the others are collapsed to their value in a large field; "next" opens the next unanswered required one and
// moves focus there (an optional one opens only when touched); touching a collapsed field opens it again; a choice
// stays a row of big buttons. Every touch target ≥ 60 px.
import type { Page } from '@playwright/test';
import { test, expect, type Journey, type KioskStage } from './support/kiosk-fixture';
import { answerQuestions, enterPin, expectReview, openKiosk, startVisit } from './support/kiosk-flow';
import { words } from './support/words';

/** Visible buttons of the screen narrower or lower than 60 CSS px, named by their text. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.locator('main button:visible').evaluateAll((buttons) =>
    buttons
      .map((b) => ({ r: b.getBoundingClientRect(), name: (b.textContent ?? '').trim() || (b.getAttribute('aria-label') ?? '?') }))
      .filter(({ r }) => r.width < 60 || r.height < 60)
      .map(({ r, name }) => `${name} ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
}

/** The questions showing a keyboard, keypad or date picker. */
const openKeyboards = (page: Page) => page.locator('.screen-question [data-question-key]:has(.kana-keyboard, .keypad, .latin-keyboard, .input-date)');

async function toFirstQuestion(page: Page, kiosk: KioskStage, journey: Pick<Journey, 'step'>) {
  await openKiosk(page, kiosk);
  await startVisit(page, journey, { language: 'ja', procedureId: 'juminhyo-request' });
  await kiosk.insertCard('demo');
  await enterPin(page, '1234');
  await expect(page.locator('.screen-take-card')).toBeVisible();
  await kiosk.removeCard();
  await expect(page.locator('.screen-question-group')).toBeVisible();
}

test.describe('a group of questions on one screen', () => {
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1080, height: 1920 },
  ]) {
    test(`${viewport.width}×${viewport.height}: one keyboard at a time, and "next" walks the unanswered questions`, async ({ page, kiosk, journey }) => {
      await page.setViewportSize(viewport);
      await toFirstQuestion(page, kiosk, journey);
      const kana = page.locator('[data-question-key="kana"]');
      const phone = page.locator('[data-question-key="phone"]');

      // At the start: the first unanswered question (ふりがな) is open, the phone collapsed to an empty field.
      await expect(kana).toHaveClass(/question-open/);
      await expect(kana.locator('.kana-keyboard')).toBeVisible();
      await expect(openKeyboards(page)).toHaveCount(1);
      await expect(phone.locator('.keypad')).toHaveCount(0);
      await expect(phone.locator('.question-field')).toHaveAccessibleName(/電話番号/);
      await expect(phone.locator('.question-field')).toContainText(words('review.notAnswered'));
      await journey.step('group-open-first', { screen: 'group:open-first' });
      expect(await smallTargets(page)).toEqual([]);

      await kana.locator('.kana-grid .key-kana', { hasText: /^み$/ }).click();
      await kana.locator('.kana-grid .key-kana', { hasText: /^ほ$/ }).click();
      await kana.locator('.kana-grid .key-kana', { hasText: /^ん$/ }).click();
      // "Next question": the phone opens with its keypad, focus moves into it, ふりがな shows what was typed.
      await kana.locator('.question-done').click();
      await expect(phone).toHaveClass(/question-open/);
      await expect(phone.locator('.keypad')).toBeVisible();
      await expect(openKeyboards(page)).toHaveCount(1);
      await expect(phone).toBeFocused();
      await expect(kana.locator('.question-field')).toContainText('みほん');
      await expect(kana.locator('.question-field')).toHaveAccessibleName(/ふりがな.*みほん/);

      for (const d of '0478541111') await phone.locator('.keypad .key-digit', { hasText: new RegExp(`^${d}$`) }).click();
      await journey.step('group-second-open', { screen: 'group:second-open' });
      expect(await smallTargets(page)).toEqual([]);
      // "Next question" goes on to whose record it is: a choice is its own row of buttons, no keyboard opens.
      await phone.locator('.question-done').click();
      const relation = page.locator('[data-question-key="juminhyo.relation"]');
      await expect(relation.getByRole('radio').first()).toBeVisible();
      await expect(openKeyboards(page)).toHaveCount(0);
      await relation.getByRole('radio').first().click();
      await expect(openKeyboards(page)).toHaveCount(0);
      expect(await smallTargets(page)).toEqual([]);
      await journey.step('group-choice', { screen: 'group:choice' });

      // Touching a collapsed field opens its keyboard again, with the answer kept; with nothing left unanswered its
      // button closes it and hands focus to the screen's Next.
      await kana.locator('.question-field').click();
      await expect(kana.locator('.kana-keyboard')).toBeVisible();
      await expect(kana.locator('.typed-value')).toHaveText('みほん');
      await expect(openKeyboards(page)).toHaveCount(1);
      await expect(kana.locator('.question-done')).toHaveText(words('questions.closeField'));
      await kana.locator('.question-done').click();
      await expect(openKeyboards(page)).toHaveCount(0);
      await expect(page.locator('main .nav-row .btn-go')).toBeFocused();
      await journey.step('group-all-collapsed', { screen: 'group:all-collapsed' });

      // For 本人 the screen about whose record it is (住所, 世帯主 …) is not asked at all: next come the copies.
      await page.locator('main .nav-row .btn-go').click();
      await expect(page.locator('[data-question-key="copies.all"]')).toBeVisible();
      await expect(page.locator('[data-question-key="juminhyo.subjectAddress"]')).toHaveCount(0);
      await page.locator('.btn-cancel').click();
      await page.getByRole('alertdialog').locator('.btn-danger').click();
      await expect(page.locator('button.attract')).toBeVisible();
    });
  }

  test('in larger text and やさしい日本語, a group keeps one keyboard open and every target ≥ 60 px', async ({ page, kiosk, journey }) => {
    await openKiosk(page, kiosk);
    await page.locator('.btn-header[aria-pressed]').click();
    await startVisit(page, journey, { language: 'easy', procedureId: 'juminhyo-request' });
    await kiosk.insertCard('demo');
    await enterPin(page, '1234');
    await expect(page.locator('.screen-take-card')).toBeVisible();
    await kiosk.removeCard();
    const kana = page.locator('[data-question-key="kana"]');
    await expect(kana.locator('.kana-keyboard')).toBeVisible();
    await expect(openKeyboards(page)).toHaveCount(1);
    await journey.step('group-large-text-easy', { screen: 'group:large-text-easy' });
    expect(await smallTargets(page)).toEqual([]);
    await kana.locator('.question-done').click();
    await expect(page.locator('[data-question-key="phone"] .keypad')).toBeVisible();
    await expect(openKeyboards(page)).toHaveCount(1);
    await journey.step('group-large-text-easy-phone', { screen: 'group:large-text-easy-phone' });
    expect(await smallTargets(page)).toEqual([]);
    await page.locator('.btn-cancel').click();
    await page.getByRole('alertdialog').locator('.btn-danger').click();
    await expect(page.locator('button.attract')).toBeVisible();
  });

  test('a refused answer opens its question; one changed from the review opens first on its screen', async ({ page, kiosk, journey }) => {
    await toFirstQuestion(page, kiosk, journey);
    // A phone number too short: refused by the service, it opens (though ふりがな was the one open) and says why.
    const phone = page.locator('[data-question-key="phone"]');
    const kana = page.locator('[data-question-key="kana"]');
    // Next with both required questions empty: the screen stays, the first one opens and asks for an answer.
    await page.locator('main .nav-row .btn-go').click();
    await expect(kana.locator('.notice-error')).toContainText(words('problem.required'));
    await expect(kana).toHaveClass(/question-open/);
    await expect(phone.locator('.notice-error')).toContainText(words('problem.required'));
    await journey.step('group-required-empty', { screen: 'group:required-empty' });
    await kana.locator('.kana-grid .key-kana', { hasText: /^み$/ }).click();
    await phone.locator('.question-field').click();
    for (const d of '12') await phone.locator('.keypad .key-digit', { hasText: new RegExp(`^${d}$`) }).click();
    await kana.locator('.question-field').click();
    await expect(kana).toHaveClass(/question-open/);
    await page.locator('main .nav-row .btn-go').click();
    await expect(phone.locator('.notice-error')).toBeVisible();
    await expect(phone).toHaveClass(/question-open/);
    await expect(phone).toBeFocused();
    await expect(phone.locator('.typed-value')).toHaveText('12');
    await expect(kana.locator('.question-field')).toBeVisible();
    await journey.step('group-refused', { screen: 'group:refused' });
    // ⌫ twice: the journey below types the whole number again.
    await phone.locator('.keypad .key-extra[aria-label]').last().click();
    await phone.locator('.keypad .key-extra[aria-label]').last().click();
    // み is typed already (above): the journey types the rest.
    await answerQuestions(page, journey, { procedureId: 'juminhyo-request', answers: { kana: 'ほん', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 1 } });
    await expectReview(page, journey, 1);
    await page.getByRole('button', { name: `${words('review.edit')}: 電話番号` }).click();
    const phoneAgain = page.locator('[data-question-key="phone"]');
    await expect(phoneAgain).toHaveClass(/question-open/);
    await expect(phoneAgain.locator('.typed-value')).toHaveText('0478-54-1111');
    await expect(page.locator('[data-question-key="kana"] .question-field')).toContainText('みほん');
    await page.locator('.btn-cancel').click();
    await page.getByRole('alertdialog').locator('.btn-danger').click();
    await expect(page.locator('button.attract')).toBeVisible();
  });
});

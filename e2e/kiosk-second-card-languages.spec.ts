// A family member's own My Number Card in every kiosk language on a portrait kiosk (1080×1920): each screen of the
// card step, its refusals (the visitor's own card again, a card that is not a My Number Card, a wrong PIN with the
// person's own tries left), the person's screen with what the card gave, and the review that shows it — screenshot
// and axe (serious/critical) in ja, やさしい日本語, en, 中文, 한국어, Tiếng Việt and Português, and nothing cut off.
import type { Page } from '@playwright/test';
import { LANGUAGES, type Language } from '../src-main/contract/kiosk';
import { test, expect, type Journey } from './support/kiosk-fixture';
import { answerQuestions, enterPin, expectReview, openKiosk, startVisit } from './support/kiosk-flow';

test.use({ viewport: { width: 1080, height: 1920 }, axeEveryScreen: false });

const claim = 'jido-teate-nintei';
const answers = {
  kana: 'みほん　はなこ',
  postalCode: '287-8501',
  phone: '0478-54-1111',
  pension: 'national',
  'household.1.relationship': 'spouse',
  'household.1.kana': 'みほん　へいた',
  'household.1.living': 'together',
  'household.2.relationship': 'child',
  'household.2.kana': 'みほん　さくら',
  'household.2.birthDate': '2019-05-01',
  'household.2.sex': '2',
  'household.2.living': 'together',
  'account.usePublic': true,
};

/**
 * Text cut off or pushed past the screen's edge: an element whose content is wider than its box, or one past 1080px;
 * and in the header, the app's name, the step count and the buttons drawn over one another.
 */
async function overflowing(page: Page): Promise<string[]> {
  const header = await page.locator('.kiosk-header').evaluate((h) => {
    const parts = ['.header-app', '.header-step', '.header-actions'].map((s) => [s, h.querySelector(s)?.getBoundingClientRect()] as const);
    const out: string[] = [];
    for (const [i, [a, ra]] of parts.entries())
      for (const [b, rb] of parts.slice(i + 1))
        if (ra && rb && ra.left < rb.right - 1 && rb.left < ra.right - 1 && ra.top < rb.bottom - 1 && rb.top < ra.bottom - 1) out.push(`header: ${a} over ${b}`);
    return out;
  });
  return header.concat(await page.locator('main').evaluate((main) => {
    const out: string[] = [];
    for (const el of main.querySelectorAll<HTMLElement>('h1, h2, h3, p, button, dt, dd, li, label, span')) {
      if (el.offsetParent === null) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const clips = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
      if (box.right > window.innerWidth + 1 || (clips && el.scrollWidth > el.clientWidth + 1)) out.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.trim().slice(0, 40)}`);
    }
    return out;
  }));
}

/** One screen of the step in this language: screenshot, axe once per kind, and nothing cut off. */
async function shot(page: Page, journey: Journey, language: Language, screen: string): Promise<void> {
  await journey.step(`${screen}-${language}`, { screen: `person-card:${screen}@${language}`, axe: true });
  expect.soft(await overflowing(page), `cut off on ${screen} in ${language}`).toEqual([]);
}

test.describe("a family member's card in seven languages", () => {
  for (const language of LANGUAGES) {
    test(`${language}: every screen of the card step, its refusals and the review pass axe and fit the screen`, async ({ page, kiosk, journey }) => {
      test.setTimeout(240_000);
      await openKiosk(page, kiosk);
      await startVisit(page, { step: async () => {} }, { language, procedureId: claim });
      await kiosk.insertCard('demo', { delayMs: 30 });
      await enterPin(page, '1234');
      await expect(page.locator('.screen-take-card')).toBeVisible();
      await kiosk.removeCard();
      await answerQuestions(page, { step: async () => {} }, { procedureId: claim, answers, until: 'household.1.relationship' });
      await page.locator('[data-question-key="household.1.relationship"]').getByRole('radio').first().click();
      // By the screen's parts, not its words: やさしい日本語 puts furigana inside them.
      const have = page.locator('.person-card-have');
      await expect(have).toBeVisible();
      await shot(page, journey, language, 'offer');

      const card = page.locator('.screen-person-card');
      const placing = card.locator('.reader-state-empty');
      await have.click();
      await expect(placing).toBeVisible();
      await shot(page, journey, language, 'place');

      // The visitor's own card again.
      await kiosk.insertCard('demo', { delayMs: 30 });
      await expect(card.locator('.pin-pad')).toBeVisible();
      await shot(page, journey, language, 'pin');
      await enterPin(page, '1234');
      await expect(card.locator('.notice-error')).toBeVisible();
      await expect(card.locator('.pin-pad')).toHaveCount(0);
      await shot(page, journey, language, 'visitor-card');
      await kiosk.removeCard();

      // A card that is not a My Number Card.
      await expect(placing).toBeVisible();
      await kiosk.insertCard('not-my-number-card');
      await expect(card.locator('.notice-error')).toBeVisible();
      await shot(page, journey, language, 'not-my-number-card');
      await kiosk.removeCard();

      // The spouse's card: a wrong PIN shows their own tries left; the right one reads it.
      await expect(placing).toBeVisible();
      await kiosk.insertCard('heisei-first-day', { delayMs: 30 });
      await expect(card.locator('.tries-left')).toContainText('3');
      await enterPin(page, '9999');
      await expect(card.locator('.tries-left')).toContainText('2');
      await expect(card.locator('.notice-error')).toBeVisible();
      await shot(page, journey, language, 'wrong-pin');
      await enterPin(page, '0108');
      await expect(card.locator('.take-card-picture')).toBeVisible();
      await expect(card.locator('.pin-pad')).toHaveCount(0);
      await shot(page, journey, language, 'take');
      await kiosk.removeCard();

      const read = page.locator('.screen-question .person-card-read');
      await expect(read.locator('.person-card-name')).toHaveText('見本　平太');
      await expect(read.locator('.tag-from-card')).toBeVisible();
      await shot(page, journey, language, 'read');

      await answerQuestions(page, { step: async () => {} }, { procedureId: claim, answers });
      await expectReview(page, { step: async () => {} }, 1);
      const onReview = page.locator('.screen-review .person-card-read[data-person="1"]');
      await expect(onReview.locator('.person-card-name')).toHaveText('見本　平太');
      await onReview.scrollIntoViewIfNeeded();
      await shot(page, journey, language, 'review');
    });
  }
});

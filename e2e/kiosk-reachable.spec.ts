// A resident is never trapped, portrait or landscape, normal or larger text: Next stays on the screen (a keyboard or
// long content scrolls, the actions do not), an optional question waits to be touched, "next question" never goes
// round, the review is one scroll area that works in large text and at 200 % zoom, and the PIN pad is within reach.
import type { Locator, Page } from '@playwright/test';
import { test, expect, type Journey, type KioskStage } from './support/kiosk-fixture';
import { answerQuestions, enterPin, expectReview, openKiosk, startVisit } from './support/kiosk-flow';
import { words } from './support/words';

const ANSWERS = { kana: 'みほん　はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 1 };

/** The element is inside the viewport and nothing covers or clips it: each corner and the centre hit it. */
async function expectWhole(page: Page, locator: Locator, what: string, options: { hitTest?: boolean } = {}): Promise<void> {
  const box = await locator.boundingBox();
  const view = page.viewportSize()!;
  expect(box, what).not.toBeNull();
  const inside = box!.x >= -0.5 && box!.y >= -0.5 && box!.x + box!.width <= view.width + 0.5 && box!.y + box!.height <= view.height + 0.5;
  expect(inside, `${what} inside the ${view.width}×${view.height} viewport: ${JSON.stringify(box)}`).toBe(true);
  // Under CSS zoom elementFromPoint and getBoundingClientRect do not share one coordinate space: the box alone counts.
  if (options.hitTest === false) return;
  const hidden = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    // 8 px in from each corner: inside the rounded corners of the kiosk's buttons.
    const points = [[r.left + 8, r.top + 8], [r.right - 8, r.top + 8], [r.left + 8, r.bottom - 8], [r.right - 8, r.bottom - 8], [(r.left + r.right) / 2, (r.top + r.bottom) / 2]] as const;
    return points.filter(([x, y]) => {
      const at = document.elementFromPoint(x, y);
      return at === null || !(at === el || el.contains(at));
    }).length;
  });
  expect(hidden, `${what}: corners covered or clipped`).toBe(0);
}

/** The ancestors of an element that scroll vertically (the document counts when it scrolls). */
const verticalScrollAreas = (locator: Locator) =>
  locator.evaluate((el) => {
    const areas: string[] = [];
    for (let e = el.parentElement; e && e !== document.documentElement && e !== document.body; e = e.parentElement) {
      if (/(auto|scroll|overlay)/.test(getComputedStyle(e).overflowY)) areas.push(`${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`);
    }
    const root = document.scrollingElement!;
    if (root.scrollHeight > root.clientHeight + 1) areas.push('document');
    return areas;
  });

/** Visible elements running past the right (or left) edge of the viewport, and a document wider than it. */
const overflowingSideways = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (r.right > width + 1 || r.left < -1) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${Math.round(r.left)}…${Math.round(r.right)} > ${width}`);
    }
    if (document.documentElement.scrollWidth > width + 1) out.push(`document ${document.documentElement.scrollWidth} > ${width}`);
    return out;
  });

/** The questions showing a keyboard, keypad or date picker. */
const openKeyboards = (page: Page) => page.locator('.screen-question [data-question-key]:has(.kana-keyboard, .keypad, .latin-keyboard, .input-date)');

async function toPinPad(page: Page, kiosk: KioskStage, journey: Pick<Journey, 'step'>, largeText: boolean) {
  await openKiosk(page, kiosk);
  if (largeText) await page.locator('.btn-header[aria-pressed]').click();
  await startVisit(page, journey, { language: 'ja', procedureId: 'juminhyo-request' });
  await kiosk.insertCard('demo');
  await expect(page.locator('.screen-pin .pin-pad')).toBeVisible();
}

/** Presses the open question's "next question" until none is open; returns the questions it opened, in order. */
async function walkNextQuestion(page: Page): Promise<string[]> {
  const opened: string[] = [];
  for (let i = 0; i < 12; i++) {
    const open = page.locator('.question-open:has(.question-done)');
    if ((await open.count()) === 0) return opened;
    opened.push((await open.getAttribute('data-question-key'))!);
    await open.locator('.question-done').click();
  }
  return opened;
}

async function tapKana(block: Locator, text: string) {
  for (const c of text) await block.locator('.kana-grid .key-kana', { hasText: new RegExp(`^${c}$`) }).click();
}

// One folder of screenshots per test (a describe gives each test its own).
test.describe('a resident is never trapped', () => {
  for (const view of [
    { width: 1080, height: 1920 },
    { width: 1920, height: 1080 },
  ]) {
    for (const largeText of [false, true]) {
      const size = `${view.width}×${view.height}${largeText ? ', larger text' : ''}`;
      test(`${size}: Next always reachable, no keyboard opens by itself, "next question" never goes round, the review is one usable scroll area`, async ({ page, kiosk, journey }) => {
        test.setTimeout(240_000);
        await page.setViewportSize(view);
        await toPinPad(page, kiosk, journey, largeText);

        // The PIN pad: whole on the screen, below its display; in portrait in the lower half, within reach.
        const pad = page.locator('.screen-pin .pin-pad');
        await expectWhole(page, pad.locator('.btn-go'), 'the PIN OK button');
        await expectWhole(page, page.locator('.screen-pin .btn-link'), 'the way to a clerk');
        const padBox = (await pad.boundingBox())!;
        const dotsBox = (await page.locator('.pin-dots').boundingBox())!;
        expect(dotsBox.y + dotsBox.height, 'the PIN display above the pad').toBeLessThanOrEqual(padBox.y);
        if (view.height > view.width) expect(padBox.y, 'the PIN pad in the lower half of a portrait screen').toBeGreaterThanOrEqual(view.height / 2);
        await journey.step('pin', { screen: `reachable:pin:${size}` });

        await enterPin(page, '1234');
        await expect(page.locator('.screen-take-card')).toBeVisible();
        await kiosk.removeCard();
        await expect(page.locator('.screen-question-group')).toBeVisible();
        const next = page.locator('main .nav-row .btn-go');

        // About you: the required ふりがな is open with its keyboard, and Next is still whole on the screen.
        await expect(page.locator('[data-question-key="kana"]')).toHaveClass(/question-open/);
        await expectWhole(page, next, 'Next with the kana keyboard open');
        // "Next question" with nothing typed walks the required typed questions once each (a choice needs no keyboard).
        const walked = await walkNextQuestion(page);
        expect(walked).toEqual(['kana', 'phone']);
        await expect(openKeyboards(page)).toHaveCount(0);
        await journey.step('about-you-walked', { screen: `reachable:about-you:${size}` });

        const kana = page.locator('[data-question-key="kana"]');
        await kana.locator('.question-field').click();
        await tapKana(kana, 'みほん');
        const phone = page.locator('[data-question-key="phone"]');
        await phone.locator('.question-field').click();
        for (const d of '0478541111') await phone.locator('.keypad .key-digit', { hasText: new RegExp(`^${d}$`) }).click();
        await expectWhole(page, next, 'Next with the phone keypad open');
        await phone.locator('.question-done').click();

        // Whose record: after 本人 nothing opens by itself, Next is whole (the 必要な方 screen is not asked for 本人).
        const relation = page.locator('[data-question-key="juminhyo.relation"]');
        await relation.getByRole('radio').first().click();
        await expect(relation.getByRole('radio').first()).toHaveAttribute('aria-checked', 'true');
        await page.waitForTimeout(300);
        await expect(openKeyboards(page)).toHaveCount(0);
        await expect(page.locator('.question-open:not(.question-inline) .question-done')).toHaveCount(0);
        await expectWhole(page, next, 'Next after 本人');
        await journey.step('subject-self', { screen: `reachable:subject:${size}` });
        await next.click();

        // The copies: an optional field opened by touch: its keyboard scrolls with the questions, Next stays; its
        // button closes it and hands focus to Next.
        const some = page.locator('[data-question-key="copies.some"]');
        await some.locator('.question-field').click();
        await expect(openKeyboards(page)).toHaveCount(1);
        await expectWhole(page, next, 'Next with an optional keyboard open');
        await journey.step('subject-optional-open', { screen: `reachable:subject-open:${size}` });
        await expect(some.locator('.question-done')).toHaveText(words('questions.closeField'));
        expect(await walkNextQuestion(page)).toEqual(['copies.some']);
        await expect(openKeyboards(page)).toHaveCount(0);
        await expect(next).toBeFocused();

        await answerQuestions(page, journey, { procedureId: 'juminhyo-request', answers: ANSWERS });
        await expectReview(page, journey, 1);

        // The review: the answers and the exact pages share one scroll area; the document itself does not scroll.
        const edits = page.locator('.screen-review .answer-list button');
        const pageImage = page.locator('img.review-page').first();
        const area = await verticalScrollAreas(pageImage);
        expect(area, 'the pages scroll in exactly one area').toHaveLength(1);
        expect(area[0]).not.toBe('document');
        expect(await edits.count()).toBeGreaterThan(3);
        for (let i = 0; i < (await edits.count()); i++) {
          const edit = edits.nth(i);
          expect(await verticalScrollAreas(edit), 'each 直す scrolls in that same one area').toEqual(area);
          await edit.scrollIntoViewIfNeeded();
          await expectWhole(page, edit, `直す #${i + 1}`);
          await expect(edit).toHaveText(words('review.edit'));
          const value = edit.locator('xpath=ancestor::div[1]/dd[1]');
          await expect(value).not.toBeEmpty();
          const valueBox = (await value.boundingBox())!;
          expect(valueBox.width, `answer #${i + 1} has room for its value`).toBeGreaterThanOrEqual(200);
        }
        await expect(page.locator('.screen-review .answer-list dd', { hasText: 'みほん' })).toBeVisible();
        await expectWhole(page, page.locator('.screen-review .nav-row .btn-go'), 'この内容でよい');
        await journey.step('review-scrolled', { screen: `reachable:review:${size}` });

        if (view.width > view.height) {
          // 200 % browser zoom: the same screen in half the CSS pixels; nothing runs off the right, no 直す cut.
          await page.setViewportSize({ width: view.width / 2, height: view.height / 2 });
          await page.waitForTimeout(300);
          expect(await overflowingSideways(page), '200 % zoom').toEqual([]);
          for (let i = 0; i < (await edits.count()); i++) {
            await edits.nth(i).scrollIntoViewIfNeeded();
            await expectWhole(page, edits.nth(i), `直す #${i + 1} at 200 %`);
          }
          await journey.step('review-zoom-200', { axe: false });
          // CSS zoom on the body at the full size: the same promise.
          await page.setViewportSize(view);
          await page.evaluate(() => (document.body.style.zoom = '2'));
          await page.waitForTimeout(300);
          expect(await overflowingSideways(page), 'body zoom 2').toEqual([]);
          await expectWhole(page, page.locator('.screen-review .nav-row .btn-go'), 'この内容でよい at body zoom 2', { hitTest: false });
          await journey.step('review-body-zoom-200', { axe: false });
          await page.evaluate(() => (document.body.style.zoom = ''));
        }

        await page.locator('.btn-cancel').click();
        await page.getByRole('alertdialog').locator('.btn-danger').click();
        await expect(page.locator('button.attract')).toBeVisible();
      });
    }
  }
});

// axe (serious/critical) on every question screen in 中文, 한국어, Tiếng Việt and Português, as ja, easy and en get it
// from the journeys — and no English text of the form (a title, question, option or help) on a screen of those
// languages: the screens of 住民票 (kana, phone, choices, multiline, text, number, checkboxes) and 児童手当
// (postal code, digits, 和暦 date, circle), and on each group's screen every collapsed keyboard opened once.
import type { Page } from '@playwright/test';
import type { AnswerValue, Language } from '../src-main/contract/kiosk';
import { test, expect, type Journey } from './support/kiosk-fixture';
import { answerQuestions, confirmAndSubmit, enterPin, expectReview, finishVisit, openKiosk, questionsOf, startVisit } from './support/kiosk-flow';

const visits: { procedureId: string; answers: Record<string, AnswerValue> }[] = [
  {
    procedureId: 'juminhyo-request',
    answers: { kana: 'みほん　はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 2, 'juminhyo.myNumber': false, 'juminhyo.submitTo': 'かとりしやくしょ' },
  },
  {
    procedureId: 'jido-teate-nintei',
    answers: { kana: 'みほん　はなこ', postalCode: '287-8501', phone: '0478-54-1111', pension: 'national', 'household.1.relationship': 'child', 'household.1.kana': 'みほん　さくら', 'household.1.birthDate': '2019-05-01', 'household.1.sex': '2', 'household.1.living': 'together', 'account.method': 'public' },
  },
];

/**
 * The journey's steps as screens of this language (axe runs once per kind of screen and worker). After a question
 * screen is answered, each collapsed question of a type not yet seen in this language is opened and checked too.
 */
function stepsIn(page: Page, journey: Journey, language: Language, opened: Set<string>, procedureId: string): Pick<Journey, 'step'> {
  const english = englishOnly(procedureId, language);
  return {
    async step(step, options = {}) {
      await journey.step(`${step}-${language}`, { ...options, screen: `${options.screen ?? step}@${language}` });
      const question = step.startsWith('question-');
      if (!question && step !== 'review' && step !== 'done') return;
      // Each text on the screen, node by node: none may be a form's English text where this language has its own.
      const shown = await page.locator('main').evaluate((main) => {
        const out: string[] = [];
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent?.trim()) out.push(n.textContent.trim());
        return out;
      });
      expect(shown.filter((t) => english.has(t)), `English under the ${language} heading on ${step}`).toEqual([]);
      if (!question) return;
      const collapsed = await page
        .locator('[data-question-key]:has(> .question-field)')
        .evaluateAll((blocks) => blocks.map((b) => [b.getAttribute('data-question-key')!, b.getAttribute('data-question-type')!] as const));
      for (const [key, type] of collapsed) {
        if (opened.has(type)) continue;
        opened.add(type);
        await page.locator(`[data-question-key="${key}"] > .question-field`).click();
        await expect(page.locator(`[data-question-key="${key}"]`)).toHaveClass(/question-open/);
        await journey.step(`open-${type}-${language}`, { screen: `open:${type}@${language}` });
      }
    },
  };
}

// In a describe: each test gets its own screenshot folder (see journeyName in support/kiosk-fixture.ts).
test.describe('question screens in four more languages', () => {
  // The two longest spec files: their journeys are independent, so both workers share them.
  test.describe.configure({ mode: 'parallel' });
  for (const language of ['zh-Hans', 'ko', 'vi', 'pt'] as const satisfies readonly Language[]) {
    for (const visit of visits) {
      test(`${language}: every question screen of ${visit.procedureId} passes axe, each keyboard open`, async ({ page, kiosk, journey }) => {
        test.setTimeout(180_000);
        const steps = stepsIn(page, journey, language, new Set(), visit.procedureId);
        await openKiosk(page, kiosk);
        await startVisit(page, steps, { language, procedureId: visit.procedureId });
        await expect(page.locator('html')).toHaveAttribute('lang', language);
        await kiosk.insertCard('demo');
        await enterPin(page, '1234');
        await expect(page.locator('.screen-take-card')).toBeVisible();
        await kiosk.removeCard();
        await answerQuestions(page, steps, visit);
        await expectReview(page, steps, 1);
        // The hand-in choice and the done screen (counter, fee, what to bring) in this language too.
        await confirmAndSubmit(page, steps);
        await finishVisit(page);
        await expect(page.locator('button.attract')).toBeVisible();
      });
    }
  }
});

/** The English texts of a procedure's questions (labels, options, help) whose translation into `language` differs. */
function englishOnly(procedureId: string, language: Language): Set<string> {
  const out = new Set<string>();
  const add = (text: unknown) => {
    const t = text as Record<string, string> | undefined;
    if (t?.['en'] && t[language] && t[language] !== t['en']) out.add(t['en']);
  };
  for (const q of questionsOf(procedureId)) {
    const question = q as unknown as Record<string, unknown>;
    add(question['label']);
    add(question['help']);
    for (const o of (question['options'] as { label: unknown }[] | undefined) ?? []) add(o.label);
  }
  return out;
}

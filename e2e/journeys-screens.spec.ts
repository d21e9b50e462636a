// One whole journey (住民異動届: groups, a 和暦 date, a signature) in 日本語, やさしい日本語, English and Tiếng Việt, on
// a landscape (1920×1080) and a portrait (1080×1920) kiosk: a screenshot of every step, for people to look at
// (test-results/screens/journeys-screens--*). axe runs on the portrait screens; the landscape ones are the journeys'.
import type { Language } from '../src-main/contract/kiosk';
import { test, expect, type Journey } from './support/kiosk-fixture';
import { answerQuestions, confirmAndSubmit, enterPin, expectReview, finishVisit, openKiosk, startVisit } from './support/kiosk-flow';

test.use({ axeEveryScreen: false });

const viewports = { landscape: { width: 1920, height: 1080 }, portrait: { width: 1080, height: 1920 } } as const;

test.describe('every step on screen', () => {
  // The two longest spec files: their journeys are independent, so both workers share them.
  test.describe.configure({ mode: 'parallel' });
  for (const [orientation, viewport] of Object.entries(viewports)) {
    for (const language of ['ja', 'easy', 'en', 'vi'] as const satisfies readonly Language[]) {
      test(`${orientation} ${language}: 住民異動届 from the attract screen to the ticket`, async ({ page, kiosk, journey }) => {
        test.setTimeout(180_000);
        await page.setViewportSize(viewport);
        const variant = `${language}-${orientation}`;
        const steps: Pick<Journey, 'step'> = {
          step: (step, options = {}) =>
            journey.step(step, { ...options, axe: orientation === 'portrait' && options.axe !== false, screen: `${options.screen ?? step}@${variant}` }),
        };
        await openKiosk(page, kiosk);
        await startVisit(page, steps, { language, procedureId: 'resident-move', languageScreen: true });
        await kiosk.insertCard('demo', { delayMs: 30 });
        await expect(page.locator('.screen-pin')).toBeVisible();
        await steps.step('pin');
        await enterPin(page, '1234');
        await expect(page.locator('.screen-take-card')).toBeVisible();
        await steps.step('take-card');
        await kiosk.removeCard();
        await answerQuestions(page, steps, {
          procedureId: 'resident-move',
          answers: { movedOn: '2025-03-31', kana: 'みほん　はなこ', phone: '0478-54-1111', 'move.newAddress': 'かとりしさわら1', postalCode: '287-8501', 'move.newHouseholder': 'みほん　はなこ' },
        });
        await expectReview(page, steps, 1);
        await confirmAndSubmit(page, steps);
        await finishVisit(page);
      });
    }
  }
});

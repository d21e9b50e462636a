// axe (serious/critical) on what the journeys of one procedure do not reach: the cancel dialog, the larger-text mode,
// and the flow's first screens in 中文, 한국어, Tiếng Việt and Português. (The "card left on the reader" notice needs
// a real reader, not DEMO: kiosk-card-left.spec.ts.)
import type { Language } from '../src-main/contract/kiosk';
import { test, expect, type Journey } from './support/kiosk-fixture';
import { enterPin, openKiosk, startVisit } from './support/kiosk-flow';

/** The journey's steps, checked by axe as screens of their own (axe runs once per kind of screen and worker). */
const asScreensOf = (journey: Journey, variant: string): Pick<Journey, 'step'> => ({
  step: (step, options = {}) => journey.step(`${step}-${variant}`, { ...options, screen: `${options.screen ?? step}@${variant}` }),
});

// In a describe: each test gets its own screenshot folder (see journeyName in support/kiosk-fixture.ts).
test.describe('screens beyond one journey', () => {
  test('the cancel dialog is accessible, and "no" keeps the visit where it was', async ({ page, kiosk, journey }) => {
    await openKiosk(page, kiosk);
    await startVisit(page, journey, { language: 'en', procedureId: 'juminhyo-request' });
    await page.locator('.btn-cancel').click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toBeVisible();
    await journey.step('cancel-dialog');
    await dialog.locator('.btn-secondary').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.locator('.screen-card')).toBeVisible();
    await page.locator('.btn-cancel').click();
    await page.getByRole('alertdialog').locator('.btn-danger').click();
    await expect(page.locator('button.attract')).toBeVisible();
    expect(await kiosk.memory()).toMatchObject({ hasSession: false });
  });

  test('the larger-text mode keeps the first screens accessible', async ({ page, kiosk, journey }) => {
    await openKiosk(page, kiosk);
    const toggle = page.locator('.btn-header[aria-pressed]');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('html')).toHaveClass(/large-text/);
    const steps = asScreensOf(journey, 'large-text');
    await startVisit(page, steps, { language: 'easy', procedureId: 'juminhyo-request' });
    await kiosk.insertCard('demo', { delayMs: 30 });
    await expect(page.locator('.screen-pin')).toBeVisible();
    await steps.step('pin');
    await page.locator('.btn-cancel').click();
    await steps.step('cancel-dialog');
    await page.getByRole('alertdialog').locator('.btn-danger').click();
    await expect(page.locator('button.attract')).toBeVisible();
  });

  for (const language of ['zh-Hans', 'ko', 'vi', 'pt'] as const satisfies readonly Language[]) {
    test(`the first screens in ${language} pass axe, up to the PIN pad and the "take your card" screen`, async ({ page, kiosk, journey }) => {
      await openKiosk(page, kiosk);
      const steps = asScreensOf(journey, language);
      await startVisit(page, steps, { language, procedureId: 'juminhyo-request' });
      await expect(page.locator('html')).not.toHaveAttribute('lang', 'ja');
      await kiosk.insertCard('demo', { delayMs: 30 });
      await expect(page.locator('.screen-pin')).toBeVisible();
      await steps.step('pin');
      await enterPin(page, '1234');
      await expect(page.locator('.screen-take-card')).toBeVisible();
      await steps.step('take-card');
      await kiosk.removeCard();
      await expect(page.locator('.screen-question')).toBeVisible();
      await steps.step('question');
      await page.locator('.btn-cancel').click();
      await page.getByRole('alertdialog').locator('.btn-danger').click();
      await expect(page.locator('button.attract')).toBeVisible();
    });
  }
});

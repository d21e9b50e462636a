// The clerk's desk beside the kiosk: two browser contexts on the real rig. The clerk pairs with the kiosk's code,
// watches the resident's answers in the live mirror, corrects one (the resident sees it on the review), and takes
// the submission from the queue; an unpaired browser gets 401 everywhere under /api/clerk.
import { CLERK_HTTP, CLERK_REQUEST_NAMES, CLERK_WS_PATH } from '../src-main/contract/clerk';
import { clerkDeskTest, pairClerk } from './support/clerk-desk';
import { Journey, expect } from './support/kiosk-fixture';
import { answerQuestions, confirmAndSubmit, enterPin, expectReview, openKiosk, startVisit } from './support/kiosk-flow';

const test = clerkDeskTest();

test('an unpaired browser gets 401 on every clerk API and its WebSocket is refused; it sees only the pairing page', async ({ browser, kiosk }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const origin = kiosk.url.replace(/\/$/, '');
  await page.goto(`${kiosk.url}clerk`);
  await expect(page.locator('#pairing-code')).toBeVisible();
  await expect(page.locator('.desk-queue, .desk-mirror')).toHaveCount(0);
  for (const path of [CLERK_HTTP.session, CLERK_HTTP.logout, CLERK_WS_PATH, ...CLERK_REQUEST_NAMES.map((n) => `${CLERK_WS_PATH}/${n}`)]) {
    expect((await context.request.get(`${origin}${path}`)).status(), `GET ${path}`).toBe(401);
    expect((await context.request.post(`${origin}${path}`, { headers: { Origin: origin } })).status(), `POST ${path}`).toBe(401);
  }
  const upgrade = await page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.onopen = () => resolve('open');
        ws.onclose = (e) => resolve(`closed ${e.code}`);
      }),
    `${origin.replace('http', 'ws')}${CLERK_WS_PATH}`,
  );
  expect(upgrade).toBe('closed 1006');
  await context.close();
});

test('the clerk pairs, sees the typed answer live, corrects it, the kiosk review shows the correction, and the submission arrives in the queue', async ({ page, browser, kiosk, journey }) => {
  await openKiosk(page, kiosk);
  const clerk = await pairClerk(browser, page, kiosk.url, async (code) => {
    // The kiosk lists the desk; the code it used is gone.
    await expect(page.locator('.staff-desks li[data-desk-id]')).toHaveCount(1);
    await expect(page.locator('.staff-code')).not.toHaveText(code);
  });
  const clerkShots = new Journey(clerk, 'clerk-desk--clerk');
  await clerkShots.step('mirror-idle');

  await startVisit(page, journey, { language: 'ja', procedureId: 'juminhyo-request' });
  await expect(clerk.locator('.desk-mirror')).toHaveAttribute('data-step', 'card');
  await kiosk.insertCard('demo', { delayMs: 30 });
  await expect(page.locator('.screen-pin')).toBeVisible();
  await enterPin(page, '1234');
  await expect(page.locator('.screen-take-card')).toBeVisible();
  await kiosk.removeCard();
  await expect(clerk.locator('.desk-resident')).toContainText('見本');

  // As the resident types (before Next sends anything), the desk shows the letters, marked as being typed.
  const kanaKeys = page.locator('[data-question-key="kana"] .kana-grid .key-kana');
  await kanaKeys.filter({ hasText: /^み$/ }).click();
  await kanaKeys.filter({ hasText: /^ほ$/ }).click();
  const kanaOnDesk = clerk.locator('[data-question-key="kana"] .desk-answer-value');
  await expect(kanaOnDesk).toHaveAttribute('data-typing', 'true');
  await expect(kanaOnDesk).toContainText('みほ');
  await clerkShots.step('mirror-typing');

  await answerQuestions(page, journey, {
    procedureId: 'juminhyo-request',
    // みほ is typed already: the journey types the rest.
    answers: { kana: 'ん　はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 2, 'juminhyo.myNumber': false, 'juminhyo.submitTo': 'かとりしやくしょ' },
  });
  await expectReview(page, journey, 1);
  const submitTo = clerk.locator('[data-question-key="juminhyo.submitTo"]');
  await expect(submitTo.locator('.desk-answer-value')).toHaveText('かとりしやくしょ');
  await expect(clerk.locator('.desk-mirror')).toHaveAttribute('data-step', 'review');
  await clerkShots.step('mirror-review');

  await submitTo.locator('button').click();
  await submitTo.locator('input').fill('かとりけいさつしょ');
  await clerkShots.step('mirror-correcting', { axe: false });
  await submitTo.locator('button[type=submit]').click();
  await expect(submitTo.locator('.desk-answer-value')).toHaveText('かとりけいさつしょ');
  await expect(page.locator('.screen-review')).toContainText('かとりけいさつしょ');
  await expectReview(page, journey, 1);

  const ticket = await confirmAndSubmit(page, journey);
  const row = clerk.locator(`.desk-queue tr[data-ticket="${ticket}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('受付済');
  await clerkShots.step('queue');
  await row.locator('button').click();
  await expect(clerk.locator('img.desk-page').first()).toBeVisible({ timeout: 30_000 });
  await clerkShots.step('opened');
  await clerk.locator('button', { hasText: '確認済にする' }).click();
  await expect(clerk.locator('.desk-status').first()).toContainText('確認済');

  // Export: the download carries the corrected answer under the core system's column names.
  const download = clerk.waitForEvent('download');
  await clerk.locator('button', { hasText: 'エクスポート' }).click();
  const json = await (await download).createReadStream().then(async (s) => {
    let text = '';
    for await (const chunk of s) text += String(chunk);
    return text;
  });
  const record = JSON.parse(json) as { ticketNumber: string; templateId: string };
  expect(record.ticketNumber).toBe(ticket);
  expect(record.templateId).toBe('juminhyo-request');
  expect(json).toContain('かとりけいさつしょ');

  // The audit names the corrected field, never its value.
  const audit = (kiosk.service as unknown as { clerk: { options: { queue: { auditLog(): { action: string; fieldId: string | null; detail: string | null }[] } } } }).clerk.options.queue.auditLog();
  expect(audit.filter((e) => e.action === 'correction')).toEqual([expect.objectContaining({ fieldId: 'juminhyo.submitTo', detail: 'live-session' })]);
  expect(JSON.stringify(audit)).not.toContain('けいさつ');
  await clerk.context().close();
});

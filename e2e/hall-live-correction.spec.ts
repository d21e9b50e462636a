// A clerk at a desk on the city hall corrects a resident's answer while she is still at a joined kiosk (1920×1080
// desk): the desk follows the kiosk's live screen, 修正 sends the new answer through the hall to the kiosk, which takes
// it as its paired desk's correction; the resident's review and the desk's mirror both show it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { hashPassphrase } from '../src-main/counter/admin/config';
import { joinHall } from '../src-main/hall/join';
import type { HallServer } from '../src-main/hall/server';
import { startHallRig, type HallRig } from '../src-main/hall/test/hall-rig';
import { holdKioskSession, Journey, repoRoot, startStage, type KioskStage } from './support/kiosk-fixture';
import { demoJuminhyoToReview, openKiosk } from './support/kiosk-flow';

test.describe.configure({ mode: 'serial' });

let rig: HallRig;
let hall: HallServer;
let stage: { stage: KioskStage; stop(): Promise<void> } | undefined;
const screens = join(repoRoot, 'test-results', 'screens', 'hall-live-correction');

async function shot(page: Page, name: string, axe = true): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: join(screens, `${name}.png`), animations: 'disabled' });
  if (!axe) return;
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ rule: v.id, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  expect.soft(serious, `axe on ${name}`).toEqual([]);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  mkdirSync(screens, { recursive: true });
  rig = await startHallRig('e2e-hall-live-correction');
  hall = await rig.start();
  await hall.stores.staff.put({ name: 'sato', role: 'clerk', site: 'honcho', passphraseHash: await hashPassphrase('sato passphrase long', { N: 2 ** 10, r: 8, p: 1 }) });
  const desk = await hall.stores.registry.add('desk', 'honcho', '窓口 1');
  await hall.stores.registry.issueCode(desk.id, 'DESKA23456', Date.now() + 60_000);
  const kiosk = await hall.stores.registry.add('kiosk', 'honcho', '1階 A');
  await hall.stores.registry.issueCode(kiosk.id, 'KIOSKA2345', Date.now() + 60_000);
  // The kiosk of the journeys (the PC/SC rig, the demo card), joined to this hall as `kakanai kiosk join` does.
  stage = await startStage({ beforeStart: (dataDir) => joinHall({ hall: `https://localhost:${hall.port}`, code: 'KIOSKA2345', ca: rig.tls.ca, dataDir }).then(() => undefined) });
});

test.afterAll(async () => {
  await stage?.stop();
  await hall?.close();
  await rig?.remove();
});

test('a hall desk corrects the answer of a resident still at the kiosk: her review and the desk\'s mirror show it', async ({ browser }) => {
  test.setTimeout(240_000);
  const kiosk = stage!.stage;
  const deskContext = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1920, height: 1080 } });
  const desk = await deskContext.newPage();
  const errors: string[] = [];
  desk.on('pageerror', (e) => errors.push(e.message));
  await desk.goto(`https://localhost:${hall.port}/desk/`);
  await desk.getByLabel('登録コード').fill('DESKA-23456');
  await desk.getByRole('button', { name: '登録' }).click();
  await desk.getByLabel('職員名').fill('sato');
  await desk.getByLabel('パスフレーズ').fill('sato passphrase long');
  await desk.getByRole('button', { name: 'サインイン' }).click();
  const row = desk.locator('.hall-kiosk[data-kiosk="1階 A"]');
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: '画面を見る' }).click();

  const kioskContext = await holdKioskSession(await browser.newContext({ viewport: { width: 1920, height: 1080 } }), kiosk);
  const page = await kioskContext.newPage();
  const journey = new Journey(page, 'hall-live-correction--kiosk', false);
  await openKiosk(page, kiosk);
  await demoJuminhyoToReview(page, kiosk, journey, { pin: '1234' });

  // The desk follows the kiosk's screen: the resident's answers as she gave them.
  await expect(desk.locator('.desk-mirror')).toHaveAttribute('data-step', 'review');
  const submitTo = desk.locator('[data-question-key="juminhyo.submitTo"]');
  await expect(submitTo.locator('.desk-answer-value')).toHaveText('かとりしやくしょ');
  await shot(desk, '01-desk-mirror-review');
  await submitTo.getByRole('button', { name: '修正' }).click();
  await submitTo.locator('input').fill('かとりけいさつしょ');
  await shot(desk, '02-desk-correcting', false);
  await submitTo.locator('button[type=submit]').click();

  // Through the hall to the kiosk and back: the mirror and the resident's review both show it.
  await expect(desk.getByRole('status')).toContainText('修正をキオスクに送りました');
  await expect(submitTo.locator('.desk-answer-value')).toHaveText('かとりけいさつしょ');
  await expect(page.locator('.screen-review')).toContainText('かとりけいさつしょ');
  await shot(desk, '03-desk-corrected');
  await journey.step('review-corrected');
  expect(errors).toEqual([]);
  await kiosk.service.request('session.end', { reason: 'cancel' });
  await kioskContext.close();
  await deskContext.close();
});

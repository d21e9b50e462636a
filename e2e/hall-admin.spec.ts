// IT staff at the city hall's /admin/ (1920×1080): the browser enrols once with a desk code, an IT staff member signs
// in with the hall's sign-in; on 端末 they issue a kiosk's code (shown once, large) that a kiosk joins with; on 様式 a
// version that fails the designer's checks shows its problems and a changed version is published; the joined kiosk's
// next session shows the change; 集計 reads the hall. A clerk signing in there gets nothing. axe on each screen.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from '@playwright/test';
import { LANGUAGES } from '../src-main/contract/common';
import { startCounterService, type CounterService } from '../src-main/counter';
import { hashPassphrase } from '../src-main/counter/admin/config';
import { startWebHost, type WebHost } from '../src-main/hosts/web/server';
import { joinHall } from '../src-main/hall/join';
import type { HallServer } from '../src-main/hall/server';
import { startHallRig, type HallRig } from '../src-main/hall/test/hall-rig';
import { TemplatePublishing } from '../src-main/hall/template-publishing';
import { writePackage } from '../src-main/counter/admin/template-package';
import { PDFDocument } from 'pdf-lib';
import { repoRoot } from './support/kiosk-fixture';

test.describe.configure({ mode: 'serial' });

let rig: HallRig;
let hall: HallServer;
let kiosk: { service: CounterService; host: WebHost } | undefined;
const screens = join(repoRoot, 'test-results', 'screens', 'hall-admin');

const loc = (ja: string, en = ja) => ({ ja, easy: ja, en, 'zh-Hans': ja, ko: ja, vi: ja, pt: ja });
function form(title: ReturnType<typeof loc>, fields: object[] = []): object {
  return {
    id: 'hall-notice',
    version: 1,
    title,
    category: 'other',
    legalBasis: '香取市事務処理規則',
    myNumberUse: false,
    layout: [{ kind: 'label', at: [20, 10, 150, 10], text: '庁舎からのお知らせ届' }],
    fields: [{ id: 'applicant.name', type: 'text', label: loc('氏名', 'Name'), source: 'card.name', at: [20, 30, 120, 12] }, ...fields],
  };
}

let shot = 0;
async function screen(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  shot += 1;
  await page.screenshot({ path: join(screens, `${String(shot).padStart(2, '0')}-${name}.png`), animations: 'disabled' });
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ rule: v.id, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  expect.soft(serious, `axe on ${name}`).toEqual([]);
}

test.beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  rig = await startHallRig('e2e-hall-admin');
  hall = await rig.start();
  for (const [name, role] of [['joho', 'it'], ['sato', 'clerk']] as const) {
    await hall.stores.staff.put({ name, role, site: role === 'it' ? null : 'honcho', passphraseHash: await hashPassphrase(`${name} passphrase long`, { N: 2 ** 10, r: 8, p: 1 }) });
  }
  // The hall as a first install leaves it: the form live at v1; v2 (a new title, with an overlap) and v3 (the new
  // title, fixed) saved by the designer's way, not live.
  const publishing = new TemplatePublishing(hall.stores.templates);
  await publishing.save('setup', 'template', form(loc('庁舎のお知らせ届', 'Hall notice')), null, null);
  await publishing.publish('setup', 'template', 'hall-notice', 1);
  const renamed = loc('庁舎のお知らせ届（改訂版）', 'Hall notice (revised)');
  const purpose = { id: 'purpose', type: 'text', label: loc('目的', 'Purpose'), at: [20, 50, 120, 12] };
  await publishing.save('setup', 'template', form(renamed, [{ ...purpose, at: [20, 30, 120, 12] }]), 1, '目的欄を追加');
  await publishing.save('setup', 'template', form(renamed, [purpose]), 2, '目的欄の位置を修正');
  const device = await hall.stores.registry.add('desk', 'honcho', '情報政策課');
  await hall.stores.registry.issueCode(device.id, 'ITDESK2345', Date.now() + 60_000);
});

test.afterAll(async () => {
  await kiosk?.host.close();
  await kiosk?.service.close();
  await hall?.close();
  await rig?.remove();
});

test('IT staff issue a kiosk code, publish a changed form at the hall, and the joined kiosk\'s next session shows it', async ({ browser }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`https://localhost:${hall.port}/admin/`);

  // Enrol this browser as a desk, then a clerk's sign-in is refused here; the IT staff member's is taken.
  await expect(page.getByRole('heading', { name: 'この端末を登録する' })).toBeVisible();
  await screen(page, 'enrol');
  await page.getByLabel('登録コード').fill('ITDES-K2345');
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page.getByRole('heading', { name: '管理者サインイン' })).toBeVisible();
  await page.getByLabel('職員名').fill('sato');
  await page.getByLabel('パスフレーズ').fill('sato passphrase long');
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page.getByRole('alert')).toContainText('情報担当（it）の職員だけ');
  await screen(page, 'sign-in-clerk-refused');
  await page.getByLabel('職員名').fill('joho');
  await page.getByLabel('パスフレーズ').fill('joho passphrase long');
  await page.getByRole('button', { name: 'サインイン' }).click();

  // 端末: issue a code for a named kiosk of a site; it is shown once, large.
  await expect(page.getByRole('heading', { name: '端末（キオスクと窓口）' }).first()).toBeVisible();
  // The row of the PC this browser is (its enrolment cookie), and no other, is marked この端末.
  await expect(page.locator('tr[data-device="情報政策課"]')).toContainText('この端末');
  await expect(page.locator('tr[data-this-device]')).toHaveCount(1);
  await page.getByLabel('拠点（英小文字・数字・-）').fill('honcho');
  await page.getByLabel('端末の名前').fill('1階 A');
  await page.getByRole('button', { name: 'コードを発行' }).click();
  const codeBox = page.locator('.hall-code-value');
  await expect(codeBox).toHaveText(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  const code = (await codeBox.textContent())!;
  await screen(page, 'devices-code');

  // A kiosk joins with it: its state reaches the list.
  const dataDir = join(rig.dir, 'kiosk-a');
  await joinHall({ hall: `https://localhost:${hall.port}`, code, ca: rig.tls.ca, dataDir });
  const service = await startCounterService({
    reader: { socketPath: join(rig.dir, 'no-pcscd.sock') },
    outputDir: dataDir,
    keys: { dir: join(rig.dir, 'kiosk-a-keys') },
    watchTemplates: false,
    figures: false,
    demo: true,
    hall: { templatesEveryMs: 300, stateEveryMs: 300 },
  });
  kiosk = { service, host: await startWebHost({ service, port: 0 }) };
  await page.getByRole('button', { name: '閉じる' }).click();
  await expect(codeBox).toHaveCount(0);
  await expect.poll(async () => {
    await page.getByRole('button', { name: '最新にする' }).click();
    return page.locator('tr[data-device="1階 A"]').textContent();
  }, { timeout: 20_000 }).toContain('稼働中');
  await screen(page, 'devices');

  // The kiosk's procedures now: v1's title.
  const kioskContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await kioskContext.addCookies([{ ...kiosk.host.openKioskSession(), url: kiosk.host.url, httpOnly: true, sameSite: 'Strict' }]);
  const kioskPage = await kioskContext.newPage();
  const procedures = async () => {
    await kioskPage.goto(kiosk!.host.url);
    await kioskPage.locator('button.attract').click();
    await kioskPage.locator('.language').nth(LANGUAGES.indexOf('ja')).click();
    await kioskPage.locator('.procedure').first().waitFor({ timeout: 5_000 });
    return kioskPage.locator('.procedure').allTextContents();
  };
  await expect.poll(async () => (await procedures()).join('|'), { timeout: 20_000 }).toContain('庁舎のお知らせ届');
  expect((await procedures()).join('|')).not.toContain('改訂版');

  // 様式: v2 fails the designer's checks (two boxes on top of each other); v3 goes live.
  await page.getByRole('link', { name: '様式' }).click();
  const doc = page.locator('.hall-document[data-document="hall-notice"]');
  await expect(doc).toContainText('公開中 v1');
  await doc.getByRole('button', { name: 'v2 を公開' }).click();
  await expect(doc.getByRole('alert')).toContainText('v2 は公開できません');
  await expect(doc.locator('[data-problem="overlap"]')).toHaveCount(1);
  await screen(page, 'templates-problems');
  await doc.getByRole('button', { name: 'v3 を公開' }).click();
  await expect(page.getByRole('status')).toContainText('v3 を公開しました');
  await expect(doc.locator('.admin-badge.hall-live').first()).toHaveText('公開中 v3');
  await screen(page, 'templates');

  // The joined kiosk's next session: the revised form.
  await expect.poll(async () => (await procedures()).join('|'), { timeout: 20_000 }).toContain('庁舎のお知らせ届（改訂版）');
  await kioskPage.screenshot({ path: join(screens, `${String((shot += 1)).padStart(2, '0')}-kiosk-procedures.png`) });

  // 様式: a file uploaded from this PC. A malformed one is refused with the reason and changes nothing; a form with
  // the city's PDF is saved (not live) with the publish checks' problems told at once; the designer's exported package
  // with the fix is saved as the next version and published from the list.
  await page.getByRole('link', { name: '様式' }).click();
  const upload = page.locator('.hall-upload');
  await upload.getByLabel(/^様式ファイル/).setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"id": "hall-upload",') });
  await upload.getByRole('button', { name: '取り込む' }).click();
  await expect(upload.getByRole('alert')).toContainText('「broken.json」は取り込めませんでした。何も保存していません。');
  await expect(upload.getByRole('alert')).toContainText('not JSON');
  await expect(page.locator('.hall-document[data-document="hall-upload"]')).toHaveCount(0);
  await screen(page, 'templates-upload-refused');
  const cityPdf = await PDFDocument.create();
  cityPdf.addPage([595.28, 841.89]);
  const pdfBytes = Buffer.from(await cityPdf.save());
  const uploadForm = (fields: object[]) => ({ ...form(loc('窓口で取り込んだ届', 'Uploaded notice'), fields), id: 'hall-upload' });
  const purposeAt = (at: number[]) => ({ id: 'purpose', type: 'text', label: loc('目的', 'Purpose'), at });
  await upload.getByLabel(/^様式ファイル/).setInputFiles({ name: 'hall-upload.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(uploadForm([purposeAt([20, 30, 120, 12])]))) });
  await upload.getByLabel(/^背景の PDF/).setInputFiles({ name: 'city-form.pdf', mimeType: 'application/pdf', buffer: pdfBytes });
  await upload.getByRole('button', { name: '取り込む' }).click();
  await expect(page.getByRole('status')).toContainText('「hall-upload.json」を hall-upload の v1 として保存しました');
  await expect(upload.locator('.hall-upload-problems')).toContainText('v1 はこのままでは公開できません');
  await expect(upload.locator('.hall-upload-problems [data-problem="overlap"]')).toHaveCount(1);
  const uploadedDoc = page.locator('.hall-document[data-document="hall-upload"]');
  await expect(uploadedDoc).toContainText('未公開');
  await screen(page, 'templates-upload-problems');
  const fixed = writePackage('template', { ...uploadForm([purposeAt([20, 50, 120, 12])]), background: { pdf: 'designer/elsewhere.pdf' } }, { fileName: 'city-form.pdf', bytes: pdfBytes });
  await upload.getByLabel(/^様式ファイル/).setInputFiles({ name: 'hall-upload-v4.kakanai.json', mimeType: 'application/json', buffer: Buffer.from(fixed) });
  await upload.getByRole('button', { name: '取り込む' }).click();
  await expect(page.getByRole('status')).toContainText('hall-upload の v2 として保存しました');
  await expect(upload.locator('.hall-upload-problems')).toHaveCount(0);
  await uploadedDoc.getByRole('button', { name: 'v2 を公開' }).click();
  await expect(page.getByRole('status')).toContainText('v2 を公開しました');
  await expect(uploadedDoc.locator('.admin-badge.hall-live').first()).toHaveText('公開中 v2');
  await screen(page, 'templates-uploaded');

  // 集計: the hall's figures, city-wide or for one site or kiosk.
  await page.getByRole('link', { name: '集計' }).click();
  await expect(page.getByLabel('範囲')).toBeVisible();
  await page.getByLabel('範囲').selectOption({ label: '拠点: honcho' });
  await expect(page.locator('.figures-total')).toBeVisible();
  await screen(page, 'figures');

  // Revoke the kiosk after a confirm: it shows as revoked.
  await page.getByRole('link', { name: '端末' }).click();
  page.once('dialog', (d) => void d.accept());
  await page.locator('tr[data-device="1階 A"]').getByRole('button', { name: '取り消す' }).click();
  await expect(page.locator('tr[data-device="1階 A"]')).toContainText('取り消し済み');
  expect(errors).toEqual([]);
  await kioskContext.close();
  await context.close();
});

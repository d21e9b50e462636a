// A clerk at a desk on the hall finishes a kiosk's submission: opens it in the paper view, writes the kanji of a
// family member the kiosk took as kana, confirms the correction, marks it 確認済 then 完了 and downloads the PDF to print;
// a clerk of every site at another desk reads the same submission (read only, with who has it, the site shown) and
// sees each state change.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { PNG } from 'pngjs';
import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { hashPassphrase } from '../src-main/counter/admin/config';
import { libraryDeskForms } from '../src-main/counter/clerk';
import { encodeImageValue, IMAGES_KEPT_KEY } from '../src-main/counter/queue/image-values';
import { loadLibrary, templatesDir } from '../src-main/forms/load';
import type { Template } from '../src-main/forms/model/template';
import type { HallServer } from '../src-main/hall/server';
import { HallClient, startHallRig, type HallRig } from '../src-main/hall/test/hall-rig';

test.describe.configure({ mode: 'serial' });

let rig: HallRig;
let hall: HallServer;
let kiosk: HallClient;
const contexts: BrowserContext[] = [];
let template: Template;

const FAMILY_KANA = 'みほん はなこ';
const FAMILY_KANJI = '見本花子';
const shots = join('test-results', 'hall-desk-finish');

async function enrolKiosk(site: string, name: string, code: string): Promise<HallClient> {
  const device = await hall.stores.registry.add('kiosk', site, name);
  await hall.stores.registry.issueCode(device.id, code, Date.now() + 60_000);
  const redeemed = await new HallClient(hall.port, rig.tls.ca).call<{ credential: string }>('enrolment.redeem', { code });
  const client = new HallClient(hall.port, rig.tls.ca, redeemed.result!.credential);
  expect((await client.call('kiosk.state', { version: 'template:resident-move:1', reader: 'present' })).ok).toBe(true);
  return client;
}

/** What a joined kiosk forwards: the engine's render of the values, the template's version, the signature kept. */
async function submit(from: HallClient, key: string): Promise<string> {
  const values = {
    kind: 'in',
    filedOn: '2026-12-05',
    movedOn: '2026-11-20',
    'notifier.name': '見本　太郎',
    'p1.name': '見本　太郎',
    'p1.birthDate': '1985-04-12',
    'p2.kana': 'ミホン ハナコ',
    'p2.name': FAMILY_KANA,
    'p2.birthDate': '2015-06-01',
    // A tiny stand-in for the resident's signature (the kiosk keeps the drawn PNG in the sealed values).
    signature: encodeImageValue(PNG.sync.write(new PNG({ width: 4, height: 2 }))),
    [IMAGES_KEPT_KEY]: true,
  };
  const forms = libraryDeskForms({ library: () => ({ templates: new Map([[template.id, template]]) }), fontsConfig: join(templatesDir, 'fonts.json'), backgroundBytes: () => new Uint8Array() });
  const pdf = await forms.render(template, values, undefined, '2026-12-05');
  const answer = await from.call<{ ticketNumber: string }>('kiosk.submit', {
    submissionKey: key,
    day: '2026-12-05',
    procedureId: 'resident-move',
    forms: [{ templateId: template.id, templateVersion: template.version, pdfBase64: Buffer.from(pdf).toString('base64'), values }],
  });
  expect(answer.ok).toBe(true);
  return answer.result!.ticketNumber;
}

/** A browser at the hall's /desk/, enrolled with a desk's one-time code, a clerk signed in. */
async function deskPage(browser: Browser, deskName: string, code: string, clerk: string, heading: string): Promise<Page> {
  const device = await hall.stores.registry.add('desk', 'honcho', deskName);
  await hall.stores.registry.issueCode(device.id, code.replace('-', ''), Date.now() + 60_000);
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`https://localhost:${hall.port}/desk/`);
  await page.getByLabel('登録コード').fill(code);
  await page.getByRole('button', { name: '登録' }).click();
  await page.getByLabel('職員名').fill(clerk);
  await page.getByLabel('パスフレーズ').fill(`${clerk} passphrase long`);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page.getByRole('heading', { name: heading })).toBeVisible();
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

async function axe(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ rule: v.id, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  expect.soft(serious, `axe on ${screen}`).toEqual([]);
}

test.beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  rig = await startHallRig('e2e-hall-desk-finish');
  hall = await rig.start();
  for (const [name, site] of [['sato', 'honcho'], ['chief', null]] as const) {
    await hall.stores.staff.put({ name, role: 'clerk', site, passphraseHash: await hashPassphrase(`${name} passphrase long`, { N: 2 ** 10, r: 8, p: 1 }) });
  }
  // Published at the hall as the designer does it: the stored version's number is the template's own.
  template = { ...structuredClone(loadLibrary().templates.get('resident-move')!), version: 1 };
  await hall.stores.templates.saveVersion({ kind: 'template', id: template.id, basedOn: null, json: JSON.stringify(template), who: 'it-1', note: null });
  await hall.stores.templates.publish({ kind: 'template', id: template.id, version: 1 }, 'it-1');
  kiosk = await enrolKiosk('honcho', '1階 A', 'KIOSKAAAAA');
  await enrolKiosk('shisho', '支所 A', 'KIOSKSSSSS');
});

test.afterAll(async () => {
  for (const c of contexts) await c.close();
  kiosk?.close();
  await hall?.close();
  await rig?.remove();
});

test('a clerk at a hall desk writes a family member\'s kanji, confirms and finishes; a clerk of every site sees it change', async ({ browser }) => {
  const ticket = await submit(kiosk, 'e2e-finish-1');
  const desk = await deskPage(browser, '窓口 1', 'DESKA-23456', 'sato', 'honcho の受付一覧（受付番号順）');
  const chief = await deskPage(browser, '窓口 2', 'DESKB-23456', 'chief', 'すべての庁舎 の受付一覧（受付番号順）');

  // The queue names the procedure by its title; the clerk of every site sees the site and both sites' kiosks.
  const row = desk.locator(`.hall-queue tr[data-ticket="${ticket}"]`);
  await expect(row).toContainText(template.title.ja);
  await expect(row).not.toContainText('resident-move');
  const chiefRow = chief.locator(`.hall-queue tr[data-ticket="${ticket}"]`);
  await expect(chiefRow).toContainText('honcho');
  await expect(chief.locator('.hall-kiosk[data-kiosk="支所 A"]')).toContainText('shisho');

  // Sato takes it and opens it: the paper view, the family member's name waiting for its kanji.
  await row.getByRole('button', { name: '担当する' }).click();
  await expect(row.locator('.hall-held')).toHaveText('あなたが担当');
  await row.getByRole('button', { name: `開く: ${ticket}` }).click();
  const opened = desk.locator('.hall-opened');
  await expect(opened.locator('.desk-form h3')).toHaveText(template.title.ja);
  const family = opened.locator('.desk-field[data-field="p2.name"]');
  await expect(family).toContainText(FAMILY_KANA);
  await expect(family).toContainText('漢字未記入');
  await expect(opened.locator('.desk-field[data-field="p1.birthDate"]')).toContainText('昭和60年4月12日（1985年4月12日）');
  await expect(opened.locator('.desk-field[data-field="signature"]')).toContainText('署名あり');
  await expect(opened.locator('.desk-page').first()).toBeVisible({ timeout: 20_000 });
  await shot(desk, '01-opened');
  await axe(desk, 'hall desk: opened submission');

  // The chief opens the same one: read only, with who has it.
  await chiefRow.getByRole('button', { name: `開く: ${ticket}` }).click();
  const watched = chief.locator('.hall-opened');
  await expect(watched.locator('.hall-read-only')).toContainText('sato が担当しています');
  await expect(watched.getByRole('button', { name: '訂正' })).toHaveCount(0);
  await expect(watched.getByRole('button', { name: '確認済にする' })).toHaveCount(0);
  await expect(watched.locator('.desk-page').first()).toBeVisible({ timeout: 20_000 });
  await shot(chief, '02-read-only-every-site');
  await axe(chief, 'hall desk: read-only submission');

  // Confirming before the kanji is written is refused; the clerk writes it with the desk's own keyboard.
  await opened.getByRole('button', { name: '確認済にする' }).click();
  await expect(desk.getByRole('alert').filter({ hasText: '「漢字未記入」の項目に漢字を書いてから' })).toBeVisible();
  await family.getByRole('button', { name: /^訂正: / }).click();
  await family.getByRole('textbox').fill(FAMILY_KANJI);
  await family.getByRole('button', { name: '訂正する' }).click();
  await expect(family).toContainText(FAMILY_KANJI);
  await expect(opened.locator('.desk-pending')).toBeVisible();
  await opened.locator('.desk-pending').getByRole('button').click();
  await expect(opened.locator('.desk-pending')).toHaveCount(0);
  await expect(opened.locator('.desk-kanji-pending')).toHaveCount(0);
  await shot(desk, '03-kanji-written');

  // 確認済: the chief's desk follows; then the PDF to print, and 完了.
  await opened.getByRole('button', { name: '確認済にする' }).click();
  await expect(opened).toHaveAttribute('data-status', 'confirmed');
  await expect(chiefRow.locator('.desk-status')).toHaveText('確認済', { timeout: 15_000 });
  await expect(watched).toHaveAttribute('data-status', 'confirmed');
  const download = desk.waitForEvent('download');
  await opened.getByRole('button', { name: '印刷用PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`2026-12-05_${ticket}.pdf`);
  expect(readFileSync(await file.path()).subarray(0, 5).toString()).toBe('%PDF-');
  await file.delete();
  await opened.getByRole('button', { name: '完了にする' }).click();
  await expect(desk.getByText(`受付番号 ${ticket} は完了し、一覧から消えました。`)).toBeVisible();
  await expect(row).toHaveCount(0);
  await expect(chiefRow).toHaveCount(0, { timeout: 15_000 });
  await expect(chief.locator('.hall-opened')).toHaveCount(0);
  await shot(chief, '04-done-seen-by-every-site');

  const audit = (await hall.stores.queue.auditLog()).filter((a) => a.action === 'correction');
  expect(audit.map((a) => a.fieldId).filter(Boolean)).toEqual(['p2.name']);
  expect(JSON.stringify(await hall.stores.queue.auditLog())).not.toMatch(/見本|みほん/);
});

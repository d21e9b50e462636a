// One hall (its own private PostgreSQL cluster), two joined kiosks speaking the hall's protocol as a kiosk does, and
// two desks in two browsers on the hall's /desk/: each browser enrols with its code and a clerk signs in; submissions
// from both kiosks reach both desks in ticket order; each desk follows one kiosk's live screen and sees nothing of the
// other; a call for a clerk shows on both; two clerks claiming the same ticket at once: one wins, the other sees who.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import WebSocket from 'ws';
import type { HallMirror } from '../src-main/contract/hall';
import { hashPassphrase } from '../src-main/counter/admin/config';
import type { HallServer } from '../src-main/hall/server';
import { HallClient, startHallRig, type HallRig } from '../src-main/hall/test/hall-rig';

test.describe.configure({ mode: 'serial' });

let rig: HallRig;
let hall: HallServer;
const kiosks: { id: string; name: string; http: HallClient; ws: WebSocket }[] = [];
const contexts: BrowserContext[] = [];

const loc = (ja: string) => ({ ja, easy: ja, en: ja, 'zh-Hans': ja, ko: ja, vi: ja, pt: ja });
function mirror(resident: string, step: HallMirror['step'], calling = false): HallMirror {
  return {
    step,
    updatedAt: Date.now(),
    session: {
      procedure: { id: 'juminhyo-request', title: loc('住民票の写し等交付申請書') },
      resident: { name: resident, address: '千葉県香取市佐原イ1', birthDate: '1980-04-01', sex: '女' },
      questions: [
        { key: 'copies', type: 'number', label: loc('通数'), required: true },
        { key: 'purpose', type: 'text', label: loc('使用目的'), required: true },
      ],
      answers: { copies: 2 },
      typing: step === 'questions' ? { purpose: '年金の手続' } : {},
      problems: [],
      clerkCalled: calling,
      triesLeft: 3,
      lastTryAllowed: false,
    },
  };
}

function stream(kiosk: { ws: WebSocket }, m: HallMirror): void {
  kiosk.ws.send(JSON.stringify({ kind: 'request', id: Date.now(), name: 'kiosk.mirror', params: { mirror: m } }));
}

async function joinKiosk(name: string, code: string): Promise<(typeof kiosks)[number]> {
  const device = await hall.stores.registry.add('kiosk', 'honcho', name);
  await hall.stores.registry.issueCode(device.id, code, Date.now() + 60_000);
  const redeemed = await new HallClient(hall.port, rig.tls.ca).call<{ credential: string }>('enrolment.redeem', { code });
  const credential = redeemed.result!.credential;
  const http = new HallClient(hall.port, rig.tls.ca, credential);
  expect((await http.call('kiosk.state', { version: 'a1b2c3d4e5f6', reader: 'present' })).ok).toBe(true);
  const ws = new WebSocket(`wss://localhost:${hall.port}/ws`, { ca: rig.tls.ca, headers: { authorization: `Bearer ${credential}` } });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { id: device.id, name, http, ws };
}

async function submit(kiosk: (typeof kiosks)[number], key: string): Promise<string> {
  const answer = await kiosk.http.call<{ ticketNumber: string }>('kiosk.submit', {
    submissionKey: key,
    day: '2026-12-05',
    procedureId: 'juminhyo-request',
    forms: [{ templateId: 'juminhyo-request', pdfBase64: Buffer.from(`%PDF-1.7 ${key}`).toString('base64'), values: { copies: '2' } }],
  });
  expect(answer.ok).toBe(true);
  return answer.result!.ticketNumber;
}

/** A browser at the hall's /desk/: enrolled with a desk's one-time code, a clerk signed in. */
async function deskPage(browser: Browser, deskName: string, code: string, clerk: string): Promise<Page> {
  const device = await hall.stores.registry.add('desk', 'honcho', deskName);
  await hall.stores.registry.issueCode(device.id, code.replace('-', ''), Date.now() + 60_000);
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1920, height: 1080 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`https://localhost:${hall.port}/desk/`);
  await page.getByLabel('登録コード').fill(code);
  await page.getByRole('button', { name: '登録' }).click();
  await expect(page.getByRole('heading', { name: '職員サインイン' })).toBeVisible();
  await expect(page.getByText(`honcho の窓口「${deskName}」`)).toBeVisible();
  await page.getByLabel('職員名').fill(clerk);
  await page.getByLabel('パスフレーズ').fill(`${clerk} passphrase long`);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page.getByRole('heading', { name: 'honcho の受付一覧（受付番号順）' })).toBeVisible();
  return page;
}

const tickets = (page: Page) => page.locator('.hall-queue tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ticket')));

test.beforeAll(async () => {
  rig = await startHallRig('e2e-hall-desks');
  hall = await rig.start();
  for (const name of ['sato', 'tanaka']) {
    await hall.stores.staff.put({ name, role: 'clerk', site: 'honcho', passphraseHash: await hashPassphrase(`${name} passphrase long`, { N: 2 ** 10, r: 8, p: 1 }) });
  }
  kiosks.push(await joinKiosk('1階 A', 'KIOSKAAAAA'), await joinKiosk('1階 B', 'KIOSKBBBBB'));
});

test.afterAll(async () => {
  for (const c of contexts) await c.close();
  for (const k of kiosks) {
    k.ws.terminate();
    k.http.close();
  }
  await hall?.close();
  await rig?.remove();
});

test('two desks on the hall: both kiosks\' submissions in ticket order, one kiosk\'s screen each, a call on both, a claim won once', async ({ browser }) => {
  const [a, b] = kiosks as [(typeof kiosks)[number], (typeof kiosks)[number]];
  const desk1 = await deskPage(browser, '窓口 1', 'DESKA-23456', 'sato');
  const desk2 = await deskPage(browser, '窓口 2', 'DESKB-23456', 'tanaka');

  // Submissions from both kiosks, interleaved: both desks list them in the site's ticket order.
  const issued = [await submit(a, 'e2e-a-1'), await submit(b, 'e2e-b-1'), await submit(a, 'e2e-a-2'), await submit(b, 'e2e-b-2')];
  expect(issued).toEqual(['1', '2', '3', '4']);
  for (const desk of [desk1, desk2]) await expect.poll(() => tickets(desk)).toEqual(['1', '2', '3', '4']);
  await expect(desk1.locator('.hall-queue tr[data-ticket="2"]')).toContainText('1階 B');

  // Each desk follows one kiosk and sees that resident only.
  stream(a, mirror('見本　花子', 'questions'));
  stream(b, mirror('試験　太郎', 'pin'));
  await desk1.locator('.hall-kiosk[data-kiosk="1階 A"]').getByRole('button', { name: '画面を見る' }).click();
  await desk2.locator('.hall-kiosk[data-kiosk="1階 B"]').getByRole('button', { name: '画面を見る' }).click();
  await expect(desk1.locator('.desk-mirror')).toContainText('見本　花子');
  await expect(desk1.locator('.desk-mirror')).toContainText('年金の手続');
  await expect(desk2.locator('.desk-mirror')).toContainText('試験　太郎');
  stream(a, mirror('見本　花子', 'review'));
  await expect(desk1.locator('.desk-mirror')).toHaveAttribute('data-step', 'review');
  await expect(desk1.locator('.desk-mirror')).not.toContainText('試験');
  await expect(desk2.locator('.desk-mirror')).not.toContainText('見本');
  // Watching is not pairing: no 照合番号B read and no PIN-guard override from the hall's desk; its answers are corrected
  // through the hall (e2e/hall-live-correction.spec.ts drives one).
  await expect(desk2.locator('.desk-mirror .desk-checkb, .desk-mirror .desk-guard')).toHaveCount(0);
  await expect(desk1.locator('.desk-mirror').getByRole('button', { name: '修正' }).first()).toBeVisible();

  // Kiosk B calls for a clerk: the mark shows on both desks, whichever kiosk each follows.
  stream(b, mirror('試験　太郎', 'pin', true));
  for (const desk of [desk1, desk2]) await expect(desk.locator('.hall-kiosk-calling[data-kiosk="1階 B"]')).toBeVisible();
  await expect(desk1.locator('.hall-kiosk[data-kiosk="1階 A"]')).toContainText('接続中');
  await expect(desk1.locator('.hall-kiosk[data-kiosk="1階 A"]')).toContainText('カードリーダー: あり');

  mkdirSync(join('test-results'), { recursive: true });
  await desk1.screenshot({ path: join('test-results', 'hall-desk-two-kiosks.png') });

  // Both clerks take ticket 1 at the same moment: exactly one holds it, the other is told who.
  await Promise.all([desk1, desk2].map((d) => d.locator('.hall-queue tr[data-ticket="1"]').getByRole('button', { name: '担当する' }).click()));
  for (const desk of [desk1, desk2]) await expect(desk.locator('.hall-queue tr[data-ticket="1"] .hall-held')).toBeVisible();
  const held = await Promise.all([desk1, desk2].map((d) => d.locator('.hall-queue tr[data-ticket="1"] .hall-held').innerText()));
  expect(held.filter((h) => h === 'あなたが担当')).toHaveLength(1);
  const winner = held[0] === 'あなたが担当' ? 'sato' : 'tanaka';
  expect(held).toContain(`${winner} が担当`);
  expect((await hall.stores.queue.list()).find((s) => s.ticketNumber === '1')?.claimedBy?.id).toBe(winner);

  // The session at kiosk A ends: its screen empties at the desk following it.
  stream(a, { step: 'attract', updatedAt: Date.now(), session: null });
  await expect(desk1.locator('.desk-mirror')).toContainText('利用者はいません');
  await expect(desk1.locator('.desk-mirror')).not.toContainText('見本');
});

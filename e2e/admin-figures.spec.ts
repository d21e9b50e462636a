// The BPR figures end to end: 20 kiosk sessions scripted over the kiosk's own WebSocket (the contract the screen
// speaks) on the real rig, then the IT staff's figures page shows them — 20 more sessions, per procedure, with the
// step times — the CSV download says the same, and no file of the service's data folder that figures or the designer
// write holds the fixture resident's name or address.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { loadResidentFixture, residentFixturePath } from '../card-reader/virtual-card/resident-fixture';
import type { KioskStep } from '../src-main/contract/clerk';
import { KIOSK_WS_PATH } from '../src-main/contract/wire';
import type { WireResponse } from '../src-main/contract/kiosk';
import { adminTest, submitSignIn } from './support/admin-fixture';
import { E2E_IT, expect } from './support/kiosk-fixture';

const test = adminTest();

const demo = loadResidentFixture(residentFixturePath('demo'));

/** The kiosk's WebSocket as the screen uses it: same origin, one request at a time. */
async function kioskSocket(baseUrl: string, cookie: { name: string; value: string }) {
  const url = new URL(KIOSK_WS_PATH, baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(url, { origin: new URL(baseUrl).origin, headers: { Cookie: `${cookie.name}=${cookie.value}` } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  const request = <T>(name: string, params: object = {}): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = next++;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as WireResponse | { kind: 'event' };
        if (message.kind !== 'response' || message.id !== id) return;
        ws.off('message', onMessage);
        if (message.ok) resolve(message.result as T);
        else reject(new Error(`${name}: ${message.error.code}`));
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ kind: 'request', id, name, params }));
    });
  return { request, close: () => ws.close() };
}

async function totalOnFiguresPage(page: Page, adminUrl: string): Promise<number> {
  await page.goto(`${adminUrl}#/figures`);
  await page.reload(); // fresh figures, whatever the page showed before
  const total = page.locator('[data-total-sessions]');
  await expect(total).toBeVisible();
  return Number(await total.getAttribute('data-total-sessions'));
}

async function signIn(page: Page, adminUrl: string): Promise<void> {
  await submitSignIn(page, adminUrl, E2E_IT.name, E2E_IT.passphrase);
  await expect(page.locator('.admin-signin')).toHaveCount(0);
}

test('20 scripted kiosk sessions appear on the figures page and in its CSV, and no data file holds the resident', async ({ page, kiosk, admin, journey }) => {
  test.setTimeout(180_000);
  await signIn(page, admin.url);
  const before = await totalOnFiguresPage(page, admin.url);

  await kiosk.insertCard('demo');
  const socket = await kioskSocket(kiosk.url, kiosk.kioskCookie());
  const step = (s: KioskStep) => socket.request('session.step', { step: s });
  await expect.poll(async () => (await socket.request<{ card: string }>('reader.state')).card, { timeout: 10_000 }).toBe('present');
  try {
    for (let i = 0; i < 20; i++) {
      // Every fourth resident gives up at the PIN pad; the others finish and go to the clerk.
      const procedureId = i % 2 === 0 ? 'juminhyo-request' : 'inkan-certificate';
      await socket.request('session.start', { procedureId, language: i % 3 === 0 ? 'en' : 'ja' });
      await step('card');
      await step('pin');
      if (i % 4 === 3) {
        await socket.request('session.end', { reason: 'cancel' });
        continue;
      }
      const read = await socket.request<{ ok: boolean; error?: string }>('card.read', { pin: demo.pin });
      expect(read.ok, `card.read: ${read.error}`).toBe(true);
      await step('take-card');
      await step('questions');
      const answers =
        procedureId === 'juminhyo-request'
          ? { kana: 'みほん はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 1, 'juminhyo.purpose': '就職先への提出' }
          : { kana: 'みほん はなこ', phone: '0478-54-1111', 'inkan.applicantKind': 'self', 'inkan.registrationNumber': 'K-2024-77', 'inkan.copies': 1 };
      expect(await socket.request<{ problems: unknown[] }>('session.answer', { answers })).toMatchObject({ problems: [] });
      await step('review');
      await socket.request('session.submit', { print: false, toClerk: true });
      await step('done');
      await socket.request('session.end', { reason: 'done' });
    }
  } finally {
    socket.close();
    await kiosk.removeCard();
  }

  expect(await totalOnFiguresPage(page, admin.url)).toBe(before + 20);
  const table = page.locator('.figures-table');
  await expect(table.locator('tr[data-procedure="juminhyo-request"]')).toBeVisible();
  await expect(table.locator('tr[data-procedure="inkan-certificate"]')).toBeVisible();
  await journey.step('figures-after-20-sessions');

  // The CSV the page links to counts the same sessions (BOM, header, one row per day and procedure).
  const href = await page.locator('a[href*="figures.csv"]').getAttribute('href');
  const bytes = Buffer.from(await page.evaluate(async (u) => [...new Uint8Array(await (await fetch(u)).arrayBuffer())], new URL(href!, admin.url).href));
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM a spreadsheet on Windows needs for UTF-8
  const [header, ...lines] = bytes.subarray(3).toString('utf8').trim().split(/\r?\n/);
  const sessionsAt = header!.split(',').indexOf('sessions');
  expect(sessionsAt).toBeGreaterThan(0);
  expect(lines.reduce((sum, line) => sum + Number(line.split(',')[sessionsAt]), 0)).toBe(before + 20);

  // Nothing of the resident in the figures or the designer's files (the clerk queue is sealed and tested on its own).
  const files = readdirSync(kiosk.outputDir).filter((f) => /^(figures|designer)\.db/.test(f) || f === 'config.json');
  expect(files.some((f) => f.startsWith('figures.db'))).toBe(true);
  for (const file of files) {
    const bytes = readFileSync(join(kiosk.outputDir, file));
    for (const needle of [demo.name, demo.address, demo.myNumber, 'みほん はなこ', '0478-54-1111']) {
      expect(bytes.includes(Buffer.from(needle, 'utf8')), `${file} must not hold a resident's value`).toBe(false);
    }
  }
});

// A desk a busy counter runs on, on the real rig with two browser contexts and the real CUPS scheduler:
// - the printer is picked from the CUPS queues the system has (kakanai-pdf and a second queue this spec adds with
//   lpadmin and removes), and the desk remembers it after its clerk signed out and paired again;
// - tickets are issued at submission: a visit cancelled on its review leaves no gap, and the desk's day list shows
//   the handled visits (ticket, procedure, times, status, clerk) without personal data;
// - a resident's call rings on the desk (the bell is requested) and raises a system notification; a desk whose page
//   closed is shown as left on the kiosk's staff panel at once.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { loadResidentFixture, residentFixturePath } from '../card-reader/virtual-card/resident-fixture';
import { CLERK_HTTP } from '../src-main/contract/clerk';
import { assertCupsPdfReady, CUPS_PDF_PRINTER, cupsPdfOutDir, holdPrinter, lpstat, PRINTER_WAIT_MS } from '../src-main/counter/printing/test/cups-pdf';
import { clerkWord, type ClerkMessageKey } from '../src-renderer/clerk/words';
import { clerkDeskTest, openStaffPanel } from './support/clerk-desk';
import { E2E_CLERK, Journey, expect, type KioskStage } from './support/kiosk-fixture';
import { confirmAndSubmit, demoJuminhyoToReview, finishVisit, openKiosk, startVisit } from './support/kiosk-flow';
import { words } from './support/words';

const test = clerkDeskTest();
const desk = (key: ClerkMessageKey, params?: Record<string, string | number>) => clerkWord('ja', key, params);
const resident = loadResidentFixture(residentFixturePath('demo'));
const SECOND = `kakanai-desk-b-${process.pid}`;
const printed: string[] = [];

let releasePrinter: (() => Promise<void>) | undefined;
test.beforeAll(async () => {
  assertCupsPdfReady();
  test.setTimeout(PRINTER_WAIT_MS);
  releasePrinter = await holdPrinter();
  execFileSync('lpadmin', ['-p', SECOND, '-v', 'cups-pdf:/', '-P', '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd', '-E'], { timeout: 10_000, stdio: 'ignore' });
});
test.afterAll(async () => {
  execFileSync('lpadmin', ['-x', SECOND], { timeout: 10_000, stdio: 'ignore' });
  for (const f of printed) rmSync(f, { force: true });
  await releasePrinter?.();
});

/** Pairs `clerk` (a page of its own context) with the code the kiosk's staff panel shows, then closes the panel. */
async function pairOn(clerk: Page, kioskPage: Page, url: string): Promise<void> {
  await openStaffPanel(kioskPage);
  await expect(kioskPage.locator('.staff-code')).toHaveText(/^\d{6}$/);
  const code = await kioskPage.locator('.staff-code').innerText();
  await clerk.goto(`${url}clerk`);
  await clerk.locator('#pairing-code').fill(code);
  await clerk.locator('#staff-name').fill(E2E_CLERK.name);
  await clerk.locator('#staff-passphrase').fill(E2E_CLERK.passphrase);
  await clerk.locator('.desk-pairing button[type=submit]').click();
  await expect(clerk.locator('.desk-mirror')).toBeVisible();
  await kioskPage.locator('.staff-panel button', { hasText: '閉じる' }).click();
}

/** A desk's browser of its own, at the counter PC's 1920×1080. */
async function newDesk(browser: Browser, init?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'ja-JP' })).newPage();
  await init?.(page);
  return page;
}

/** A visit of the demo resident up to the review of 住民票の写し等交付請求書. */
async function visitToReview(page: Page, kiosk: KioskStage, journey: Journey): Promise<void> {
  await demoJuminhyoToReview(page, kiosk, journey, { pin: resident.pin });
}

const ticketNo = (ticket: string) => Number(ticket.replace(/^\D+-/, ''));

test('the printer is picked from the CUPS queues and remembered for the desk across sign-out; tickets have no gap after a cancelled visit; the day list shows the handled visits', async ({ page, browser, kiosk }) => {
  // Three visits of a resident: the kiosk's screens are checked by axe in their own journeys, not again here.
  test.setTimeout(300_000);
  const journey = new Journey(page, 'clerk-desk-ops--kiosk', false);
  await openKiosk(page, kiosk);
  const clerk = await newDesk(browser);
  await pairOn(clerk, page, kiosk.url);
  const shots = new Journey(clerk, 'clerk-desk-ops--desk');

  await visitToReview(page, kiosk, journey);
  const first = await confirmAndSubmit(page, journey);
  await finishVisit(page);
  // A visit that reached its review (its forms rendered, the number shown) and was cancelled there.
  await visitToReview(page, kiosk, journey);
  await page.locator('.btn-cancel').click();
  await page.locator('.btn-danger').click();
  await expect(page.locator('button.attract')).toBeVisible();
  await visitToReview(page, kiosk, journey);
  const second = await confirmAndSubmit(page, journey);
  await finishVisit(page);
  expect(ticketNo(second)).toBe(ticketNo(first) + 1);

  // The picker lists what CUPS has: both queues.
  await clerk.locator(`.desk-queue tr[data-ticket="${first}"] button`).click();
  await expect(clerk.locator('img.desk-page').first()).toBeVisible({ timeout: 30_000 });
  const picker = clerk.locator('#desk-printer');
  await expect(picker.locator('option')).toHaveText([desk('printer.serviceDefault'), ...[CUPS_PDF_PRINTER, SECOND].sort()]);
  await picker.selectOption(SECOND);
  await expect(picker).toHaveValue(SECOND);
  await shots.step('opened-with-printer', { axe: true });

  // Sign out, pair again from the same browser: the desk's printer is still the one it chose.
  await clerk.locator('.desk-logout').click();
  await expect(clerk.locator('#pairing-code')).toBeVisible();
  await pairOn(clerk, page, kiosk.url);
  await clerk.locator(`.desk-queue tr[data-ticket="${first}"] button`).click();
  await expect(clerk.locator('#desk-printer')).toHaveValue(SECOND);

  // A print without naming a printer goes to the remembered queue.
  const outDir = cupsPdfOutDir();
  const before = new Set(existsSync(outDir) ? readdirSync(outDir) : []);
  await clerk.locator('.desk-print button', { hasText: desk('open.print') }).click();
  await expect(clerk.locator('.desk-notice')).toHaveText(desk('open.printed', { n: 1 }), { timeout: 30_000 });
  await expect.poll(() => lpstat('-W', 'completed', '-o', SECOND), { timeout: 60_000 }).toContain(`${SECOND}-`);
  await expect
    .poll(() => (existsSync(outDir) ? readdirSync(outDir) : []).filter((f) => !before.has(f) && f.includes(`_${first}_`)).length, { timeout: 60_000 })
    .toBe(1);
  printed.push(...readdirSync(outDir).filter((f) => !before.has(f) && f.includes(`_${first}_`)).map((f) => join(outDir, f)));

  // Handle both: the first done, the second returned. The day list keeps them, nothing of the resident.
  await clerk.locator('.desk-actions button', { hasText: desk('open.confirm') }).click();
  await clerk.locator('.desk-actions button', { hasText: desk('open.done') }).click();
  await expect(clerk.locator('#opened-title')).toHaveCount(0);
  await clerk.locator(`.desk-queue tr[data-ticket="${second}"] button`).first().click();
  await clerk.locator('.desk-return button').click();
  await clerk.locator('.desk-column button', { hasText: desk('open.close') }).click();
  const day = clerk.locator('.desk-day-list');
  await expect(day.locator('tbody tr')).toHaveCount(2);
  await expect(day.locator(`tr[data-ticket="${first}"]`)).toHaveAttribute('data-status', 'done');
  await expect(day.locator(`tr[data-ticket="${second}"]`)).toHaveAttribute('data-status', 'returned');
  await expect(day.locator(`tr[data-ticket="${first}"]`)).toContainText('住民票');
  await expect(day.locator(`tr[data-ticket="${first}"]`)).toContainText(E2E_CLERK.name);
  for (const personal of [resident.name, resident.address, 'みほん']) await expect(day).not.toContainText(personal);
  await shots.step('day-list', { axe: true });
  await clerk.context().close();
});

test('a call rings on the desk and raises a notification; a desk whose page closed is shown as left at once', async ({ page, browser, kiosk, journey }) => {
  await openKiosk(page, kiosk);
  const clerk = await newDesk(browser, async (p) => {
    await p.context().grantPermissions(['notifications'], { origin: kiosk.url.replace(/\/$/, '') });
    // The page's notifications, as the system would get them.
    await p.addInitScript(() => {
      const Real = window.Notification;
      const seen: { title: string; body: string | undefined }[] = [];
      (window as unknown as { kakanaiNotifications: typeof seen }).kakanaiNotifications = seen;
      class Recorded extends Real {
        constructor(title: string, options?: NotificationOptions) {
          seen.push({ title, body: options?.body });
          super(title, options);
        }
      }
      window.Notification = Recorded;
    });
  });
  await pairOn(clerk, page, kiosk.url);
  await expect(clerk.locator('.desk-notify')).toHaveCount(0); // granted: nothing to ask

  await startVisit(page, journey, { language: 'ja', procedureId: 'juminhyo-request' });
  await kiosk.insertCard('demo', { delayMs: 30 });
  await expect(page.locator('.screen-pin')).toBeVisible();
  const bell = clerk.waitForResponse((r) => new URL(r.url()).pathname === '/clerk-bell.wav');
  const asked = clerk.waitForRequest((r) => new URL(r.url()).pathname === CLERK_HTTP.bell);
  await page.getByRole('button', { name: words('pin.forgot'), exact: true }).click();
  await page.getByRole('button', { name: words('pin.askClerk'), exact: true }).click();
  await expect(clerk.locator('.desk-call')).toHaveText(desk('mirror.clerkCalled'));
  await asked;
  expect((await bell).headers()['content-type']).toBe('audio/wav');
  await expect.poll(() => clerk.evaluate(() => (window as unknown as { kakanaiNotifications: unknown[] }).kakanaiNotifications)).toEqual([
    { title: desk('call.notifyTitle'), body: desk('call.notifyBody') },
  ]);
  await page.locator('.btn-cancel').click();
  await page.locator('.btn-danger').click();
  await kiosk.removeCard();
  await expect(page.locator('button.attract')).toBeVisible();

  // The desk's page closes: the kiosk's panel marks it left within its refresh, long before the session's 30 min.
  await openStaffPanel(page);
  // This desk is the one connected now (a desk of an earlier journey in this file may be listed, left).
  const present = page.locator('.staff-desks li[data-present="true"]');
  await expect(present).toHaveCount(1);
  const listed = page.locator(`.staff-desks li[data-desk-id="${await present.getAttribute('data-desk-id')}"]`);
  await clerk.context().close();
  await expect(listed).toHaveAttribute('data-present', 'false', { timeout: 8_000 });
  await expect(listed).toContainText('離席');
  await page.locator('.staff-panel button', { hasText: '閉じる' }).click();
});

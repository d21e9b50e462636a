// Printing from the clerk's desk through the real CUPS scheduler: a resident's submission, opened on the desk and
// printed to the cups-pdf virtual printer `kakanai-pdf` that .ci/setup installs. The printed file must exist, be named
// after day, ticket and template only, and hold the form's text (pdftotext).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadResidentFixture, residentFixturePath } from '../card-reader/virtual-card/resident-fixture';
import { assertCupsPdfReady, CUPS_PDF_PRINTER as PRINTER, cupsPdfOutDir, holdPrinter, lpstat, PRINTER_WAIT_MS } from '../src-main/counter/printing/test/cups-pdf';
import { clerkDeskTest, pairClerk } from './support/clerk-desk';
import { Journey, expect } from './support/kiosk-fixture';
import { confirmAndSubmit, demoJuminhyoToReview, openKiosk } from './support/kiosk-flow';

const test = clerkDeskTest();

const resident = loadResidentFixture(residentFixturePath('demo'));

const printed: string[] = [];
let releasePrinter: (() => Promise<void>) | undefined;
test.beforeAll(async () => {
  assertCupsPdfReady();
  test.setTimeout(PRINTER_WAIT_MS);
  releasePrinter = await holdPrinter();
});
test.afterAll(async () => {
  for (const f of printed) rmSync(f, { force: true });
  await releasePrinter?.();
});

test('the clerk opens a submission and prints it through CUPS: cups-pdf writes the file, and it holds the form text', async ({ page, browser, kiosk, journey }) => {
  await openKiosk(page, kiosk);
  const clerk = await pairClerk(browser, page, kiosk.url);
  const clerkShots = new Journey(clerk, 'clerk-desk-print--clerk');

  await demoJuminhyoToReview(page, kiosk, journey, { pin: resident.pin });
  const ticket = await confirmAndSubmit(page, journey);

  const row = clerk.locator(`.desk-queue tr[data-ticket="${ticket}"]`);
  await expect(row).toBeVisible();
  await row.locator('button').click();
  await expect(clerk.locator('img.desk-page').first()).toBeVisible({ timeout: 30_000 });

  const outDir = cupsPdfOutDir();
  const before = new Set(existsSync(outDir) ? readdirSync(outDir) : []);
  // The printer is picked from the CUPS destinations the service lists (and remembered for this desk).
  await clerk.locator('#desk-printer').selectOption(PRINTER);
  // The choice is the service's (remembered per desk): print only once it took it, not to the one remembered before
  // (clerk-desk-ops, earlier on this worker, leaves its own deleted queue remembered).
  await expect(clerk.locator('#desk-printer')).toHaveValue(PRINTER);
  await expect(clerk.locator('#desk-printer')).toHaveValue(PRINTER);
  await clerkShots.step('print-ready');
  await clerk.locator('.desk-print button', { hasText: '印刷' }).click();
  await expect(clerk.locator('.desk-notice')).toHaveText('印刷しました（1件）', { timeout: 30_000 });
  await clerkShots.step('printed');

  // cups-pdf names the file after the job title: <day>_<ticket>_<template id>…job_<n>.pdf. Done = CUPS lists no job.
  let file: string | undefined;
  await expect
    .poll(
      () => {
        const hit = (existsSync(outDir) ? readdirSync(outDir) : []).find((f) => !before.has(f) && f.includes(`_${ticket}_juminhyo-request`) && f.endsWith('.pdf'));
        file = hit && join(outDir, hit);
        return Boolean(file && statSync(file).size > 0 && !lpstat('-o', PRINTER).includes(`${PRINTER}-`));
      },
      { message: `cups-pdf wrote ticket ${ticket} into ${outDir} (see /var/log/cups/error_log)`, timeout: 60_000 },
    )
    .toBe(true);
  printed.push(file!);
  expect(file!.slice(outDir.length + 1)).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}_${ticket}_juminhyo-request`));

  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file!, '-'], { encoding: 'utf8', timeout: 30_000 }).replace(/\s+/g, '');
  for (const expected of ['住民票の写し等交付請求書', resident.name, resident.address, 'みほん　はなこ', 'かとりしやくしょ', ticket]) {
    expect(text, 'the printed file').toContain(expected.replace(/\s+/g, ''));
  }

  // The print is audited by submission and template, with no value.
  const audit = (kiosk.service as unknown as { clerk: { options: { queue: { auditLog(): { action: string; templateId: string | null; detail: string | null }[] } } } }).clerk.options.queue.auditLog();
  expect(audit.filter((e) => e.action === 'print' && e.detail !== 'printer-chosen')).toEqual([expect.objectContaining({ templateId: 'juminhyo-request', detail: 'cups' })]);
  await clerk.context().close();
});

// The desk reads the submission like the paper and finishes it: labels, option names and 和暦 (no raw id), a
// correction after the submit rendered again and audited without its value, and the paper's own 職員記入欄 (identity document,
// fee, 受付番号) printed with the form through CUPS to the cups-pdf printer.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadResidentFixture, residentFixturePath } from '../card-reader/virtual-card/resident-fixture';
import { loadLibrary } from '../src-main/forms/load';
import { tickedOptions } from '../src-main/forms/test/ticked-options';
import { assertCupsPdfReady, CUPS_PDF_PRINTER as PRINTER, cupsPdfOutDir, holdPrinter, lpstat, PRINTER_WAIT_MS } from '../src-main/counter/printing/test/cups-pdf';
import { clerkDeskTest, pairClerk } from './support/clerk-desk';
import { Journey, expect } from './support/kiosk-fixture';
import { confirmAndSubmit, demoJuminhyoToReview, openKiosk } from './support/kiosk-flow';

const test = clerkDeskTest();
const resident = loadResidentFixture(residentFixturePath('demo'));

type QueueForTest = {
  auditLog(): { action: string; fieldId: string | null; detail: string | null; templateId: string | null }[];
  list(): { id: number; ticketNumber: string }[];
  open(id: number, actor: { kind: 'system'; id: string }): { reveal(): { pdf: Uint8Array; values: Record<string, unknown> }[] };
};

const written: string[] = [];
let releasePrinter: (() => Promise<void>) | undefined;
test.beforeAll(async () => {
  assertCupsPdfReady();
  test.setTimeout(PRINTER_WAIT_MS);
  releasePrinter = await holdPrinter();
});
test.afterAll(async () => {
  for (const f of written) rmSync(f, { force: true });
  await releasePrinter?.();
});

function pdfText(bytes: Uint8Array): string {
  const file = join(tmpdir(), `kakanai-paper-${process.pid}-${Date.now()}.pdf`);
  written.push(file);
  writeFileSync(file, bytes);
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', timeout: 30_000 }).replace(/\s+/g, '');
  } finally {
    rmSync(file, { force: true });
  }
}

test('the desk reads like the paper, corrects a queued submission (re-rendered, audited without the value) and prints the staff area', async ({ page, browser, kiosk, journey }) => {
  // A whole visit, a desk, two re-renders and a CUPS job: longer than one journey on a loaded machine.
  test.setTimeout(300_000);
  await openKiosk(page, kiosk);
  const clerk = await pairClerk(browser, page, kiosk.url);
  await clerk.setViewportSize({ width: 1920, height: 1080 });
  const shots = new Journey(clerk, 'clerk-paper--clerk');

  await demoJuminhyoToReview(page, kiosk, journey, { pin: resident.pin, copies: 2 });
  const ticket = await confirmAndSubmit(page, journey);

  // Once the resident submitted, the mirror offers no correction of the live session any more.
  await expect(clerk.locator('.desk-mirror .desk-answer button')).toHaveCount(0);

  const row = clerk.locator(`.desk-queue tr[data-ticket="${ticket}"]`);
  await expect(row).toBeVisible();
  await row.locator('button').click();
  const paper = clerk.locator('.desk-paper');
  await expect(paper.locator('img.desk-page').first()).toBeVisible({ timeout: 30_000 });

  // Reads like the paper: the title, grouped labels, the option's name, 和暦 with 西暦, no raw id or ISO date.
  const opened = clerk.locator('.desk-main > .desk-column').first();
  await expect(paper.locator('.desk-form h3')).toHaveText('住民票の写し等交付請求書');
  await expect(paper.locator('[data-group="applicant"] legend')).toHaveText('窓口に来たあなたについて');
  await expect(paper.locator('[data-field="applicant.birthDate"] .desk-field-value')).toHaveText('昭和60年4月12日（1985年4月12日）');
  await expect(paper.locator('[data-field="relation"] .desk-field-value')).toHaveText('本人');
  await expect(paper.locator('[data-field="applicant.kana"] dt')).toHaveText('ふりがな');
  const text = await opened.innerText();
  for (const raw of ['juminhyo-request', 'applicant.kana', 'applicant.', 'self', resident.birthDate]) expect(text, `raw "${raw}" on the desk`).not.toContain(raw);
  await shots.step('opened-paper');

  // A correction after the submit: staged (the original stays), then confirmed; the stored PDF has the new value.
  const submitTo = paper.locator('[data-field="submitTo"]');
  await submitTo.locator('button', { hasText: '訂正' }).click();
  await submitTo.locator('input').fill('かとりけいさつしょ');
  await submitTo.locator('button[type=submit]').click();
  await expect(paper.locator('.desk-pending')).toBeVisible();
  await expect(submitTo.locator('.desk-field-value')).toHaveText('かとりけいさつしょ');
  const queue = (kiosk.service as unknown as { clerk: { options: { queue: QueueForTest } } }).clerk.options.queue;
  const id = queue.list().find((s) => s.ticketNumber === ticket)!.id;
  const auditor = { kind: 'system', id: 'e2e' } as const;
  expect(pdfText(queue.open(id, auditor).reveal()[0]!.pdf), 'the original until confirmed').toContain('かとりしやくしょ');
  await paper.locator('.desk-pending button', { hasText: '訂正を確定' }).click();
  await expect(paper.locator('.desk-pending')).toHaveCount(0);
  const corrected = pdfText(queue.open(id, auditor).reveal()[0]!.pdf);
  expect(corrected).toContain('かとりけいさつしょ');
  expect(corrected).not.toContain('かとりしやくしょ');

  // The staff area: the identity document checked, recorded and confirmed, then printed with the form.
  await paper.locator('#staff-id-document').selectOption('driver-license');
  await paper.locator('.desk-staff button[type=submit]').click();
  await expect(paper.locator('.desk-staff')).toContainText('運転免許証');
  await expect(paper.locator('.desk-staff')).toContainText('600円');
  await shots.step('staff-area');
  await paper.locator('.desk-pending button', { hasText: '訂正を確定' }).click();
  await expect(paper.locator('.desk-pending')).toHaveCount(0);

  const audit = queue.auditLog();
  expect(audit.filter((e) => e.action === 'correction' && e.detail !== 'confirmed').map((e) => [e.fieldId, e.detail])).toEqual([
    ['submitTo', 'staged'],
    ['staff.idDocument', 'staged'],
  ]);
  expect(JSON.stringify(audit)).not.toContain('けいさつ');

  const outDir = cupsPdfOutDir();
  const before = new Set(existsSync(outDir) ? readdirSync(outDir) : []);
  await clerk.locator('#desk-printer').selectOption(PRINTER);
  // The choice is the service's (remembered per desk): print only once it took it, not to the one remembered before
  // (clerk-desk-ops, earlier on this worker, leaves its own deleted queue remembered).
  await expect(clerk.locator('#desk-printer')).toHaveValue(PRINTER);
  await clerk.locator('.desk-print button', { hasText: '印刷' }).click();
  await expect(clerk.locator('.desk-notice').first()).toHaveText('印刷しました（1件）', { timeout: 30_000 });
  let file: string | undefined;
  await expect
    .poll(
      () => {
        const hit = (existsSync(outDir) ? readdirSync(outDir) : []).find((f) => !before.has(f) && f.includes(`_${ticket}_juminhyo-request`) && f.endsWith('.pdf'));
        file = hit && join(outDir, hit);
        return Boolean(file && statSync(file).size > 0 && !lpstat('-o', PRINTER).includes(`${PRINTER}-`));
      },
      { message: `cups-pdf wrote ticket ${ticket} into ${outDir}`, timeout: 60_000 },
    )
    .toBe(true);
  written.push(file!);
  const printed = execFileSync('pdftotext', ['-enc', 'UTF-8', file!, '-'], { encoding: 'utf8', timeout: 30_000 }).replace(/\s+/g, '');
  for (const expected of ['本人確認', '手数料', '600円', '受付番号', ticket, 'かとりけいさつしょ']) expect(printed, 'the printed form').toContain(expected);
  // The paper's own 職員記入欄: the □ of the document the clerk checked carries the tick, no other.
  const idDocument = loadLibrary().templates.get('juminhyo-request')!.fields.find((f) => f.source === 'staff.idDocument') as { options: { value: string; at: unknown }[] };
  expect(tickedOptions(readFileSync(file!), idDocument.options), 'the ticked identity document').toEqual(['driver-license']);
  await clerk.context().close();
});

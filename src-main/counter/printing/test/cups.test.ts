// Printing through the real CUPS scheduler to the cups-pdf virtual printer that .ci/setup installs (kakanai-pdf).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResidentInfo } from '../../../../card-reader/personal-data';
import { renderForm } from '../../../forms/engine/render';
import { loadFonts, loadLibrary } from '../../../forms/load';
import { ClerkQueue, keyFolderStore } from '../../queue';
import { PrintError, printPdf, printSubmission } from '..';
import { assertCupsPdfReady, CUPS_PDF_PRINTER as PRINTER, cupsPdfOutDir, holdPrinter, lpstat, PRINTER_WAIT_MS } from './cups-pdf';

const clerk = { kind: 'clerk', id: 'clerk-07' } as const;
const resident = new ResidentInfo({ name: '見本　花子', address: '千葉県香取市佐原ロ２１２７番地', birthDate: '1985-04-12', sex: '2' });
const printed: string[] = [];

/** Waits (polling, no timing asserted) for the PDF cups-pdf writes for a job: "<title>…-job_<n>.pdf". */
async function printedFile(dir: string, jobId: string): Promise<string> {
  const n = jobId.slice(jobId.lastIndexOf('-') + 1);
  for (let i = 0; i < 600; i++) {
    const hit = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith(`job_${n}.pdf`)) : undefined;
    // Finished: the file exists and CUPS no longer lists the job as pending.
    if (hit && !lpstat('-o', PRINTER).includes(jobId)) return join(dir, hit);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`cups-pdf wrote no file for ${jobId} in ${dir} (see /var/log/cups/error_log and cups-pdf_log)`);
}

let queue: ClerkQueue;
let root: string | undefined;
let releasePrinter: (() => Promise<void>) | undefined;
beforeAll(async () => {
  assertCupsPdfReady();
  releasePrinter = await holdPrinter();
  root = mkdtempSync(join(tmpdir(), 'kakanai-print-'));
  queue = new ClerkQueue({ dir: join(root, 'queue'), keys: keyFolderStore(join(root, 'keys')) });
}, PRINTER_WAIT_MS);
afterAll(async () => {
  queue?.close();
  if (root) rmSync(root, { recursive: true, force: true });
  for (const f of printed) rmSync(f, { force: true });
  await releasePrinter?.();
});

describe('printing a queued submission through CUPS', () => {
  it('prints the form to the cups-pdf printer: the file exists, holds the form text, and CUPS kept no copy', async () => {
    const { fonts } = loadFonts();
    const template = loadLibrary().templates.get('juminhyo-request')!;
    const { pdf } = await renderForm(template, { resident, today: '2025-04-01', answers: { kana: 'ミホン　ハナコ' }, session: { ticketNumber: 'A-042' } }, fonts);
    const id = queue.enqueue({ ticketNumber: 'A-042', day: '2025-04-01', forms: [{ templateId: template.id, templateVersion: template.version, pdf }] });

    const { jobIds } = await printSubmission(queue, id, clerk, { printer: PRINTER });
    expect(jobIds).toHaveLength(1);
    const file = await printedFile(cupsPdfOutDir(), jobIds[0]!);
    printed.push(file);
    // The file is named after the job title: day, ticket, template id — nothing of the resident.
    expect(basename(file).startsWith('2025-04-01_A-042_juminhyo-request')).toBe(true);

    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', timeout: 30_000 });
    for (const expected of ['住民票の写し等交付請求書', '見本', '花子', '千葉県香取市佐原ロ２１２７番地', 'A-042']) expect(text).toContain(expected);

    // PreserveJobFiles No: the scheduler's spooled copy of the form is gone once the job is done.
    const spooled = `/var/spool/cups/d${jobIds[0]!.slice(jobIds[0]!.lastIndexOf('-') + 1).padStart(5, '0')}-001`;
    expect(existsSync(spooled)).toBe(false);

    const audit = queue.auditLog().filter((e) => e.action === 'print');
    expect(audit.map((e) => [e.submissionId, e.templateId, e.detail])).toEqual([[id, 'juminhyo-request', 'cups']]);
  });

  it('reports an unknown printer as a typed error', async () => {
    await expect(printPdf(new Uint8Array([37, 80, 68, 70]), { printer: 'kakanai-no-such-printer', title: 'x' })).rejects.toMatchObject({ code: 'no-printer' });
    await expect(printPdf(new Uint8Array(1), { printer: 'kakanai-no-such-printer', title: 'x' })).rejects.toBeInstanceOf(PrintError);
  });
});

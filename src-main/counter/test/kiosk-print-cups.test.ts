// A real resident's print goes to CUPS (here the cups-pdf virtual printer .ci/setup installs), never to a file of
// ours: with a printer configured, the service writes nothing under its output folder's print/.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadResidentFixture, residentFixturePath } from '../../../card-reader/virtual-card/resident-fixture';
import { assertCupsPdfReady, CUPS_PDF_PRINTER as PRINTER, cupsPdfOutDir, holdPrinter, PRINTER_WAIT_MS } from '../printing/test/cups-pdf';
import { startKioskRig, type KioskRig } from './kiosk-rig';

let kiosk: KioskRig;
const printed: string[] = [];
let releasePrinter: (() => Promise<void>) | undefined;

beforeAll(async () => {
  assertCupsPdfReady();
  releasePrinter = await holdPrinter();
  kiosk = await startKioskRig({ printer: { printer: PRINTER } });
}, PRINTER_WAIT_MS);
afterAll(async () => {
  await kiosk?.close();
  for (const f of printed) rmSync(f, { force: true });
  await releasePrinter?.();
});

it("prints a resident's form through CUPS and keeps no copy in the service's folders", async () => {
  const resident = loadResidentFixture(residentFixturePath('demo'));
  const { service } = kiosk;
  await service.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
  await kiosk.insert('demo');
  expect((await service.request('card.read', { pin: resident.pin })).ok).toBe(true);
  await kiosk.remove();
  await service.request('session.answer', {
    answers: { kana: 'みほん はなこ', phone: '0478-00-0000', 'juminhyo.relation': 'self', 'copies.all': 1, 'juminhyo.purpose': '就職先への提出' },
  });
  const outDir = cupsPdfOutDir();
  const before = new Set(existsSync(outDir) ? readdirSync(outDir) : []);
  const submission = await service.request('session.submit', { print: true, toClerk: false });
  expect(submission.printed).toBe(true);

  let file: string | undefined;
  for (let i = 0; i < 600 && !file; i++) {
    const hit = (existsSync(outDir) ? readdirSync(outDir) : []).find((f) => !before.has(f) && f.includes(submission.ticketNumber) && f.endsWith('.pdf'));
    if (hit && statSync(join(outDir, hit)).size > 0) file = join(outDir, hit);
    else await new Promise((r) => setTimeout(r, 100));
  }
  expect(file, 'cups-pdf wrote the job').toBeDefined();
  printed.push(file!);
  await new Promise((r) => setTimeout(r, 300)); // cups-pdf closes the file after writing it
  const text = execFileSync('pdftotext', [file!, '-'], { encoding: 'utf8', timeout: 30_000 });
  expect(text).toContain('住民票の写し等交付請求書');
  expect(text.replace(/\s/g, '')).toContain(resident.name.replace(/\s/g, ''));
  expect(existsSync(join(kiosk.outputDir, 'print'))).toBe(false);
});

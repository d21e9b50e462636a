// The printers a desk chooses from come from the real CUPS scheduler: .ci/setup's kakanai-pdf and a second queue this
// test adds with lpadmin (and removes). The desk's choice is remembered in the data folder across restarts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskPrinterError, DeskPrinters, listPrinters, PrintError, PROCEDURE_PRINTERS_FILE } from '..';
import { assertCupsPdfReady, CUPS_PDF_PRINTER, holdPrinter, PRINTER_WAIT_MS } from './cups-pdf';

const SECOND = `kakanai-test-b-${process.pid}`;
const lpadmin = (...args: string[]) => execFileSync('lpadmin', args, { timeout: 10_000, stdio: 'ignore' });
let dir: string;
let releasePrinter: (() => Promise<void>) | undefined;

beforeAll(async () => {
  assertCupsPdfReady();
  releasePrinter = await holdPrinter();
  dir = mkdtempSync(join(tmpdir(), 'kakanai-desk-printers-'));
  // A second cups-pdf queue, not accepting jobs: listed, marked, never printed to.
  lpadmin('-p', SECOND, '-v', 'cups-pdf:/', '-P', '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd', '-E');
  execFileSync('cupsreject', [SECOND], { timeout: 10_000, stdio: 'ignore' });
}, PRINTER_WAIT_MS);
afterAll(async () => {
  try {
    lpadmin('-x', SECOND);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await releasePrinter?.();
  }
});

describe('the CUPS destinations a desk chooses from', () => {
  it('lists every queue the scheduler has, with whether it accepts jobs', async () => {
    const printers = await listPrinters();
    expect(printers).toEqual(expect.arrayContaining([
      { name: CUPS_PDF_PRINTER, accepting: true, isDefault: false },
      { name: SECOND, accepting: false, isDefault: false },
    ]));
    expect(printers.map((p) => p.name)).toEqual([...printers.map((p) => p.name)].sort());
  });

  it('says no-cups when lpstat is not there, and times out rather than hang', async () => {
    await expect(listPrinters({ lpstatPath: join(dir, 'no-lpstat') })).rejects.toEqual(new PrintError('no-cups'));
    const slow = join(dir, 'slow-lpstat');
    writeFileSync(slow, '#!/bin/sh\nsleep 5\n', { mode: 0o700 });
    await expect(listPrinters({ lpstatPath: slow, timeoutMs: 200 })).rejects.toEqual(new PrintError('timeout'));
    rmSync(slow);
  });

  it("remembers a desk's printer in the data folder (0600) across restarts; refuses a queue CUPS does not have", async () => {
    const data = join(dir, 'data');
    const first = new DeskPrinters({ dataDir: data });
    expect(await first.choose('place-a', SECOND)).toBe(SECOND);
    await expect(first.choose('place-a', 'no-such-queue')).rejects.toEqual(new DeskPrinterError('unknown-printer'));
    const again = new DeskPrinters({ dataDir: data });
    const choices = await again.choices('place-a');
    expect(choices.chosen).toBe(SECOND);
    expect(choices.printers.map((p) => p.name)).toContain(CUPS_PDF_PRINTER);
    expect((await again.choices('place-b')).chosen).toBeNull();
    expect(statSync(join(data, 'desk-printers.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(data, 'desk-printers.json'), 'utf8')).not.toMatch(/device|cookie/);
    await again.choose('place-a', null);
    expect(new DeskPrinters({ dataDir: data }).chosen('place-a')).toBeNull();
  });

  it("the city's printer for a procedure wins over the desk's; other procedures print on the desk's", async () => {
    const data = join(dir, 'city');
    const printers = new DeskPrinters({ dataDir: data });
    await printers.choose('place-a', CUPS_PDF_PRINTER);
    writeFileSync(join(data, PROCEDURE_PRINTERS_FILE), JSON.stringify({ version: 1, procedures: { 'inkan-registration': SECOND } }));
    expect(printers.printerFor('place-a', 'inkan-registration')).toBe(SECOND);
    expect(printers.printerFor('place-a', 'juminhyo-request')).toBe(CUPS_PDF_PRINTER);
    expect(printers.printerFor('place-b', 'juminhyo-request')).toBeUndefined();
    writeFileSync(join(data, PROCEDURE_PRINTERS_FILE), '{ not json');
    expect(printers.printerFor('place-a', 'inkan-registration')).toBe(CUPS_PDF_PRINTER);
  });
});

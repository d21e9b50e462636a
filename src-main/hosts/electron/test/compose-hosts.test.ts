// One composition for every host: the options Electron's main.ts, the browser host and the demo start the service with
// (their own option builders, run here in Node on the real rig). Whatever the host, a hand-off to the clerk lands only
// in the sealed queue, and a print goes only to the chosen printer (real CUPS, the cups-pdf queue) or is refused.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from '../../../../card-reader/rig/rig';
import { cardFromFixture } from '../../../../card-reader/virtual-card/emulate';
import { loadCardFixture, loadResidentFixture, residentFixturePath } from '../../../../card-reader/virtual-card/resident-fixture';
import { VpcdCardClient } from '../../../../card-reader/virtual-card/vpcd-client';
import { browserServiceOptions } from '../../../cli/serve';
import { electronServiceOptions } from '../service-options';
import { startCounterService, type CounterService, type CounterServiceOptions } from '../../../counter';
import { printPdf } from '../../../counter/printing';
import { assertCupsPdfReady, CUPS_PDF_PRINTER as PRINTER, cupsPdfOutDir, holdPrinter, PRINTER_WAIT_MS } from '../../../counter/printing/test/cups-pdf';

const resident = loadResidentFixture(residentFixturePath('demo'));
const answers = { kana: 'みほん はなこ', phone: '0478-00-0000', 'juminhyo.relation': 'self', 'copies.all': 1, 'juminhyo.purpose': '就職先への提出' };

let rig: Rig;
const roots: string[] = [];
const printed: string[] = [];
let service: CounterService | undefined;
let releasePrinter: (() => Promise<void>) | undefined;

beforeAll(async () => {
  assertCupsPdfReady();
  releasePrinter = await holdPrinter();
  rig = await startRig();
}, PRINTER_WAIT_MS);
afterEach(async () => {
  await service?.close();
  service = undefined;
});
afterAll(async () => {
  await rig?.stop();
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
  for (const f of printed) rmSync(f, { force: true });
  await releasePrinter?.();
});

function tempRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-compose-'));
  roots.push(dir);
  return dir;
}

/** Electron's silent print, as the composition sees it: a function from PDF and device name; here it reaches CUPS. */
const cupsAsSilentPrint = () => async (pdf: Uint8Array, deviceName: string) => {
  await printPdf(pdf, { printer: deviceName, title: `electron_${Date.now()}` });
  return true;
};

const readerSetup = (demo: boolean) => ({ socketPath: rig.socketPath, demo, readerName: rig.readers[0].name, summary: '', stop: async () => {} });

async function start(options: CounterServiceOptions): Promise<CounterService> {
  service = await startCounterService({
    ...options,
    reader: { socketPath: rig.socketPath, name: rig.readers[0].name },
    watchTemplates: false,
    figures: false,
    clock: () => new Date('2025-06-02T01:00:00Z'),
  });
  return service;
}

/** A whole visit up to the finished forms, with the demo resident's card read on the rig. */
async function visit(kiosk: CounterService): Promise<void> {
  await kiosk.request('session.start', { procedureId: 'juminhyo-request', language: 'ja' });
  const card = new VpcdCardClient(cardFromFixture(loadCardFixture(residentFixturePath('demo'))), { port: rig.cardPort });
  await card.insert();
  try {
    for (let i = 0; (await kiosk.request('reader.state', {})).card !== 'present'; i++) {
      if (i > 400) throw new Error('no card on the reader');
      await new Promise((r) => setTimeout(r, 25));
    }
    expect((await kiosk.request('card.read', { pin: resident.pin })).ok).toBe(true);
  } finally {
    await card.close();
  }
  for (let i = 0; (await kiosk.request('reader.state', {})).card !== 'empty'; i++) {
    if (i > 400) throw new Error('the card stayed on the reader');
    await new Promise((r) => setTimeout(r, 25));
  }
  expect((await kiosk.request('session.answer', { answers })).problems).toEqual([]);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}

const needles = [Buffer.from('%PDF-'), ...[resident.name, resident.address, 'みほん はなこ'].flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le')])];

/** The data folder's files that hold a PDF or any of the resident's words, in plaintext (print/ only where allowed). */
function plaintextHolders(dataDir: string, allowPrintFolder: boolean): string[] {
  return filesUnder(dataDir)
    .filter((f) => !(allowPrintFolder && f.startsWith(join(dataDir, 'print') + '/')))
    .filter((f) => {
      const bytes = readFileSync(f);
      return needles.some((n) => bytes.includes(n));
    });
}

/** The hand-off in queue.sqlite: one submission whose sealed PDF and values are ciphertext. */
function expectSealedHandOff(dataDir: string, ticketNumber: string): void {
  const db = new Database(join(dataDir, 'queue', 'queue.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare('SELECT f.pdf_sealed AS pdf, f.values_sealed AS vals FROM submission_forms f JOIN submissions s ON s.id = f.submission_id WHERE s.ticket_number = ?')
      .all(ticketNumber) as { pdf: Buffer; vals: Buffer }[];
    expect(rows).toHaveLength(1);
    for (const sealed of [rows[0]!.pdf, rows[0]!.vals]) {
      expect(sealed[0]).toBe(1); // the sealed format's version byte, then nonce, tag, ciphertext
      for (const n of needles) expect(sealed.includes(n)).toBe(false);
    }
  } finally {
    db.close();
  }
}

async function cupsPdfFileFor(ticketNumber: string, before: Set<string>, dir = cupsPdfOutDir()): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const hit = (existsSync(dir) ? readdirSync(dir) : []).find((f) => !before.has(f) && f.endsWith('.pdf'));
    if (hit && statSync(join(dir, hit)).size > 0) {
      printed.push(join(dir, hit));
      return join(dir, hit);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`cups-pdf wrote no file for ${ticketNumber}`);
}

const cupsFiles = () => new Set(existsSync(cupsPdfOutDir()) ? readdirSync(cupsPdfOutDir()) : []);

describe('every host composes the same service: the hand-off is sealed, a print goes to the chosen printer only', () => {
  it('Electron with KAKANAI_PRINTER: prints through the printer it was given, hands off to the sealed queue', async () => {
    const userData = tempRoot();
    const options = electronServiceOptions({ userData, packaged: false, env: { KAKANAI_PRINTER: PRINTER }, silentPrint: cupsAsSilentPrint });
    const kiosk = await start(options);
    await visit(kiosk);
    const before = cupsFiles();
    const submission = await kiosk.request('session.submit', { print: true, toClerk: true });
    expect(submission).toMatchObject({ printed: true, sentToClerk: true });
    await cupsPdfFileFor(submission.ticketNumber, before);
    const dataDir = join(userData, 'output');
    expectSealedHandOff(dataDir, submission.ticketNumber);
    expect(existsSync(join(dataDir, 'clerk'))).toBe(false);
    expect(existsSync(join(dataDir, 'print'))).toBe(false);
    expect(plaintextHolders(userData, false)).toEqual([]);
    // The queue's key sits in userData/keys, apart from the data folder: a copy of output/ alone opens nothing.
    expect(filesUnder(dataDir).filter((f) => f.includes('key'))).toEqual([]);
    expect(readdirSync(join(userData, 'keys'))).toEqual([expect.stringMatching(/^queue-key-[0-9a-f-]{36}\.json$/)]);
  });

  it('Electron without a printer: a real kiosk refuses to print (typed), writes no file, still hands off', async () => {
    const userData = tempRoot();
    const kiosk = await start(electronServiceOptions({ userData, packaged: false, env: {}, silentPrint: cupsAsSilentPrint }));
    await visit(kiosk);
    await expect(kiosk.request('session.submit', { print: true, toClerk: true })).rejects.toMatchObject({ name: 'PrintError', code: 'no-printer' });
    const dataDir = join(userData, 'output');
    expect(existsSync(join(dataDir, 'print'))).toBe(false);
    const submission = await kiosk.request('session.submit', { print: false, toClerk: true });
    expect(submission).toMatchObject({ printed: false, sentToClerk: true });
    expectSealedHandOff(dataDir, submission.ticketNumber);
    expect(plaintextHolders(userData, false)).toEqual([]);
  });

  it('the browser host: prints through CUPS to the named queue, hands off to the sealed queue', async () => {
    const root = tempRoot();
    const dataDir = join(root, 'data');
    const kiosk = await start({ ...browserServiceOptions({ reader: readerSetup(false), outputDir: dataDir, printer: PRINTER }, {}), keys: { dir: join(root, 'keys') } });
    await visit(kiosk);
    const before = cupsFiles();
    const submission = await kiosk.request('session.submit', { print: true, toClerk: true });
    expect(submission).toMatchObject({ printed: true, sentToClerk: true });
    const file = await cupsPdfFileFor(submission.ticketNumber, before);
    expect(file).toContain(submission.ticketNumber);
    expectSealedHandOff(dataDir, submission.ticketNumber);
    expect(plaintextHolders(dataDir, false)).toEqual([]);
  });

  it('the demo: the fictional print goes to its print/ folder, the hand-off still only to the sealed queue', async () => {
    const root = tempRoot();
    const dataDir = join(root, 'data');
    const kiosk = await start({ ...browserServiceOptions({ reader: readerSetup(true), outputDir: dataDir }, {}), keys: { dir: join(root, 'keys') } });
    await visit(kiosk);
    const submission = await kiosk.request('session.submit', { print: true, toClerk: true });
    expect(submission).toMatchObject({ printed: true, sentToClerk: true });
    expect(readdirSync(join(dataDir, 'print'))).toEqual([`2025-06-02_${submission.ticketNumber}_juminhyo-request.pdf`]);
    expect(statSync(join(dataDir, 'print', readdirSync(join(dataDir, 'print'))[0]!)).mode & 0o777).toBe(0o600);
    expectSealedHandOff(dataDir, submission.ticketNumber);
    expect(existsSync(join(dataDir, 'clerk'))).toBe(false);
    expect(plaintextHolders(dataDir, true)).toEqual([]);
  });

  it('Electron in the demo without a printer writes the demo prints to files, as the browser host does', async () => {
    const userData = tempRoot();
    const options = electronServiceOptions({ userData, packaged: false, env: { KAKANAI_DEMO: '1' }, silentPrint: cupsAsSilentPrint });
    expect(options.printer).toBeUndefined();
    expect(options.demo).toBe(true);
    expect(options.outputDir).toBe(join(userData, 'output'));
  });
});

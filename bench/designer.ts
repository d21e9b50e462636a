// npm run bench:designer — the IT staff's designer: how long an edit takes to come back as a refreshed preview for a
// 40-field form on the city's background PDF, and how long a publish takes until the kiosk's next session is on the
// new version. Prints a table; asserts nothing (target: preview ≤ 200 ms at the median).
//
// Service rows call the counter service in-process (what /api/admin/call runs). The browser row drives the real admin
// screen in Debian's Chromium (key press on a selected field → the preview canvas redrawn for that edit), when the
// renderer is built and Chromium is installed. BENCH_RUNS=n sets the edits per row (default 60).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { startCounterService, type CounterService } from '../src-main/counter';
import { repoRoot } from '../src-main/forms/load';
import { startWebHost } from '../src-main/hosts/web/server';

const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const WARM_UP = 5;
const loc = (ja: string) => ({ ja, easy: ja, en: ja });

/** The city's form as the designer imports it: an A4 page of ruled boxes (40 of them), as a scanned-and-traced form has. */
async function cityForm(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595.28, 841.89]);
  const mm = 72 / 25.4;
  for (let i = 0; i < 40; i++) {
    const [x, y] = [15 + (i % 2) * 95, 20 + Math.floor(i / 2) * 13];
    page.drawRectangle({ x: x * mm, y: 841.89 - (y + 10) * mm, width: 88 * mm, height: 10 * mm, borderColor: rgb(0.2, 0.2, 0.2), borderWidth: 0.6 });
  }
  return pdf.save();
}

/** 40 fields in those boxes: the card's items, the day, and answers of several types. */
function fortyFieldForm(backgroundHash: string) {
  const sources = ['card.name', 'card.address', 'card.birthDate', 'computed.today', 'session.cityName', undefined];
  const fields = Array.from({ length: 40 }, (_, i) => {
    const [x, y] = [15 + (i % 2) * 95, 20 + Math.floor(i / 2) * 13];
    const source = sources[i % sources.length];
    const base = { id: `f${String(i).padStart(2, '0')}`, label: loc(`項目${i}`), at: [x + 1, y + 1, 86, 8] as [number, number, number, number] };
    if (source === 'card.birthDate' || source === 'computed.today') return { ...base, type: 'date', source };
    if (i % 7 === 3) return { ...base, type: 'phone' };
    return { ...base, type: 'text', ...(source ? { source } : {}) };
  });
  return {
    id: 'bench-forty',
    version: 1,
    title: loc('ベンチ用四十項目届'),
    category: 'other',
    legalBasis: '香取市事務処理規則',
    myNumberUse: false,
    background: { pdf: `designer/${backgroundHash}.pdf` },
    fields,
  };
}

function stats(values: number[]): { median: number; p95: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(s.length * p) - 1)]!;
  return { median: q(0.5), p95: q(0.95), max: s.at(-1)! };
}

type Row = { what: string; n: number; median: number; p95: number; max: number; note: string };
const rows: Row[] = [];
const add = (what: string, values: number[], note = '') => rows.push({ what, n: values.length, ...stats(values), note });

const outputDir = mkdtempSync(join(tmpdir(), 'kakanai-bench-designer-'));
let service: CounterService | undefined;
try {
  service = await startCounterService({ outputDir, watchTemplates: false, figures: false });
  const admin = service.admin;
  const call = <N extends Parameters<typeof admin.request>[1]>(name: N, params: Parameters<typeof admin.request<N>>[2]) => admin.request('bench', name, params);

  const background = await call('backgrounds.add', { fileName: 'katori-forty.pdf', pdfBase64: Buffer.from(await cityForm()).toString('base64') });
  const form = fortyFieldForm(background.hash);

  // --- Edit → preview (service): each edit moves one field by 0.5 mm, as an arrow key does. ---------------------
  const total: number[] = [];
  const engine: number[] = [];
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const field = form.fields[i % form.fields.length]!;
    field.at = [field.at[0] + (i % 2 === 0 ? 0.5 : -0.5), field.at[1], field.at[2], field.at[3]];
    const t0 = performance.now();
    const r = await call('preview.render', { document: structuredClone(form), residentId: 'demo' });
    const ms = performance.now() - t0;
    if (!r.pdfBase64) throw new Error(`the bench form does not validate: ${r.issues.map((x) => x.message).join('; ')}`);
    if (i >= WARM_UP) {
      total.push(ms);
      engine.push(r.renderMs);
    }
  }
  add('edit → preview PDF (service, 40 fields)', total, 'validate + bind + render + base64');
  add('  of which the engine (renderMs)', engine);

  // --- Publish → the kiosk's next session on the new version. ---------------------------------------------------
  const publish: number[] = [];
  let version = (await call('documents.save', { kind: 'template', document: structuredClone(form), basedOn: null })).ok ? 1 : 0;
  if (version !== 1) throw new Error('could not save the bench form');
  await call('documents.publish', { kind: 'template', id: form.id, version });
  for (let i = 0; i < 20; i++) {
    const next = structuredClone(form);
    next.title = loc(`ベンチ用四十項目届 第${i + 2}版`);
    const saved = await call('documents.save', { kind: 'template', document: next, basedOn: version });
    if (!saved.ok) throw new Error('could not save the bench form');
    version = saved.version;
    const t0 = performance.now();
    await call('documents.publish', { kind: 'template', id: form.id, version });
    const info = await service.request('kiosk.info', {});
    const started = await service.request('session.start', { procedureId: form.id, language: 'ja' });
    publish.push(performance.now() - t0);
    if (info.procedures.find((p) => p.id === form.id)?.title.ja !== next.title.ja) throw new Error('the kiosk did not get the new version');
    if (!started.procedure.title.ja.includes(`第${i + 2}版`)) throw new Error('the session did not start on the new version');
    await service.request('session.end', { reason: 'cancel' });
  }
  add('publish → next kiosk session on it', publish, 'publish + kiosk.info + session.start');

  // --- Edit → preview redrawn in the browser (the admin screen, Chromium). ---------------------------------------
  const chromium = '/usr/bin/chromium';
  if (existsSync(join(repoRoot, 'dist/renderer/admin.html')) && existsSync(chromium)) {
    const browserRow = await browserEdits(service, form.id, version).catch((e: unknown) => `skipped: ${(e as Error).message.split('\n')[0]}`);
    if (typeof browserRow === 'string') rows.push({ what: 'edit → preview redrawn (Chromium)', n: 0, median: NaN, p95: NaN, max: NaN, note: browserRow });
    else add('edit → preview redrawn (Chromium)', browserRow, 'arrow key → preview canvas of that edit');
  } else {
    rows.push({ what: 'edit → preview redrawn (Chromium)', n: 0, median: NaN, p95: NaN, max: NaN, note: 'skipped: no dist/renderer/admin.html or chromium' });
  }
} finally {
  await service?.close();
  rmSync(outputDir, { recursive: true, force: true });
}

/**
 * The admin screen in Chromium: sign in, open the 40-field form, select a field, press → and wait until the preview
 * says it shows that edit (the screen sets data-preview-revision on the preview once its canvas is drawn).
 */
async function browserEdits(svc: CounterService, id: string, version: number): Promise<number[]> {
  const { chromium } = await import('@playwright/test');
  const { hashPassphrase, writePassphraseHash } = await import('../src-main/counter/admin');
  writePassphraseHash(outputDir, await hashPassphrase('bench passphrase 2026'));
  const host = await startWebHost({ service: svc, port: 0, admin: svc.admin });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(new URL('admin', host.url).href);
    await page.getByLabel(/氏名|name/i).first().fill('ベンチ');
    await page.getByLabel(/パスフレーズ|passphrase/i).first().fill('bench passphrase 2026');
    await page.keyboard.press('Enter');
    await page.locator(`[data-document-id="${id}"]`).first().click({ timeout: 15_000 });
    const preview = page.locator('[data-preview-revision]').first();
    await preview.waitFor({ timeout: 15_000 });
    await page.locator('[data-field-id="f00"]').first().click();
    const times: number[] = [];
    for (let i = 0; i < WARM_UP + Math.min(RUNS, 40); i++) {
      const before = Number(await preview.getAttribute('data-preview-revision'));
      const t0 = performance.now();
      await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
      await page.waitForFunction((b) => Number(document.querySelector('[data-preview-revision]')?.getAttribute('data-preview-revision')) > b, before, { timeout: 10_000, polling: 'raf' });
      if (i >= WARM_UP) times.push(performance.now() - t0);
    }
    void version;
    return times;
  } finally {
    await browser.close();
    await host.close();
  }
}

const f = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(1));
console.log(`Kakanai designer bench — ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, ${RUNS} edits`);
console.log('');
console.log(`| ${'what'.padEnd(42)} | ${'n'.padStart(3)} | ${'median ms'.padStart(9)} | ${'p95 ms'.padStart(7)} | ${'max ms'.padStart(7)} | note`);
console.log(`|${'-'.repeat(44)}|${'-'.repeat(5)}|${'-'.repeat(11)}|${'-'.repeat(9)}|${'-'.repeat(9)}|------`);
for (const r of rows) console.log(`| ${r.what.padEnd(42)} | ${String(r.n).padStart(3)} | ${f(r.median).padStart(9)} | ${f(r.p95).padStart(7)} | ${f(r.max).padStart(7)} | ${r.note}`);
console.log('');
const median = rows[0]?.median ?? NaN;
const browser = rows.find((r) => r.what.includes('Chromium'))?.median ?? NaN;
const mark = (v: number) => (Number.isNaN(v) ? '(not measured)' : v <= 200 ? '✓' : '✗');
console.log(`target: edit → preview ≤ 200 ms at the median — service ${f(median)} ms ${mark(median)}, on screen ${f(browser)} ms ${mark(browser)}`);

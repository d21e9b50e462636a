// npm run bench:kiosk-browser — the kiosk as a resident meets it, in a fresh Debian Chromium over the browser host
// with the real PC/SC rig: browser-host start → first interactive screen, and card present → review screen shown
// at 30 ms per APDU for one form (machine time only: the resident's own touches are taken out). Prints a table;
// asserts nothing. The service-side figures are bench/kiosk.ts.
import { chromium, type Browser, type Page } from '@playwright/test';
import { startWebHost } from '../src-main/hosts/web/server';
import { answerQuestions, enterPin, openKiosk, startVisit } from '../e2e/support/kiosk-flow';
import { holdKioskSession, startStage } from '../e2e/support/kiosk-fixture';
import buildRendererIfStale from '../e2e/support/global-setup';
import config from '../playwright.config';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const APDU_DELAY_MS = 30;
const launchOptions = { ...config.use!.launchOptions };
const viewport = { width: 1920, height: 1080 };
const noSteps = { step: async () => {} };

// Polled every animation frame: expect()'s back-off (100–1000 ms) would add its own wait to the figures.
const attractReady = (page: Page) =>
  page.waitForFunction(() => {
    const start = document.querySelector<HTMLButtonElement>('button.attract');
    return !!start && !start.disabled && start.checkVisibility() && (document.querySelector('.header-city')?.textContent ?? '') !== '';
  }, undefined, { polling: 'raf', timeout: 30_000 });
const reviewDrawn = (page: Page) =>
  page.waitForFunction(() => {
    const images = [...document.querySelectorAll<HTMLImageElement>('.screen-review img.review-page')];
    return images.length > 0 && images.every((i) => i.complete && i.naturalWidth > 0) && !document.querySelector('.review-pages .reader-state');
  }, undefined, { polling: 'raf', timeout: 30_000 });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const max = (xs: number[]) => Math.max(...xs);
const row = (name: string, xs: number[], target: string) => [name, median(xs).toFixed(0), max(xs).toFixed(0), target];

async function firstScreen(stage: Awaited<ReturnType<typeof startStage>>['stage']): Promise<{ cold: number; warm: number }> {
  // The stage's service already holds the PC/SC binding of this process; a second host over it is a fresh host start.
  const t0 = performance.now();
  const host = await startWebHost({ service: stage.service, port: 0 });
  const browser: Browser = await chromium.launch(launchOptions);
  try {
    const page = await browser.newPage({ viewport });
    const t1 = performance.now();
    await page.goto(host.launchUrl()); // the one-time launch URL, as a developer's browser opens it
    await attractReady(page);
    const t2 = performance.now();
    return { cold: t2 - t0, warm: t2 - t1 };
  } finally {
    await browser.close();
    await host.close();
  }
}

/** Resolves with the moment the service reports the reader's card state (PC/SC's own notice, before any screen). */
function serviceSees(stage: Awaited<ReturnType<typeof startStage>>['stage'], card: 'present' | 'empty'): Promise<number> {
  return new Promise((resolve) => {
    const off = stage.service.onEvent((e) => {
      if (e.type === 'reader' && e.state.card === card) {
        off();
        resolve(performance.now());
      }
    });
  });
}

async function main(): Promise<void> {
  buildRendererIfStale(); // the figures are of today's screens, as in the e2e run
  const started = await startStage();
  const { stage } = started;
  const rows: string[][] = [];
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await firstScreen(stage);
      cold.push(r.cold);
      warm.push(r.warm);
    }
    rows.push(row('host start + Chromium launch → start button enabled', cold, '≤ 1500'));
    rows.push(row('page load → start button enabled', warm, '—'));

    const browser = await chromium.launch(launchOptions);
    const toPin: number[] = [];
    const seen: number[] = [];
    const seenToPin: number[] = [];
    const read: number[] = [];
    const toQuestion: number[] = [];
    const toReview: number[] = [];
    const total: number[] = [];
    try {
      for (let i = 0; i < RUNS + 1; i++) {
        const page = await browser.newPage({ viewport });
        await holdKioskSession(page.context(), stage);
        await openKiosk(page, stage);
        await startVisit(page, noSteps as never, { language: 'ja', procedureId: 'juminhyo-request' });
        const t0 = performance.now();
        const present = serviceSees(stage, 'present');
        await stage.insertCard('demo', { delayMs: APDU_DELAY_MS });
        await page.locator('.screen-pin .pin-pad').waitFor();
        const t1 = performance.now();
        const typed = enterPin(page, '1234');
        await typed;
        const t2 = performance.now();
        await page.locator('.screen-take-card').waitFor();
        const t3 = performance.now();
        await stage.removeCard();
        const t4 = performance.now();
        await page.locator('.screen-question').waitFor();
        const t5 = performance.now();
        const { lastNextAt } = await answerQuestions(page, noSteps, { procedureId: 'juminhyo-request', answers: { kana: 'みほん', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 1 } });
        await reviewDrawn(page);
        const t7 = performance.now();
        await page.close();
        await stage.service.request('session.end', { reason: 'cancel' });
        if (i === 0) continue; // the first visit warms the fonts and the PDF engine
        toPin.push(t1 - t0);
        seen.push((await present) - t0);
        seenToPin.push(t1 - (await present));
        read.push(t3 - t2);
        toQuestion.push(t5 - t4);
        toReview.push(t7 - lastNextAt);
        total.push(t1 - t0 + (t3 - t2) + (t5 - t4) + (t7 - lastNextAt));
      }
    } finally {
      await browser.close();
    }
    rows.push(row('card present → PIN pad shown', toPin, '—'));
    rows.push(row('  of which: card present → PC/SC reports it (rig: pcscd polls vpcd)', seen, '—'));
    rows.push(row('  of which: PC/SC reports it → PIN pad (tries read, 3 APDUs)', seenToPin, '—'));
    rows.push(row('PIN OK (last key) → "take your card" shown', read, '—'));
    rows.push(row('card taken (reader EMPTY) → first question', toQuestion, '—'));
    rows.push(row('last Next → review with page images', toReview, '—'));
    rows.push(row('card present → review shown (sum of the above)', total, '≤ 1000'));
  } finally {
    await started.stop();
  }
  const head = ['kiosk in Chromium (30 ms/APDU, juminhyo-request)', 'median ms', 'max ms', 'target ms'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
  console.log(`runs: ${RUNS} (after one warm-up visit); Chromium: ${launchOptions.executablePath}`);
}

await main();

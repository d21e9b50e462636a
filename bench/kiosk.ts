// npm run bench:kiosk — the counter service's share of the kiosk flow over the real stack (PC/SC rig + virtual
// card): card present → review data ready at 30 ms per APDU, review → PDF ready, and the service's heap after 1 and
// after 100 whole sessions. Prints a table; asserts nothing. Browser-host start → first screen is measured by e2e.
// Run with --expose-gc (the npm script does) so heap figures are taken after a full GC.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRig } from '../card-reader/rig/rig';
import { VirtualMyNumberCard } from '../card-reader/virtual-card/card-model';
import { loadResidentFixture, residentFixturePath } from '../card-reader/virtual-card/resident-fixture';
import { VpcdCardClient } from '../card-reader/virtual-card/vpcd-client';
import type { AnswerValue, KioskEvent } from '../src-main/contract/kiosk';
import { startCounterService, type CounterService } from '../src-main/counter';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 10);
const SESSIONS = Number(process.env['BENCH_SESSIONS'] ?? 100);
const APDU_DELAY_MS = 30;

const resident = loadResidentFixture(residentFixturePath('demo'));
const answers: Record<string, Record<string, AnswerValue>> = {
  'juminhyo-request': { kana: 'みほん はなこ', phone: '0478-54-1111', 'juminhyo.relation': 'self', 'copies.all': 1 },
  'jido-teate-nintei': { kana: 'みほん はなこ', phone: '0478-54-1111', pension: 'employees', 'household.1.relationship': 'child', 'household.1.kana': 'みほん　さくら', 'household.1.birthDate': '2019-05-01', 'household.1.sex': '2', 'household.1.living': 'together', 'account.method': 'public' },
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))]!;
const ms = (x: number) => x.toFixed(0);

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

function cardSeen(service: CounterService, card: 'present' | 'empty'): Promise<void> {
  return new Promise((resolve) => {
    const off = service.onEvent((e: KioskEvent) => {
      if (e.type === 'reader' && e.state.card === card) {
        off();
        resolve();
      }
    });
  });
}

async function main(): Promise<void> {
  const rig = await startRig();
  const outputDir = mkdtempSync(join(tmpdir(), 'kakanai-bench-kiosk-'));
  const service = await startCounterService({ reader: { socketPath: rig.socketPath, name: rig.readers[0].name }, outputDir, watchTemplates: false, demo: true });
  const card = new VirtualMyNumberCard(resident);
  try {
    for (;;) {
      const state = await service.request('reader.state', {});
      if (state.reader) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const rows: string[][] = [];
    for (const procedureId of ['juminhyo-request', 'jido-teate-nintei']) {
      const seen: number[] = [];
      const toReview: number[] = [];
      const toPdf: number[] = [];
      for (let i = 0; i < RUNS + 1; i++) {
        await service.request('session.start', { procedureId, language: 'ja' });
        const client = new VpcdCardClient(card, { port: rig.cardPort, delayMs: APDU_DELAY_MS });
        const present = cardSeen(service, 'present');
        const t0 = performance.now();
        await client.insert();
        await present;
        const t1 = performance.now();
        // The screen probes the tries for the PIN pad, then sends the PIN: the PIN typing itself is the resident's time.
        await service.request('card.tries', {});
        const read = await service.request('card.read', { pin: resident.pin });
        const t2 = performance.now();
        if (!read.ok) throw new Error(`card read failed: ${read.error}`);
        await service.request('session.answer', { answers: answers[procedureId]! });
        const { forms } = await service.request('session.preview', {});
        const t3 = performance.now();
        if (forms.length !== 1) throw new Error('expected one form');
        const empty = cardSeen(service, 'empty');
        await client.close();
        await empty;
        await service.request('session.end', { reason: 'done' });
        if (i === 0) continue; // the first run warms the fonts and the code paths
        seen.push(t1 - t0);
        toReview.push(t2 - t1);
        toPdf.push(t3 - t2);
      }
      const withMyNumber = procedureId === 'jido-teate-nintei' ? ' (+ My Number)' : '';
      rows.push([`PC/SC sees the card (pcscd poll)`, procedureId, ms(median(seen)), ms(p90(seen)), '—']);
      rows.push([`card present → review data${withMyNumber}`, procedureId, ms(median(toReview)), ms(p90(toReview)), '≤ 1000 (with the screen)']);
      rows.push([`review → PDF ready (answer + preview)`, procedureId, ms(median(toPdf)), ms(p90(toPdf)), '—']);
    }

    // Memory: whole sessions with the card left on the reader (no APDU delay: memory does not depend on it).
    const client = new VpcdCardClient(card, { port: rig.cardPort });
    const present = cardSeen(service, 'present');
    await client.insert();
    await present;
    const session = async (n: number) => {
      const procedureId = n % 2 === 0 ? 'juminhyo-request' : 'jido-teate-nintei';
      await service.request('session.start', { procedureId, language: 'ja' });
      const read = await service.request('card.read', { pin: resident.pin });
      if (!read.ok) throw new Error(`card read failed: ${read.error}`);
      await service.request('session.answer', { answers: answers[procedureId]! });
      await service.request('session.preview', {});
      await service.request('session.submit', { print: true, toClerk: false });
      await service.request('session.end', { reason: 'done' });
    };
    await session(0);
    const after1 = heapAfterGc();
    for (let n = 1; n < SESSIONS; n++) await session(n);
    const after100 = heapAfterGc();
    await client.close();

    const gcNote = (globalThis as { gc?: unknown }).gc ? 'after a full GC' : 'NO --expose-gc: without a GC, not comparable';
    console.log(`\nThe counter service over real PC/SC (pcscd + vpcd + virtual card, ${APDU_DELAY_MS} ms per APDU), ${RUNS} runs each, times in ms\n`);
    console.log('| measure                                    | procedure          | median | p90  | target                   |');
    console.log('|--------------------------------------------|--------------------|-------:|-----:|--------------------------|');
    for (const r of rows) console.log(`| ${r[0]!.padEnd(42)} | ${r[1]!.padEnd(18)} | ${r[2]!.padStart(6)} | ${r[3]!.padStart(4)} | ${r[4]!.padEnd(24)} |`);
    const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
    console.log(`\n| service heap (${gcNote}) | MB |`);
    console.log('|---|---:|');
    console.log(`| after 1 session | ${mb(after1)} |`);
    console.log(`| after ${SESSIONS} sessions | ${mb(after100)} |`);
    console.log(`| growth | ${mb(after100 - after1)} (${(((after100 - after1) / after1) * 100).toFixed(1)} %) |`);
  } finally {
    await service.close();
    await rig.stop();
    rmSync(outputDir, { recursive: true, force: true });
  }
}

await main();

import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ResidentInfo } from '../../../card-reader/personal-data';
import { loadFonts, loadLibrary, templatesDir } from '../load';
import { Template } from '../model/template';
import { BACKGROUND_LIMITS } from './background-check';
import { decompressionBombPdf } from './hostile-pdf';
import { renderForm } from './render';
import { RENDER_LIMITS, RenderError, RenderWorker, closeRenderWorkers, renderFormsIsolated } from './render-isolated';

const { fonts } = loadFonts();
const example = loadLibrary().templates.get('example-request')!;
const resident = new ResidentInfo({ name: '𠮷田 髙﨑 花子', address: '千葉県香取市佐原イ１２３４番地', birthDate: '1989-01-08', sex: '2' });
const data = { resident, today: '2025-04-01', answers: { kana: 'よしだ たかさき はなこ', who: 'self' } };
const workers: RenderWorker[] = [];
const worker = (limits: Partial<typeof RENDER_LIMITS>) => {
  const w = new RenderWorker(join(templatesDir, 'fonts.json'), { ...RENDER_LIMITS, ...limits });
  workers.push(w);
  return w;
};

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await closeRenderWorkers();
});

/** How long the service's own thread was kept from running, sampled every 10 ms while `work` runs. */
async function longestStall<T>(work: Promise<T>): Promise<{ stallMs: number; settled: PromiseSettledResult<T> }> {
  let last = performance.now();
  let stallMs = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 10);
  const [settled] = await Promise.allSettled([work]);
  clearInterval(tick);
  return { stallMs, settled: settled! };
}

describe('rendering in a worker', () => {
  it('gives the same bytes as the engine in this thread', async () => {
    const here = await renderForm(example, data, fonts);
    const there = await renderFormsIsolated({ templates: [example], data, fonts: fonts });
    expect(Buffer.from(there.pdf).equals(Buffer.from(here.pdf))).toBe(true);
    expect(there).toMatchObject({ pageCount: here.pageCount, issues: here.issues, missingGlyphs: here.missingGlyphs });
  }, 30_000); // the worker's cold start on a loaded machine

  it('refuses a decompression-bomb background with a typed error naming its path', async () => {
    const bomb = await decompressionBombPdf();
    const template = Template.parse({ ...example, id: 'bomb-form', background: { pdf: 'city/bomb.pdf' } });
    const { stallMs, settled } = await longestStall(renderFormsIsolated({ templates: [template], data, fonts: fonts, backgrounds: new Map([['city/bomb.pdf', bomb]]) }));
    expect(settled).toMatchObject({ status: 'rejected', reason: new RenderError('background-refused', { path: 'city/bomb.pdf', problem: 'too-much-decoded' }) });
    expect((settled as PromiseRejectedResult).reason.background).toEqual({ path: 'city/bomb.pdf', problem: 'too-much-decoded' });
    expect(stallMs).toBeLessThan(300); // an in-thread render of it stalls for seconds
  }, 30_000);

  it('ends a render that takes too long with render-timeout, keeps this thread free, and renders again after', async () => {
    // A bomb the background limits let through (raised for the test): pdf-lib expands it while writing the PDF.
    const w = worker({ background: { ...BACKGROUND_LIMITS, maxDecodedBytes: 2 ** 31 } });
    await w.warm();
    const template = Template.parse({ ...example, id: 'slow-form', background: { pdf: 'slow.pdf' } });
    const started = performance.now();
    const { stallMs, settled } = await longestStall(w.render({ templates: [template], data, backgrounds: new Map([['slow.pdf', await decompressionBombPdf()]]) }, 400));
    expect(settled).toMatchObject({ status: 'rejected', reason: new RenderError('render-timeout') });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(stallMs).toBeLessThan(300); // an in-thread render of it stalls for seconds
    expect((await w.render({ templates: [example], data })).pageCount).toBe(1);
  }, 30_000);

  it('ends a render that needs more memory than its limit with render-out-of-memory, and renders again after', async () => {
    const w = worker({ maxHeapMb: 32, timeoutMs: 120_000 });
    await w.warm();
    // 10 pages of 400 wrapped texts each: far more drawing operators than any form has.
    const fields = Array.from({ length: 4000 }, (_, i) => ({
      id: `f${i}`, type: 'multiline', label: { ja: '欄', easy: '欄', en: 'f' }, source: `value:${'書かない窓口の見本です。'.repeat(40)}`, at: [10 + (i % 20) * 9, 10 + (Math.floor(i / 20) % 20) * 13, 9, 13], page: 1 + Math.floor(i / 400),
    }));
    const hostile = Template.parse({ ...example, id: 'heavy-form', paper: { ...example.paper, pages: 10 }, layout: [], fields });
    const { settled } = await longestStall(w.render({ templates: [hostile], data }));
    expect(settled).toMatchObject({ status: 'rejected', reason: new RenderError('render-out-of-memory') });
    expect((await w.render({ templates: [example], data })).pageCount).toBe(1);
  }, 60_000);
});

import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_LIMITS, BackgroundRefused, loadCheckedBackground } from './background-check';
import { decompressionBombPdf } from './hostile-pdf';

async function pages(n: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < n; i++) doc.addPage([595.28, 841.89]).drawRectangle({ x: 10, y: 10, width: 100, height: 50 });
  return doc.save();
}

describe('a background PDF checked with limits', () => {
  it('loads an ordinary form', async () => {
    expect((await loadCheckedBackground(await pages(2))).getPageCount()).toBe(2);
  });

  it('refuses a decompression bomb without expanding it', async () => {
    const bomb = await decompressionBombPdf();
    expect(bomb.byteLength).toBeLessThan(400 * 1024);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    await expect(loadCheckedBackground(bomb)).rejects.toEqual(new BackgroundRefused('too-much-decoded'));
    expect(performance.now() - started).toBeLessThan(5000); // inflating 64 MiB, not 256: loose for a loaded machine
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('refuses too many pages, too many objects, and what is no PDF', async () => {
    await expect(loadCheckedBackground(await pages(3), { ...BACKGROUND_LIMITS, maxPages: 2 })).rejects.toEqual(new BackgroundRefused('too-many-pages'));
    await expect(loadCheckedBackground(await pages(3), { ...BACKGROUND_LIMITS, maxObjects: 5 })).rejects.toEqual(new BackgroundRefused('too-many-objects'));
    await expect(loadCheckedBackground(new TextEncoder().encode('%PDF-1.7 but nothing else'))).rejects.toEqual(new BackgroundRefused('not-a-pdf'));
  });
});

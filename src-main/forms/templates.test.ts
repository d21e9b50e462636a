import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { MyNumber, ResidentInfo } from '../../card-reader/personal-data';
import type { FormData } from './binding/bind';
import { bindValues } from './binding/bind';
import { mm } from './engine/pdf-canvas';
import { renderFinalForm } from './engine/render';
import { fieldTypeOf } from './field-types';
import { loadFonts, loadLibrary, repoRoot } from './load';
import type { RectMm } from './model/geometry';
import { placeGridCells } from './model/layout';
import type { Field, Template } from './model/template';
import { pdfWords, rasterize, referenceData, referenceDir, sampleAnswers, type PdfWord } from './reference-pages';

const { fonts } = loadFonts();
const library = loadLibrary();
const templates = [...library.templates.values()];

/** Fixture residents, read leniently (the 4 items, the My Number, furigana / phone); plus our own hard cases. */
function residents(): { id: string; data: FormData }[] {
  const dir = join(repoRoot, 'fixtures/residents');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  const fromFixtures = files.map((f) => {
    const r = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, string>;
    const answers = { ...sampleAnswers, ...(r.furigana ? { kana: r.furigana } : {}), ...(r.phone ? { phone: r.phone } : {}) };
    return {
      id: f,
      data: {
        resident: new ResidentInfo({ name: r.name ?? '', address: r.address ?? '', birthDate: r.birthDate ?? '', sex: r.sex ?? '9' }),
        myNumber: r.myNumber ? new MyNumber(r.myNumber) : undefined,
        answers,
        today: '2025-04-01',
        session: { ticketNumber: 'A-001' },
      },
    };
  });
  const foreign = new ResidentInfo({ name: 'SAMPLE-WILLIAMS ALEXANDER JONATHAN CHRISTOPHER MAXIMILIAN FREDERICK BARTHOLOMEW', address: '千葉県香取市見本町四丁目５番６号　見本アパート２０２', birthDate: '1988-12-09', sex: '1' });
  return [...fromFixtures, { id: 'reference', data: referenceData() }, { id: 'latin-name', data: { ...referenceData(), resident: foreign } }];
}

function cellRects(t: Template): Map<string, RectMm> {
  return new Map(placeGridCells(t.layout).cells.flatMap((c) => (c.cell.id ? [[c.cell.id, c.rect] as const] : [])));
}

/** Fields that print their value as text in one box (the ones a reader can check word by word). */
function textPlacement(f: Field, cells: Map<string, RectMm>): RectMm | undefined {
  if (!('at' in f) || f.at === undefined || f.type === 'checkbox' || f.type === 'signature') return undefined;
  return typeof f.at === 'string' ? cells.get(f.at) : f.at;
}

function wordsInside(words: PdfWord[], [x, y, w, h]: RectMm, page: number): PdfWord[] {
  const [left, top, right, bottom] = [mm(x), mm(y), mm(x + w), mm(y + h)];
  return words.filter((wd) => {
    const cx = (wd.xMin + wd.xMax) / 2;
    const cy = (wd.yMin + wd.yMax) / 2;
    return wd.page === page && cx > left && cx < right && cy > top && cy < bottom;
  });
}

const squash = (s: string) => s.replace(/\s/g, '');

describe.each(templates.map((t) => [t.id, t] as const))('template %s', (_id, template) => {
  const cells = cellRects(template);

  it.each(residents().map((r) => [r.id, r.data] as const))('puts every value of resident %s inside its box, in reading order', async (_rid, data) => {
    const result = await renderFinalForm(template, data, fonts);
    const words = pdfWords(result.pdf);
    const values = bindValues(template, data);
    const blank = new Set(result.missingGlyphs.map((g) => g.fieldId));
    let checked = 0;
    for (const field of template.fields) {
      const rect = textPlacement(field, cells);
      const printed = fieldTypeOf(field.type).printedTexts(field as never, values.get(field.id));
      if (!rect || printed.length === 0 || blank.has(field.id)) continue;
      const inside = wordsInside(words, rect, field.page);
      checked++;
      expect(squash(inside.map((w) => w.text).join('')), `${field.id}: the words in its box`).toBe(squash(printed.join('')));
      for (const w of inside) {
        expect(w.xMin, `${field.id} starts inside its box`).toBeGreaterThanOrEqual(mm(rect[0]) - 0.5);
        expect(w.xMax, `${field.id} ends inside its box`).toBeLessThanOrEqual(mm(rect[0] + rect[2]) + 0.5);
      }
    }
    // The card's name, address and birth date are on every template: at least those were checked.
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it('renders the same bytes twice', async () => {
    const [a, b] = [await renderFinalForm(template, referenceData(), fonts), await renderFinalForm(template, referenceData(), fonts)];
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
  });

  it('stays within 150 KB and reports no problem for the reference resident', async () => {
    const r = await renderFinalForm(template, referenceData(), fonts);
    expect(r.pdf.length).toBeLessThan(150 * 1024);
    expect(r.missingGlyphs).toEqual([]);
    expect(r.issues.filter((i) => i.code !== 'required')).toEqual([]);
  });

  it('looks like its reference page images (pdftoppm -r 50; regenerate: npx tsx src-main/forms/write-reference-pages.ts)', async () => {
    const { pdf } = await renderFinalForm(template, referenceData(), fonts);
    const pages = rasterize(pdf);
    pages.forEach((png, i) => {
      const refFile = join(referenceDir, `${template.id}-${i + 1}.png`);
      expect(existsSync(refFile), `${refFile} exists`).toBe(true);
      const [actual, expected] = [PNG.sync.read(Buffer.from(png)), PNG.sync.read(readFileSync(refFile))];
      expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
      const differing = pixelmatch(actual.data, expected.data, undefined, actual.width, actual.height, { threshold: 0.1 });
      expect(differing / (actual.width * actual.height), `share of pixels that differ on page ${i + 1}`).toBeLessThan(0.002);
    });
  });
});

describe('the glyph check on real templates', () => {
  it('reports ⻑ (U+2ED1, in no font) in the name and leaves the name blank, keeping the rest', async () => {
    const t = library.templates.get('juminhyo-request')!;
    const data = { ...referenceData(), resident: new ResidentInfo({ name: '⻑谷川 𠮷子', address: '千葉県香取市佐原イ１', birthDate: '1960-02-29', sex: '2' }) };
    const r = await renderFinalForm(t, data, fonts);
    expect(r.missingGlyphs).toEqual([{ templateId: 'juminhyo-request', fieldId: 'applicant.name', codePoint: 'U+2ED1' }]);
    const text = pdfWords(r.pdf).map((w) => w.text).join('');
    expect(text).not.toContain('谷川');
    expect(text).toContain('昭和35年2月29日');
  });
});

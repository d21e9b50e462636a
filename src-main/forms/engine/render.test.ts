import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { MyNumber, ResidentInfo } from '../../../card-reader/personal-data';
import { loadFonts, loadLibrary } from '../load';
import { Template } from '../model/template';
import { renderForm } from './render';

const { fonts } = loadFonts();
const example = loadLibrary().templates.get('example-request')!;
const resident = new ResidentInfo({ name: '𠮷田 髙﨑 花子', address: '千葉県香取市佐原イ１２３４番地', birthDate: '1989-01-08', sex: '2' });
const data = { resident, today: '2025-04-01', answers: { kana: 'よしだ たかさき はなこ', who: 'self' } };

function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-render-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'f.pdf'), '-'], { encoding: 'utf8', timeout: 30_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('rendering a form', () => {
  it('gives the same bytes for the same input', async () => {
    const a = await renderForm(example, data, fonts);
    const b = await renderForm(example, data, fonts);
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
  });

  it("keeps nothing of the resident in the shared font caches once the render is done", async () => {
    const r = await renderForm(example, data, fonts);
    expect(r.pdf.length).toBeGreaterThan(0);
    const held = fonts.cachedTexts().join('\n');
    expect(held.length).toBeGreaterThan(0); // the template's labels stay cached
    for (const piece of ['田 髙', '香取市佐原イ', '１２３４', 'たかさき', '平成元年1月8日']) expect(held).not.toContain(piece);
  });

  it('is one A4 page at exact millimetres, dated by the visit, with the values in it', async () => {
    const r = await renderForm(example, data, fonts);
    const doc = await PDFDocument.load(r.pdf, { updateMetadata: false });
    const { width, height } = doc.getPage(0).getSize();
    expect([width, height].map((v) => Math.round((v * 25.4) / 72 * 100) / 100)).toEqual([210, 297]);
    expect(doc.getCreationDate()?.toISOString()).toBe('2025-04-01T00:00:00.000Z');
    const text = pdfText(r.pdf);
    for (const value of ['𠮷田 髙﨑 花子', '平成元年1月8日', '令和7年4月1日', 'よしだ たかさき はなこ']) expect(text).toContain(value);
    expect(r.missingGlyphs).toEqual([]);
    expect(r.issues).toEqual([]);
  });

  it('reports a character no font has, with field and code point, and leaves that field blank rather than drop it', async () => {
    const r = await renderForm(example, { ...data, resident: new ResidentInfo({ name: '⻑谷川 一郎', address: '千葉県香取市', birthDate: '1970-01-01', sex: '1' }) }, fonts);
    expect(r.missingGlyphs).toEqual([{ templateId: 'example-request', fieldId: 'name', codePoint: 'U+2ED1' }]);
    const text = pdfText(r.pdf);
    expect(text).not.toContain('谷川');
    expect(text).toContain('千葉県香取市');
  });

  it('reports values that fail validation by field and code, never by value', async () => {
    const r = await renderForm(example, { ...data, answers: { kana: 'Yoshida' } }, fonts);
    expect(r.issues).toEqual([
      { templateId: 'example-request', fieldId: 'kana', code: 'notKana' },
      { templateId: 'example-request', fieldId: 'who', code: 'required' },
    ]);
  });

  it('refuses to put the My Number on a form that is not 番号利用事務, even when built by hand', async () => {
    const parsed = Template.parse({ ...example, myNumberUse: true, fields: [...example.fields, { id: 'kojinBango', type: 'digits', count: 12, label: example.fields[0]!.label, source: 'card.myNumber', at: [15, 120, 96, 8] }] });
    const handBuilt = { ...parsed, myNumberUse: false };
    await expect(renderForm(handBuilt, { ...data, myNumber: new MyNumber('123456789018') }, fonts)).rejects.toThrow(/not a 番号利用事務 form/);
    const r = await renderForm(parsed, { ...data, myNumber: new MyNumber('123456789018') }, fonts);
    expect(pdfText(r.pdf).replace(/\s/g, '')).toContain('123456789018');
  });
});

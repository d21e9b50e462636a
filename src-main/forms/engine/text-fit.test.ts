import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitText } from '../field-types/text-fit';
import { loadFonts } from '../load';

// Lives with the engine because it measures with the real fonts; the algorithm itself is in field-types/text-fit.ts.
const { fonts } = loadFonts();
const measure = (t: string) => fonts.widthAtOne(t);

const pieces = ['千葉県香取市佐原イ', '１２３４番地', '髙﨑', '𠮷田', ' ', 'Smith', 'ALEXANDER', '方書：', 'ハイツ南棟', '102号室', '、', '。', '（', '）', 'ー'];
const texts = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 40 }).map((a) => a.join(''));
const boxes = fc.record({ width: fc.double({ min: 20, max: 500, noNaN: true }), height: fc.double({ min: 6, max: 120, noNaN: true }), fontSize: fc.double({ min: 6, max: 20, noNaN: true }) });

describe('fitting text into a box', () => {
  it('never lets a shrunk line be wider or taller than its box', () => {
    fc.assert(
      fc.property(texts, boxes, (text, box) => {
        const fitted = fitText({ text, ...box, wrap: false }, measure);
        expect(fitted.lines).toHaveLength(1);
        expect(measure(fitted.lines[0]!) * fitted.fontSize).toBeLessThanOrEqual(box.width + 1e-6);
        expect(fitted.fontSize).toBeLessThanOrEqual(Math.min(box.height, box.fontSize) + 1e-6);
      }),
    );
  });

  it('never lets wrapped lines be wider than the box or taller together, and loses no character', () => {
    fc.assert(
      fc.property(texts, boxes, (text, box) => {
        const fitted = fitText({ text, ...box, wrap: true }, measure);
        for (const line of fitted.lines) expect(measure(line) * fitted.fontSize).toBeLessThanOrEqual(box.width + 1e-6);
        expect(fitted.fontSize * (1 + (fitted.lines.length - 1) * 1.2)).toBeLessThanOrEqual(box.height + 1e-6);
        expect(fitted.lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      }),
    );
  });

  it('keeps the preferred size when the text fits, and does not start a line with 、 or 。', () => {
    expect(fitText({ text: '香取 太郎', width: 200, height: 20, fontSize: 12, wrap: false }, measure).fontSize).toBe(12);
    const lines = fitText({ text: 'あいうえおかきくけこ、さしすせそ。たちつてと', width: 60, height: 200, fontSize: 10, wrap: true }, measure).lines;
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line[0]).not.toMatch(/[、。]/);
  });
});

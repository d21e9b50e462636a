import fontkit from '@pdf-lib/fontkit';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldTypeOf } from '../field-types';
import { loadFonts, loadLibrary } from '../load';
import { layoutTexts } from './draw-layout';
import { FontSet, plainGlyphs } from './fonts';

const mainPath = 'node_modules/@expo-google-fonts/biz-udpgothic/400Regular/BIZUDPGothic_400Regular.ttf';

describe('glyph coverage', () => {
  const { fonts } = loadFonts();

  it('finds 𠮷 (outside the BMP) in the fallback font, and 髙 﨑 in the main one', () => {
    expect(fonts.missing('𠮷田 髙﨑')).toEqual([]);
    expect(fonts.runs('𠮷田').map((r) => r.face)).toEqual([1, 0]);
  });

  it('reports a character neither font has, once, by code point', () => {
    expect(fonts.missing('⻑谷川⻑')).toEqual([0x2ed1]);
  });

  it('reports 𠮷 when no fallback is configured', () => {
    const mainOnly = new FontSet({ name: 'main', bytes: readFileSync(mainPath) });
    expect(mainOnly.missing('𠮷田')).toEqual([0x20bb7]);
  });
});

describe('TrueType subsets', () => {
  it('keep every glyph outline intact (the short-loca fix)', () => {
    const bytes = readFileSync(mainPath);
    const original = fontkit.create(bytes);
    const fonts = new FontSet({ name: 'main', bytes });
    const subset = fonts.faces[0]!.font.createSubset();
    const text = '千葉県香取市佐原イ髙﨑太郎住民票写交付請求書生年月日令和平成昭和男女〒ABCxyz0123456789';
    const glyphs = original.layout(text).glyphs;
    const ids = glyphs.map((g) => subset.includeGlyph(g));
    const chunks: Uint8Array[] = [];
    const stream = subset.encodeStream();
    stream.on('data', (c: Uint8Array) => chunks.push(c));
    return new Promise<void>((resolve) => {
      stream.on('end', () => {
        const sub = fontkit.create(Buffer.concat(chunks));
        glyphs.forEach((g, i) => {
          const copy = sub.getGlyph(ids[i]!);
          expect(copy.path.toSVG(), `glyph of ${text[i]}`).toBe(g.path.toSVG());
        });
        resolve();
      });
    });
  });
});

describe('texts laid out without shaping', () => {
  const { fonts } = loadFonts();
  // Unpatched fonts: their layout() is fontkit's own shaping, the reference.
  const faces = fonts.faces.map((f) => ({ name: f.name, font: fontkit.create(f.bytes) }));
  const shapedIds = (font: ReturnType<typeof fontkit.create>, text: string) => font.layout(text).glyphs.map((g) => g.id);
  const templateTexts = [...loadLibrary().templates.values()].flatMap((t) => [
    ...layoutTexts(t.layout).map((x) => x.text),
    ...t.fields.flatMap((f) => fieldTypeOf(f.type).printedTexts(f as never, undefined)),
  ]);

  it.each(faces.map((f) => [f.name, f] as const))('%s: every template text gets the glyphs shaping gives, and most skip shaping', (_name, { font }) => {
    const plain = plainGlyphs(font);
    let unshaped = 0;
    for (const text of templateTexts) {
      const glyphs = plain(text);
      if (!glyphs) continue;
      unshaped++;
      expect(glyphs.map((g) => g.id), text).toEqual(shapedIds(font, text));
    }
    expect(unshaped / templateTexts.length).toBeGreaterThan(0.9);
  });

  it.each(faces.map((f) => [f.name, f] as const))('%s: a random text is either shaped or gets the same glyphs as shaping', (_name, { font }) => {
    const plain = plainGlyphs(font);
    // Plain characters mixed with ones that take part in substitutions: dakuten and handakuten (combining and
    // spacing), ligature letters, the fraction slash, a variation selector, a zero-width joiner, Hangul.
    const alphabet = [...'かきくけこカキクケコツセハ佐原髙﨑田見本花子１２３ABCfilFI0123456789 ー・、（）〒', '\u3099', '\u309a', '゛', '゜', '⁄', '\ufe00', '\u200d', '한', '𠮷', '①', '½'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        const glyphs = plain(text);
        if (glyphs) expect(glyphs.map((g) => g.id)).toEqual(shapedIds(font, text));
      }),
      { numRuns: 2000 },
    );
  });

  it('shapes a kana with a combining handakuten, which the main font turns into one glyph', () => {
    const main = faces[0]!.font;
    const text = 'か\u309a';
    expect(shapedIds(main, text)).not.toEqual([...text].map((c) => main.glyphForCodePoint(c.codePointAt(0)!).id));
    expect(plainGlyphs(main)(text)).toBeUndefined();
    expect(plainGlyphs(main)('か')).toBeDefined();
  });
});

import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../load';
import { FontSet } from './fonts';

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

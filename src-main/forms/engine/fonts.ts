import fontkit from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';

// The fonts a render may use: the main font and the city's fallbacks, parsed once and shared by every render
// (parsing a 4.5 MB CJK font is most of a cold render). Takes bytes: reading files is the loader's job.

export type FontFile = { name: string; bytes: Uint8Array };
export type FontFace = FontFile & { font: Font };
export type TextRun = { face: number; text: string };

/** -1: no face can draw it. */
export const NO_FACE = -1;

export class FontSet {
  readonly faces: readonly FontFace[];
  readonly #faceByCodePoint = new Map<number, number>();
  readonly #widthCache = new Map<string, number>();

  constructor(main: FontFile, fallbacks: readonly FontFile[] = []) {
    this.faces = [main, ...fallbacks].map((f) => ({ ...f, font: withEvenGlyphRecords(fontkit.create(f.bytes)) }));
  }

  /** The first face (main, then fallbacks in order) that has a glyph for the code point. */
  faceFor(codePoint: number): number {
    let face = this.#faceByCodePoint.get(codePoint);
    if (face === undefined) {
      face = this.faces.findIndex((f) => f.font.hasGlyphForCodePoint(codePoint));
      this.#faceByCodePoint.set(codePoint, face);
    }
    return face;
  }

  /** Code points of the text that no face can draw, in order, without repeats. */
  missing(text: string): number[] {
    const out = new Set<number>();
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (!isInvisibleSpace(cp) && this.faceFor(cp) === NO_FACE) out.add(cp);
    }
    return [...out];
  }

  /** The text cut into runs each drawn by one face; a character nobody has goes to the main face (drawn as .notdef). */
  runs(text: string): TextRun[] {
    const runs: TextRun[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const found = this.faceFor(cp);
      const face = found === NO_FACE || isInvisibleSpace(cp) ? (runs.at(-1)?.face ?? 0) : found;
      const last = runs.at(-1);
      if (last && last.face === face) last.text += ch;
      else runs.push({ face, text: ch });
    }
    return runs;
  }

  /** Width of the text at 1 pt, as pdf-lib will draw it (sum of the shaped glyphs' advances). */
  widthAtOne(text: string): number {
    let w = this.#widthCache.get(text);
    if (w === undefined) {
      w = 0;
      for (const run of this.runs(text)) {
        const font = this.faces[run.face]!.font;
        let units = 0;
        for (const g of font.layout(run.text).glyphs) units += g.advanceWidth;
        w += units / font.unitsPerEm;
      }
      if (this.#widthCache.size > 20_000) this.#widthCache.clear();
      this.#widthCache.set(text, w);
    }
    return w;
  }

  /** Distance from the top of the em box to the baseline, per point of size (0.88 for most Japanese fonts). */
  get ascentRatio(): number {
    const f = this.faces[0]!.font;
    return f.ascent / (f.ascent - f.descent);
  }
}

/** Space and line breaks: drawn as gaps or new lines, never as glyphs. */
function isInvisibleSpace(cp: number): boolean {
  return cp === 0x20 || cp === 0x0a || cp === 0x0d || cp === 0x09;
}

/** U+20BB7 */
export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

type TtfSubsetInternals = { _addGlyph?: (gid: number) => number; glyf: Uint8Array[]; offset: number };

/**
 * @pdf-lib/fontkit 1.1.1 writes a TrueType subset's `loca` in the short format (offsets / 2) without padding odd-
 * length glyph records, so every glyph after an odd one points a byte off and renders blank (pdf-lib#1232; fixed
 * upstream in fontkit 1.8 by foliojs/fontkit#191). Padding each record to an even length here restores it.
 */
export function withEvenGlyphRecords(font: Font): Font {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset();
    const internals = subset as unknown as TtfSubsetInternals;
    const addGlyph = internals._addGlyph?.bind(subset);
    if (!addGlyph) return subset; // a CFF font: no loca, nothing to fix
    internals._addGlyph = (gid) => {
      const index = addGlyph(gid);
      const record = internals.glyf[index]!;
      if (record.length % 2 === 1) {
        // Same class as the record: fontkit's stream accepts only its Buffer (Node's, or its own polyfill).
        const make = (record.constructor as { alloc?: (n: number) => Uint8Array }).alloc;
        const padded = make ? make(record.length + 1) : new Uint8Array(record.length + 1);
        padded.set(record);
        internals.glyf[index] = padded;
        internals.offset += 1;
      }
      return index;
    };
    return subset;
  };
  return font;
}

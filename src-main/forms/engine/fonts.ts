import fontkit from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';

// The fonts a render may use: the main font and the city's fallbacks, parsed once and shared by every render
// (parsing a 4.5 MB CJK font is most of a cold render). Takes bytes: reading files is the loader's job.
//
// Widths and shaped runs are cached per string. Only the template's own texts (labels, option captions) are kept
// across renders; anything else — a resident's name, an address, a line cut from one — lives in a scratch cache
// that releaseScratch() empties after each render, so no personal value outlives the session in these caches.

export type FontFile = { name: string; bytes: Uint8Array };
export type FontFace = FontFile & { font: Font };
export type TextRun = { face: number; text: string };

/** -1: no face can draw it. */
export const NO_FACE = -1;

export class FontSet {
  readonly faces: readonly FontFace[];
  readonly #faceByCodePoint = new Map<number, number>();
  readonly #cache: TextCache = { staticTexts: new Set(), kept: [], scratch: [] };
  readonly #widths = cachedMaps<number>(this.#cache);

  constructor(main: FontFile, fallbacks: readonly FontFile[] = []) {
    this.faces = [main, ...fallbacks].map((f) => ({ ...f, font: withLayoutCache(withEvenGlyphRecords(fontkit.create(f.bytes)), this.#cache) }));
  }

  /** Marks texts of the template itself (not of a resident) as worth keeping across renders, with their face runs. */
  keepTexts(texts: Iterable<string>): void {
    for (const text of texts) {
      if (this.#cache.staticTexts.has(text)) continue;
      this.#cache.staticTexts.add(text);
      for (const run of this.runs(text)) this.#cache.staticTexts.add(run.text);
    }
  }

  /** Every text the caches hold now: after a render, only texts marked by keepTexts(). */
  cachedTexts(): string[] {
    return [...new Set([...this.#cache.kept, ...this.#cache.scratch].flatMap((m) => [...m.keys()]))];
  }

  /** Forgets every cached width and shaping of a text not marked by keepTexts(): call when a render ends. */
  releaseScratch(): void {
    for (const m of this.#cache.scratch) m.clear();
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
    const cache = this.#widths(text);
    let w = cache.get(text);
    if (w === undefined) {
      w = 0;
      for (const run of this.runs(text)) {
        const font = this.faces[run.face]!.font;
        let units = 0;
        for (const g of font.layout(run.text).glyphs) units += g.advanceWidth;
        w += units / font.unitsPerEm;
      }
      if (cache.size > 20_000) cache.clear();
      cache.set(text, w);
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

type TtfSubsetInternals = {
  _addGlyph?: (gid: number) => number;
  includeGlyph(gid: number): number;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
};
type FontInternals = {
  loca: { offsets: number[] };
  getGlyph(gid: number): { advanceWidth: number; _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null; _getMetrics(): { leftBearing: number } };
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array };
};
type GlyphRecord = { bytes: Uint8Array; components: { glyphID: number; pos: number }[]; advance: number; bearing: number };

/**
 * Replaces fontkit's TrueType subset glyph copy (TTFSubset._addGlyph, @pdf-lib/fontkit 1.1.1) for two reasons:
 * - it writes `loca` in the short format (offsets / 2) without padding odd-length glyph records, so every glyph
 *   after an odd one points a byte off and renders blank (pdf-lib#1232; fixed upstream in fontkit 1.8 by
 *   foliojs/fontkit#191): records are padded to an even length here;
 * - it decodes every glyph again for every document: the raw records are kept per font, so a warm render only copies.
 */
export function withEvenGlyphRecords(font: Font): Font {
  const f = font as unknown as FontInternals;
  const records = new Map<number, GlyphRecord>();
  const recordOf = (gid: number): GlyphRecord => {
    let r = records.get(gid);
    if (!r) {
      const glyph = f.getGlyph(gid);
      const glyf = glyph._decode();
      const [start, end] = [f.loca.offsets[gid]!, f.loca.offsets[gid + 1]!];
      const stream = f._getTableStream('glyf');
      stream.pos += start;
      const raw = stream.readBuffer(end - start);
      // Copy into fontkit's own Buffer class (its stream accepts nothing else), padded to an even length.
      const bytes = allocLike(raw, raw.length + (raw.length % 2));
      bytes.set(raw);
      const components = glyf && glyf.numberOfContours < 0 ? (glyf.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : [];
      r = { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
      records.set(gid, r);
    }
    return r;
  };
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset();
    const s = subset as unknown as TtfSubsetInternals;
    if (!s._addGlyph) return subset; // a CFF font: no loca, nothing to fix
    s._addGlyph = (gid) => {
      const r = recordOf(gid);
      let bytes = r.bytes;
      if (r.components.length > 0) {
        bytes = allocLike(r.bytes, r.bytes.length);
        bytes.set(r.bytes); // a copy: Buffer#slice would share the cached record
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        for (const c of r.components) view.setUint16(c.pos, s.includeGlyph(c.glyphID));
      }
      s.glyf.push(bytes);
      s.loca.offsets.push(s.offset);
      s.hmtx.metrics.push({ advance: r.advance, bearing: r.bearing });
      s.offset += bytes.length;
      return s.glyf.length - 1;
    };
    return subset;
  };
  return font;
}

/** A zeroed buffer of the same class as `like` (fontkit's encoder accepts only its own Buffer class). */
function allocLike(like: Uint8Array, length: number): Uint8Array {
  const alloc = (like.constructor as { alloc?: (n: number) => Uint8Array }).alloc;
  return alloc ? alloc.call(like.constructor, length) : new Uint8Array(length);
}

/**
 * Shaping the same label again on every render is most of the drawing time; pdf-lib shapes each drawn string
 * (font.layout) and only reads the result, so runs without extra features are kept per string.
 */
function withLayoutCache(font: Font, textCache: TextCache): Font {
  const layout = font.layout.bind(font);
  const mapFor = cachedMaps<ReturnType<Font['layout']>>(textCache);
  font.layout = (text, features) => {
    if (features !== undefined && (!Array.isArray(features) || features.length > 0)) return layout(text, features);
    const cache = mapFor(text);
    let run = cache.get(text);
    if (!run) {
      if (cache.size > 20_000) cache.clear();
      run = layout(text);
      cache.set(text, run);
    }
    return run;
  };
  return font;
}

type TextCache = { staticTexts: Set<string>; kept: Map<string, unknown>[]; scratch: Map<string, unknown>[] };

/** A pair of maps (kept, scratch) registered with the cache; returns the one a given text belongs in. */
function cachedMaps<V>(cache: TextCache): (text: string) => Map<string, V> {
  const kept = new Map<string, V>();
  const scratch = new Map<string, V>();
  cache.kept.push(kept);
  cache.scratch.push(scratch);
  return (text) => (cache.staticTexts.has(text) ? kept : scratch);
}

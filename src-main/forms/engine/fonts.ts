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
 * (font.layout) and only reads the result's glyphs, so runs without extra features are kept per string, and a
 * text that no default substitution can touch is not shaped at all (see plainGlyphs).
 */
function withLayoutCache(font: Font, textCache: TextCache): Font {
  const layout = font.layout.bind(font);
  const mapFor = cachedMaps<ReturnType<Font['layout']>>(textCache);
  const plain = plainGlyphs(font);
  font.layout = (text, features) => {
    if (features !== undefined && (!Array.isArray(features) || features.length > 0)) return layout(text, features);
    const glyphs = plain(text);
    if (glyphs) return new PlainRun(glyphs) as unknown as ReturnType<Font['layout']>;
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

type Glyph = ReturnType<Font['layout']>['glyphs'][number];

/** What font.layout returns for an unshaped text: the glyphs pdf-lib reads; positions (no kerning) on demand. */
class PlainRun {
  constructor(readonly glyphs: Glyph[]) {}
  get positions() {
    return this.glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }));
  }
  get advanceWidth(): number {
    return this.glyphs.reduce((s, g) => s + g.advanceWidth, 0);
  }
}

// The GSUB features fontkit's default shaper applies to every glyph of a horizontal run (rvrn and the
// directional ones included); the fraction features apply only around U+2044, which takes the shaped path.
const defaultSubstitutions = new Set(['rvrn', 'ltra', 'ltrm', 'ccmp', 'locl', 'rlig', 'calt', 'clig', 'liga', 'rclt']);

/**
 * A text's glyphs without shaping, when shaping provably returns them unchanged: every character maps one to one
 * (a script fontkit shapes with its default shaper, no variation selector, no default-ignorable) and no glyph is
 * in the coverage of a lookup of a default substitution — every GSUB subtable starts only on a glyph in one of its
 * coverages — except a ligature's first glyph when the text has no glyph that can follow it in a ligature.
 * Otherwise undefined: the caller shapes. fonts.test.ts checks both paths give the same glyphs.
 */
export function plainGlyphs(font: Font): (text: string) => Glyph[] | undefined {
  const f = font as unknown as FontTables;
  if (f.morx) return () => undefined; // AAT layout: not worth proving anything about
  const { touched, ligatureFirsts, ligatureSeconds } = substitutedGlyphs(f);
  const byCodePoint = new Map<number, Glyph | null>();
  const glyphFor = (cp: number): Glyph | null => {
    let g = byCodePoint.get(cp);
    if (g === undefined) {
      const candidate = font.glyphForCodePoint(cp);
      g = isPlainCodePoint(cp) && !touched.has(candidate.id) ? candidate : null;
      byCodePoint.set(cp, g);
    }
    return g;
  };
  return (text) => {
    const glyphs: Glyph[] = [];
    let [first, second] = [false, false];
    for (const ch of text) {
      const g = glyphFor(ch.codePointAt(0)!);
      if (!g) return undefined;
      first ||= ligatureFirsts.has(g.id);
      second ||= ligatureSeconds.has(g.id);
      glyphs.push(g);
    }
    return first && second ? undefined : glyphs;
  };
}

type Coverage = { version: number; glyphs?: ArrayLike<number>; rangeRecords?: ArrayLike<{ start: number; end: number }> };
type Ligature = { components: ArrayLike<number> };
type SubTable = { extension?: SubTable; ligatureSets?: { toArray(): ArrayLike<Ligature>[] } } & Partial<Record<'coverage' | 'coverages' | 'backtrackCoverage' | 'inputCoverage' | 'lookaheadCoverage', Coverage | ArrayLike<Coverage>>>;
type FontTables = {
  morx?: unknown;
  GSUB?: {
    featureList: ArrayLike<{ tag: string; feature: { lookupListIndexes: ArrayLike<number> } }>;
    lookupList: ArrayLike<{ subTables: ArrayLike<SubTable> }> | { toArray(): { subTables: ArrayLike<SubTable> }[] };
  };
};

/**
 * The glyphs any lookup of a default substitution feature (any script, any language) may start on: in any of its
 * coverages; for ligatures with two or more components, the first glyphs and the glyphs that must come second.
 */
function substitutedGlyphs(f: FontTables): { touched: Set<number>; ligatureFirsts: Set<number>; ligatureSeconds: Set<number> } {
  const [touched, ligatureFirsts, ligatureSeconds] = [new Set<number>(), new Set<number>(), new Set<number>()];
  const result = { touched, ligatureFirsts, ligatureSeconds };
  if (!f.GSUB) return result;
  const list = f.GSUB.lookupList;
  const lookups = 'toArray' in list ? list.toArray() : Array.from(list);
  const addCoverage = (c: Coverage | undefined, out = touched) => {
    for (const g of Array.from(c?.glyphs ?? [])) out.add(g);
    for (const r of Array.from(c?.rangeRecords ?? [])) for (let g = r.start; g <= r.end; g++) out.add(g);
  };
  const addSubTable = (t: SubTable | undefined): void => {
    if (!t) return;
    if (t.extension) return addSubTable(t.extension);
    if (t.ligatureSets) {
      const ligatures = t.ligatureSets.toArray().flatMap((set) => Array.from(set));
      // A one-component "ligature" is a plain substitution of the first glyph.
      const anySingle = ligatures.some((l) => l.components.length === 0);
      addCoverage(t.coverage as Coverage | undefined, anySingle ? touched : ligatureFirsts);
      for (const l of ligatures) if (l.components.length > 0) ligatureSeconds.add(l.components[0]!);
      return;
    }
    for (const key of ['coverage', 'coverages', 'backtrackCoverage', 'inputCoverage', 'lookaheadCoverage'] as const) {
      const c = t[key];
      if (c === undefined) continue;
      if ('version' in c) addCoverage(c as Coverage);
      else for (const one of Array.from(c as ArrayLike<Coverage>)) addCoverage(one);
    }
  };
  for (const feature of Array.from(f.GSUB.featureList)) {
    if (!defaultSubstitutions.has(feature.tag)) continue;
    for (const i of Array.from(feature.feature.lookupListIndexes)) for (const t of Array.from(lookups[i]?.subTables ?? [])) addSubTable(t);
  }
  return result;
}

/**
 * Code points fontkit lays out one to one with its default shaper: Latin, punctuation and symbols, kana, CJK
 * ideographs and full-width forms. Not: Hangul (its own shaper), variation selectors, default-ignorables
 * (drawn as a space), U+2044 (fractions), nor any other script.
 */
function isPlainCodePoint(cp: number): boolean {
  if (cp >= 0x20 && cp <= 0x7e) return true;
  if (cp >= 0xa0 && cp <= 0xff) return cp !== 0xad;
  if (cp >= 0x2010 && cp <= 0x2027) return true;
  if (cp >= 0x2030 && cp <= 0x205e) return cp !== 0x2044;
  if (cp >= 0x20a0 && cp <= 0x20cf) return true;
  if (cp >= 0x2100 && cp <= 0x2bff) return true;
  if (cp >= 0x2e80 && cp <= 0x2fdf) return true;
  if (cp >= 0x3000 && cp <= 0x312f) return true;
  if (cp >= 0x3190 && cp <= 0x31ff) return true;
  if (cp >= 0x3220 && cp <= 0x325f) return true;
  if (cp >= 0x3280 && cp <= 0x33ff) return true;
  if (cp >= 0x3400 && cp <= 0x4dbf) return true;
  if (cp >= 0x4e00 && cp <= 0x9fff) return true;
  if (cp >= 0xf900 && cp <= 0xfaff) return true;
  if (cp >= 0xff01 && cp <= 0xff9f) return true;
  if (cp >= 0xffe0 && cp <= 0xffef) return true;
  return cp >= 0x20000 && cp <= 0x3134f;
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

import { type PDFDocument, type PDFFont, type PDFPage, LineCapStyle, lineTo, moveTo, popGraphicsState, pushGraphicsState, rgb, setLineCap, setLineWidth, setStrokingColor, stroke } from 'pdf-lib';
import type { DrawContext } from '../field-types/field-type';
import { fitText } from '../field-types/text-fit';
import type { At, RectMm, TextStyle } from '../model/geometry';
import type { FontSet } from './fonts';

const PT_PER_MM = 72 / 25.4;
const LINE_HEIGHT = 1.2;
const black = rgb(0, 0, 0);

export function mm(v: number): number {
  return v * PT_PER_MM;
}

/** A straight line from one point to another, in mm from the page's top-left corner. */
export type Segment = readonly [readonly [number, number], readonly [number, number]];

export type TextDrawn = { fontSize: number; lines: string[]; rect: RectMm };

/** DrawContext over one pdf-lib page. Fonts are embedded (as subsets) the first time a run needs them. */
export class PdfCanvas implements DrawContext {
  readonly #doc: PDFDocument;
  readonly #fonts: FontSet;
  readonly #embedded: (PDFFont | undefined)[];
  readonly #cells: ReadonlyMap<string, RectMm>;
  #page: PDFPage | undefined;
  #pageFont: PDFFont | undefined;
  #pageHeightMm = 0;
  /** Called after each text is drawn, so the engine can tell which field shrank below its minimum. */
  onText: ((drawn: TextDrawn, style: TextStyle) => void) | undefined;

  /** `embedded` is shared by every canvas of one document, so a bundle embeds each font (subset) once. */
  constructor(doc: PDFDocument, fonts: FontSet, cells: ReadonlyMap<string, RectMm>, embedded: (PDFFont | undefined)[]) {
    this.#embedded = embedded;
    this.#doc = doc;
    this.#fonts = fonts;
    this.#cells = cells;
  }

  async usePage(page: PDFPage, heightMm: number): Promise<void> {
    this.#page = page;
    this.#pageFont = undefined;
    this.#pageHeightMm = heightMm;
  }

  /** pdf-lib embeds fonts asynchronously; do it before drawing, for the faces the texts will need. */
  async embedFaces(faces: Iterable<number>): Promise<void> {
    for (const face of faces) {
      if (this.#embedded[face]) continue;
      this.#embedded[face] = await this.#doc.embedFont(this.#fonts.faces[face]!.bytes, { subset: true });
    }
  }

  get page(): PDFPage {
    if (!this.#page) throw new Error('PdfCanvas: no page selected');
    return this.#page;
  }

  rect(at: At): RectMm {
    if (typeof at !== 'string') return at;
    const r = this.#cells.get(at);
    if (!r) throw new Error(`no layout cell "${at}"`); // the model's check makes this unreachable
    return r;
  }

  /** PDF y (points, from the bottom) of a distance in mm from the top. */
  #y(yMm: number): number {
    return mm(this.#pageHeightMm - yMm);
  }

  text(rect: RectMm, text: string, style: TextStyle): void {
    const [x, y, w, h] = rect;
    const pad = Math.min(style.padding, w / 4, h / 4);
    const inner: RectMm = [x + pad, y + pad, w - 2 * pad, h - 2 * pad];
    const widthPt = mm(inner[2]);
    const heightPt = mm(inner[3]);
    const fitted = fitText({ text, width: widthPt, height: heightPt, fontSize: style.fontSize, wrap: style.fit === 'wrap', lineHeight: LINE_HEIGHT }, (t) => this.#fonts.widthAtOne(t));
    const size = fitted.fontSize;
    const pitch = size * LINE_HEIGHT;
    const blockHeight = size + (fitted.lines.length - 1) * pitch;
    const topGap = style.valign === 'top' ? 0 : style.valign === 'bottom' ? heightPt - blockHeight : (heightPt - blockHeight) / 2;
    const ascent = size * this.#fonts.ascentRatio;
    fitted.lines.forEach((line, i) => {
      const lineWidth = this.#fonts.widthAtOne(line) * size;
      const dx = style.align === 'left' ? 0 : style.align === 'right' ? widthPt - lineWidth : (widthPt - lineWidth) / 2;
      let penX = mm(inner[0]) + dx;
      const baseline = this.#y(inner[1]) - topGap - i * pitch - ascent;
      for (const run of this.#fonts.runs(line)) {
        const font = this.#embedded[run.face];
        if (!font) throw new Error(`font face ${run.face} was not embedded before drawing`);
        // drawText({ font }) adds two keys to the page's font resources per call (set, then restore), each found
        // by a scan of all keys: select the font only when the face changes.
        if (this.#pageFont !== font) {
          this.page.setFont(font);
          this.#pageFont = font;
        }
        this.page.drawText(run.text, { x: penX, y: baseline, size, color: black });
        penX += this.#fonts.widthAtOne(run.text) * size;
      }
    });
    this.onText?.({ fontSize: size, lines: fitted.lines, rect: inner }, style);
  }

  box([x, y, w, h]: RectMm, lineMm = 0.3, fill?: string): void {
    this.page.drawRectangle({
      x: mm(x),
      y: this.#y(y + h),
      width: mm(w),
      height: mm(h),
      borderWidth: lineMm > 0 ? mm(lineMm) : 0,
      borderColor: lineMm > 0 ? black : undefined,
      color: fill ? hexColour(fill) : undefined,
    });
  }

  line(from: readonly [number, number], to: readonly [number, number], lineMm = 0.3, dashed = false): void {
    this.page.drawLine({
      start: { x: mm(from[0]), y: this.#y(from[1]) },
      end: { x: mm(to[0]), y: this.#y(to[1]) },
      thickness: mm(lineMm),
      color: black,
      dashArray: dashed ? [mm(1), mm(1)] : undefined,
    });
  }

  /**
   * Horizontal and vertical segments of one width as one stroked path. Square caps cover each end as a rectangle's
   * mitred corner does, so a grid's merged edges draw exactly what its cells' rectangles drew.
   */
  segments(segments: readonly Segment[], lineMm: number): void {
    if (segments.length === 0) return;
    const path = segments.flatMap(([from, to]) => [moveTo(mm(from[0]), this.#y(from[1])), lineTo(mm(to[0]), this.#y(to[1]))]);
    this.page.pushOperators(pushGraphicsState(), setStrokingColor(black), setLineWidth(mm(lineMm)), setLineCap(LineCapStyle.Projecting), ...path, stroke(), popGraphicsState());
  }

  ellipse([x, y, w, h]: RectMm, lineMm = 0.3): void {
    this.page.drawEllipse({ x: mm(x + w / 2), y: this.#y(y + h / 2), xScale: mm(w / 2), yScale: mm(h / 2), borderWidth: mm(lineMm), borderColor: black });
  }

  checkMark([x, y, w, h]: RectMm): void {
    const s = Math.min(w, h);
    const [cx, cy] = [x + (w - s) / 2, y + (h - s) / 2];
    const path = [
      [cx + 0.18 * s, cy + 0.52 * s],
      [cx + 0.42 * s, cy + 0.78 * s],
      [cx + 0.86 * s, cy + 0.18 * s],
    ] as const;
    for (let i = 0; i < 2; i++) {
      this.page.drawLine({
        start: { x: mm(path[i]![0]), y: this.#y(path[i]![1]) },
        end: { x: mm(path[i + 1]![0]), y: this.#y(path[i + 1]![1]) },
        thickness: mm(Math.max(0.3, s * 0.09)),
        color: black,
        lineCap: LineCapStyle.Round,
      });
    }
  }

  async image([x, y, w, h]: RectMm, png: Uint8Array): Promise<void> {
    const img = await this.#doc.embedPng(png);
    const scale = Math.min(mm(w) / img.width, mm(h) / img.height);
    const [iw, ih] = [img.width * scale, img.height * scale];
    this.page.drawImage(img, { x: mm(x) + (mm(w) - iw) / 2, y: this.#y(y + h) + (mm(h) - ih) / 2, width: iw, height: ih });
  }
}

function hexColour(hex: string) {
  const n = Number.parseInt(hex.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

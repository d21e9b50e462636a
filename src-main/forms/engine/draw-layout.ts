import type { RectMm } from '../model/geometry';
import { placeGridCells, type LayoutItem } from '../model/layout';
import type { PdfCanvas, Segment } from './pdf-canvas';

/** Draws a template's own layout items of one page: boxes, rules, labels, grids (cell fills, labels, lines). */
export function drawLayout(canvas: PdfCanvas, layout: readonly LayoutItem[], page: number): void {
  for (const item of layout) {
    if (item.page !== page) continue;
    switch (item.kind) {
      case 'box':
        canvas.box(item.at, item.line, item.fill);
        break;
      case 'rule':
        canvas.line(item.from, item.to, item.line, item.dashed);
        break;
      case 'label':
        canvas.text(canvas.rect(item.at), item.text, labelStyle(item));
        break;
      case 'grid': {
        const { cells } = placeGridCells([item]);
        for (const { rect, cell } of cells) if (cell.fill) canvas.box(rect, 0, cell.fill);
        // One path for every cell border: a rectangle per cell cost ~15 PDF operators and drew each inner edge twice.
        canvas.segments(cellEdges(cells.filter((c) => c.cell.border).map((c) => c.rect)), item.line);
        for (const { rect, cell } of cells) if (cell.label) canvas.text(rect, cell.label, labelStyle(cell));
        const height = item.rows.reduce((s, r) => s + r.h, 0);
        const outline: RectMm = [item.at[0], item.at[1], item.w, height];
        canvas.box(outline, item.outline);
        break;
      }
    }
  }
}

/** The edges of the rectangles, each run of touching or overlapping collinear edges merged into one segment. */
export function cellEdges(rects: readonly RectMm[]): Segment[] {
  const horizontal = new Map<string, { at: number; spans: [number, number][] }>();
  const vertical = new Map<string, { at: number; spans: [number, number][] }>();
  const add = (lines: typeof horizontal, at: number, from: number, to: number) => {
    const key = at.toFixed(4); // cells of one grid share their edges up to float rounding
    const line = lines.get(key) ?? lines.set(key, { at, spans: [] }).get(key)!;
    line.spans.push([from, to]);
  };
  for (const [x, y, w, h] of rects) {
    add(horizontal, y, x, x + w);
    add(horizontal, y + h, x, x + w);
    add(vertical, x, y, y + h);
    add(vertical, x + w, y, y + h);
  }
  const out: Segment[] = [];
  const merge = (lines: typeof horizontal, segment: (at: number, from: number, to: number) => Segment) => {
    for (const { at, spans } of lines.values()) {
      spans.sort((a, b) => a[0] - b[0]);
      let [from, to] = spans[0]!;
      for (const [a, b] of spans.slice(1)) {
        if (a <= to + 1e-4) to = Math.max(to, b);
        else {
          out.push(segment(at, from, to));
          [from, to] = [a, b];
        }
      }
      out.push(segment(at, from, to));
    }
  };
  merge(horizontal, (y, a, b) => [[a, y], [b, y]]);
  merge(vertical, (x, a, b) => [[x, a], [x, b]]);
  return out;
}

function labelStyle(l: { size: number; align: 'left' | 'center' | 'right'; valign: 'top' | 'middle' | 'bottom' }) {
  return { fontSize: l.size, minFontSize: 4, align: l.align, valign: l.valign, fit: 'wrap' as const, padding: 0.8 };
}

/** Every text the layout prints, with where it is, for the glyph check. */
export function layoutTexts(layout: readonly LayoutItem[]): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  layout.forEach((item, i) => {
    if (item.kind === 'label') out.push({ where: `layout[${i}]`, text: item.text });
    if (item.kind === 'grid') {
      item.rows.forEach((row, r) =>
        row.cells.forEach((cell, c) => {
          if (cell.label) out.push({ where: `layout[${i}].rows[${r}].cells[${c}]`, text: cell.label });
        }),
      );
    }
  });
  return out;
}

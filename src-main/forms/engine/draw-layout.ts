import type { RectMm } from '../model/geometry';
import { placeGridCells, type LayoutItem } from '../model/layout';
import type { PdfCanvas } from './pdf-canvas';

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
        for (const { rect, cell } of cells) {
          if (cell.border) canvas.box(rect, item.line);
          if (cell.label) canvas.text(rect, cell.label, labelStyle(cell));
        }
        const height = item.rows.reduce((s, r) => s + r.h, 0);
        const outline: RectMm = [item.at[0], item.at[1], item.w, height];
        canvas.box(outline, item.outline);
        break;
      }
    }
  }
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

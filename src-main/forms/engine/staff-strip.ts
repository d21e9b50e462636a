// The 職員記入欄 the desk fills: a strip the engine draws in the bottom margin of a form's last page, so no template
// needs a layout area for it. Only the desk's re-render passes one; the kiosk's own render never draws it.
import type { RectMm, TextStyle } from '../model/geometry';
import type { DrawContext } from '../field-types/field-type';

/** One box of the strip: a printed caption and what the clerk recorded (both already in the form's language). */
export type StaffStripEntry = { caption: string; text: string };
export type StaffStrip = { title: string; entries: readonly StaffStripEntry[] };

const HEIGHT_MM = 11;
const BOTTOM_GAP_MM = 4;
const SIDE_MM = 12;
const TITLE_MM = 22;

const captionStyle: TextStyle = { fontSize: 6.5, minFontSize: 4, align: 'left', valign: 'top', fit: 'shrink', padding: 0.8 };
const valueStyle: TextStyle = { fontSize: 10, minFontSize: 5, align: 'left', valign: 'bottom', fit: 'shrink', padding: 1 };
const titleStyle: TextStyle = { fontSize: 8, minFontSize: 5, align: 'center', valign: 'middle', fit: 'shrink', padding: 1 };

/** The strip's texts, for the font subsets and the glyph check before anything is drawn. */
export function staffStripTexts(strip: StaffStrip): string[] {
  return [strip.title, ...strip.entries.flatMap((e) => [e.caption, e.text])];
}

export function drawStaffStrip(canvas: DrawContext, strip: StaffStrip, pageMm: readonly [number, number]): void {
  const [w, h] = pageMm;
  const top = h - BOTTOM_GAP_MM - HEIGHT_MM;
  const width = w - 2 * SIDE_MM;
  const title: RectMm = [SIDE_MM, top, TITLE_MM, HEIGHT_MM];
  canvas.box(title, 0.3);
  canvas.text(title, strip.title, titleStyle);
  const each = (width - TITLE_MM) / Math.max(1, strip.entries.length);
  strip.entries.forEach((entry, i) => {
    const rect: RectMm = [SIDE_MM + TITLE_MM + i * each, top, each, HEIGHT_MM];
    canvas.box(rect, 0.3);
    canvas.text([rect[0], rect[1], rect[2], HEIGHT_MM * 0.45], entry.caption, captionStyle);
    canvas.text([rect[0], rect[1] + HEIGHT_MM * 0.4, rect[2], HEIGHT_MM * 0.6], entry.text, valueStyle);
  });
}

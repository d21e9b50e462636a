// The 職員記入欄 the desk fills: one line the engine draws in the top margin of a form's first page (every shipped
// paper starts its ink at 10 mm), so no template needs a layout area. Only the desk's re-render passes one.
import type { RectMm, TextStyle } from '../model/geometry';
import type { DrawContext } from '../field-types/field-type';

/** One box of the strip: a printed caption and what the clerk recorded (both already in the form's language). */
export type StaffStripEntry = { caption: string; text: string };
export type StaffStrip = { title: string; entries: readonly StaffStripEntry[] };

const HEIGHT_MM = 5.5;
const TOP_MM = 4;
const SIDE_MM = 15;
const TITLE_MM = 20;
const CAPTION_MM = 19;

const captionStyle: TextStyle = { fontSize: 6.5, minFontSize: 4, align: 'center', valign: 'middle', fit: 'shrink', padding: 0.5 };
const valueStyle: TextStyle = { fontSize: 9, minFontSize: 5, align: 'left', valign: 'middle', fit: 'shrink', padding: 0.8 };
const titleStyle: TextStyle = { fontSize: 7, minFontSize: 5, align: 'center', valign: 'middle', fit: 'shrink', padding: 0.5 };

/** The strip's texts, for the font subsets and the glyph check before anything is drawn. */
export function staffStripTexts(strip: StaffStrip): string[] {
  return [strip.title, ...strip.entries.flatMap((e) => [e.caption, e.text])];
}

export function drawStaffStrip(canvas: DrawContext, strip: StaffStrip, pageWidthMm: number): void {
  const width = pageWidthMm - 2 * SIDE_MM;
  const title: RectMm = [SIDE_MM, TOP_MM, TITLE_MM, HEIGHT_MM];
  canvas.box(title, 0.25);
  canvas.text(title, strip.title, titleStyle);
  const each = (width - TITLE_MM) / Math.max(1, strip.entries.length);
  strip.entries.forEach((entry, i) => {
    const x = SIDE_MM + TITLE_MM + i * each;
    const caption: RectMm = [x, TOP_MM, CAPTION_MM, HEIGHT_MM];
    const value: RectMm = [x + CAPTION_MM, TOP_MM, each - CAPTION_MM, HEIGHT_MM];
    canvas.box(caption, 0.25);
    canvas.box(value, 0.25);
    canvas.text(caption, entry.caption, captionStyle);
    canvas.text(value, entry.text, valueStyle);
  });
}

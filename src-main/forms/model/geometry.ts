import { z } from 'zod';
import { ID_PATTERN } from './ids';

// Everything on paper is in millimetres from the page's top-left corner, as a ruler on the printed form reads.

export const Mm = z.number().min(0).max(1000).meta({ id: 'Mm', description: 'Millimetres.' });

/** [x, y, w, h] in mm from the top-left corner of the page. */
export const RectMm = z
  .tuple([Mm, Mm, Mm.gt(0), Mm.gt(0)])
  .meta({ id: 'RectMm', description: '[x, y, width, height] in mm from the top-left corner of the page.' });
export type RectMm = z.infer<typeof RectMm>;

/** Where something sits: a rectangle, or the id of a grid cell drawn by the layout. */
export const At = z
  .union([RectMm, z.string().regex(ID_PATTERN)])
  .meta({ id: 'At', description: '[x, y, w, h] in mm, or the id of a layout grid cell ("applicant.name").' });
export type At = z.infer<typeof At>;

export const Page = z.int().min(1).max(20).meta({ id: 'Page', description: 'Page number, from 1.' });

export const PaperSize = z.enum(['A4', 'A3', 'B4', 'B5']);
export type PaperSize = z.infer<typeof PaperSize>;

/** Portrait width × height in mm (B sizes are JIS B, as Japanese offices use). */
export const paperMm: Record<PaperSize, readonly [number, number]> = {
  A4: [210, 297],
  A3: [297, 420],
  B4: [257, 364],
  B5: [182, 257],
};

export const Paper = z.strictObject({
  size: PaperSize.default('A4'),
  orientation: z.enum(['portrait', 'landscape']).default('portrait'),
  pages: z.int().min(1).max(20).default(1),
});
export type Paper = z.infer<typeof Paper>;

export function pageSizeMm(paper: Paper): [number, number] {
  const [w, h] = paperMm[paper.size];
  return paper.orientation === 'portrait' ? [w, h] : [h, w];
}

/** How a text value sits in its box. Nothing ever overflows: text shrinks (and wraps, if allowed) until it fits. */
export const TextStyle = z.strictObject({
  fontSize: z.number().min(4).max(72).default(10.5).meta({ description: 'Preferred size in points.' }),
  minFontSize: z
    .number()
    .min(3)
    .max(72)
    .default(6)
    .meta({ description: 'Below this size the value still fits, but the clerk is told it was shrunk a lot.' }),
  align: z.enum(['left', 'center', 'right']).default('left'),
  valign: z.enum(['top', 'middle', 'bottom']).default('middle'),
  fit: z
    .enum(['shrink', 'wrap'])
    .default('shrink')
    .meta({ description: 'shrink: one line, smaller until it fits. wrap: several lines, smaller until they fit.' }),
  padding: z.number().min(0).max(10).default(1).meta({ description: 'Inner margin in mm.' }),
});
export type TextStyle = z.infer<typeof TextStyle>;
export type TextStyleInput = z.input<typeof TextStyle>;

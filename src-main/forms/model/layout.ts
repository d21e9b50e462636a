import { z } from 'zod';
import { ID_PATTERN } from './ids';
import { At, Mm, Page, RectMm } from './geometry';

// What the engine draws itself when a city has no background PDF: boxes, rules, labels and grids. A grid is a
// table described row by row, each row a list of cells with widths, so a form of 200 rectangles is 30 lines of JSON.

const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/).meta({ description: '#rrggbb' });
const LineWidth = z.number().min(0.05).max(3).meta({ description: 'Line width in mm.' });
const LabelText = z.string().min(1).meta({ description: 'Printed as is; "\\n" starts a new line.' });
const CellId = z.string().regex(ID_PATTERN).meta({ description: 'Fields place themselves in this cell with "at".' });

export const LabelStyle = {
  size: z.number().min(4).max(40).default(9).meta({ description: 'Points.' }),
  align: z.enum(['left', 'center', 'right']).default('center'),
  valign: z.enum(['top', 'middle', 'bottom']).default('middle'),
};

export const GridCell = z.strictObject({
  w: Mm.gt(0).optional().meta({ description: 'Width in mm; cells without one share what the row has left.' }),
  id: CellId.optional(),
  label: LabelText.optional(),
  ...LabelStyle,
  fill: Colour.optional().meta({ description: 'Background, e.g. "#eeeeee" for heading cells.' }),
  border: z.boolean().default(true).meta({ description: 'false: no lines around this cell (a gap in the table).' }),
}).meta({ id: 'GridCell' });
export type GridCell = z.infer<typeof GridCell>;

export const GridRow = z.strictObject({
  h: Mm.gt(0).meta({ description: 'Row height in mm.' }),
  cells: z.array(GridCell).min(1),
}).meta({ id: 'GridRow' });

export const LayoutItem = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('box'),
    page: Page.default(1),
    at: RectMm,
    line: LineWidth.default(0.3),
    fill: Colour.optional(),
  }),
  z.strictObject({
    kind: z.literal('rule'),
    page: Page.default(1),
    from: z.tuple([Mm, Mm]),
    to: z.tuple([Mm, Mm]),
    line: LineWidth.default(0.3),
    dashed: z.boolean().default(false),
  }),
  z.strictObject({
    kind: z.literal('label'),
    page: Page.default(1),
    at: At,
    text: LabelText,
    ...LabelStyle,
    align: LabelStyle.align.default('left'),
  }),
  z.strictObject({
    kind: z.literal('grid'),
    page: Page.default(1),
    at: z.tuple([Mm, Mm]).meta({ description: '[x, y] of the top-left corner in mm.' }),
    w: Mm.gt(0).meta({ description: 'Total width in mm.' }),
    line: LineWidth.default(0.3),
    outline: LineWidth.default(0.6).meta({ description: 'Width of the outer border.' }),
    rows: z.array(GridRow).min(1),
  }),
]);
export type LayoutItem = z.infer<typeof LayoutItem>;
export type GridItem = Extract<LayoutItem, { kind: 'grid' }>;

export type PlacedCell = { page: number; rect: [number, number, number, number]; cell: GridCell };
export type GridProblem = { item: number; row: number; problem: string };

/** Every grid cell with its rectangle on the page, and the rows whose widths do not add up. */
export function placeGridCells(layout: readonly LayoutItem[]): { cells: PlacedCell[]; problems: GridProblem[] } {
  const cells: PlacedCell[] = [];
  const problems: GridProblem[] = [];
  layout.forEach((item, itemIndex) => {
    if (item.kind !== 'grid') return;
    let y = item.at[1];
    item.rows.forEach((row, rowIndex) => {
      const fixed = row.cells.reduce((sum, c) => sum + (c.w ?? 0), 0);
      const auto = row.cells.filter((c) => c.w === undefined).length;
      const rest = item.w - fixed;
      if (rest < -0.01 || (auto > 0 && rest <= 0.01)) {
        problems.push({ item: itemIndex, row: rowIndex, problem: `cell widths add up to ${round(fixed)} mm, the grid is ${item.w} mm wide` });
      } else if (auto === 0 && rest > 0.01) {
        problems.push({ item: itemIndex, row: rowIndex, problem: `cell widths add up to ${round(fixed)} mm, ${round(rest)} mm short of the grid's ${item.w} mm (leave one cell without "w" to fill)` });
      }
      let x = item.at[0];
      for (const cell of row.cells) {
        const w = cell.w ?? Math.max(rest, 0) / Math.max(auto, 1);
        cells.push({ page: item.page, rect: [x, y, w, row.h], cell });
        x += w;
      }
      y += row.h;
    });
  });
  return { cells, problems };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

// Where a box lands while it is dragged: on another box's edge or centre when one is near (an alignment guide
// shows it), else on the 1 mm grid. Pure millimetre arithmetic, so it is tested without a screen.

export type Rect = [x: number, y: number, w: number, h: number];
/** A line the moved box lines up with: vertical at x = `at` (axis 'x') or horizontal at y = `at`, from → to. */
export type Guide = { axis: 'x' | 'y'; at: number; from: number; to: number };
export type Handle = 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw';
export const HANDLES: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

export interface SnapOptions {
  /** Other boxes on the page (and the page itself) to line up with. */
  targets: readonly Rect[];
  gridMm: number;
  /** How near a line must be to pull the box to it, in mm (a few screen pixels at the current zoom). */
  thresholdMm: number;
  page: { widthMm: number; heightMm: number };
  /** false: no snapping at all (Alt held while dragging). */
  enabled: boolean;
}

export const MIN_SIZE_MM = 1;
const round = (n: number) => Math.round(n * 100) / 100;
const lines = (start: number, size: number) => [start, start + size / 2, start + size];

/** The nearest target line to any of `own` within the threshold: the shift that puts it there. */
function nearest(own: readonly number[], targets: readonly Rect[], axis: 'x' | 'y', threshold: number): { shift: number; line: number } | undefined {
  let best: { shift: number; line: number } | undefined;
  for (const t of targets) {
    for (const line of axis === 'x' ? lines(t[0], t[2]) : lines(t[1], t[3])) {
      for (const o of own) {
        const shift = line - o;
        if (Math.abs(shift) <= threshold && (!best || Math.abs(shift) < Math.abs(best.shift))) best = { shift, line };
      }
    }
  }
  return best;
}

/** The guides to draw for a box: every target line that one of its edges or its centre now sits on. */
export function guidesFor(rect: Rect, targets: readonly Rect[]): Guide[] {
  const guides: Guide[] = [];
  for (const axis of ['x', 'y'] as const) {
    const own = axis === 'x' ? lines(rect[0], rect[2]) : lines(rect[1], rect[3]);
    for (const t of targets) {
      const theirs = axis === 'x' ? lines(t[0], t[2]) : lines(t[1], t[3]);
      for (const line of theirs) {
        if (!own.some((o) => Math.abs(o - line) < 0.01)) continue;
        if (guides.some((g) => g.axis === axis && Math.abs(g.at - line) < 0.01)) continue;
        // The guide spans both boxes across the other axis.
        const [a0, a1, b0, b1] = axis === 'x' ? [rect[1], rect[1] + rect[3], t[1], t[1] + t[3]] : [rect[0], rect[0] + rect[2], t[0], t[0] + t[2]];
        guides.push({ axis, at: round(line), from: round(Math.min(a0, b0)), to: round(Math.max(a1, b1)) });
      }
    }
  }
  return guides;
}

export function clampToPage([x, y, w, h]: Rect, page: SnapOptions['page']): Rect {
  const cw = Math.min(w, page.widthMm);
  const ch = Math.min(h, page.heightMm);
  return [round(Math.min(Math.max(x, 0), page.widthMm - cw)), round(Math.min(Math.max(y, 0), page.heightMm - ch)), round(cw), round(ch)];
}

/** A box moved by (dx, dy) from where the drag started, snapped on each axis independently. */
export function snapMove(start: Rect, dx: number, dy: number, o: SnapOptions): { rect: Rect; guides: Guide[] } {
  let [x, y] = [start[0] + dx, start[1] + dy];
  const [, , w, h] = start;
  if (o.enabled) {
    const sx = nearest(lines(x, w), o.targets, 'x', o.thresholdMm);
    x = sx ? x + sx.shift : Math.round(x / o.gridMm) * o.gridMm;
    const sy = nearest(lines(y, h), o.targets, 'y', o.thresholdMm);
    y = sy ? y + sy.shift : Math.round(y / o.gridMm) * o.gridMm;
  }
  const rect = clampToPage([x, y, w, h], o.page);
  return { rect, guides: o.enabled ? guidesFor(rect, o.targets) : [] };
}

/** A box resized by dragging one handle by (dx, dy): the edges that handle moves snap, the others stay. */
export function snapResize(start: Rect, handle: Handle, dx: number, dy: number, o: SnapOptions): { rect: Rect; guides: Guide[] } {
  let left = start[0];
  let top = start[1];
  let right = start[0] + start[2];
  let bottom = start[1] + start[3];
  const snapEdge = (value: number, axis: 'x' | 'y') => {
    if (!o.enabled) return value;
    const s = nearest([value], o.targets, axis, o.thresholdMm);
    return s ? s.line : Math.round(value / o.gridMm) * o.gridMm;
  };
  if (handle.includes('w')) left = Math.min(snapEdge(left + dx, 'x'), right - MIN_SIZE_MM);
  if (handle.includes('e')) right = Math.max(snapEdge(right + dx, 'x'), left + MIN_SIZE_MM);
  if (handle.includes('n')) top = Math.min(snapEdge(top + dy, 'y'), bottom - MIN_SIZE_MM);
  if (handle.includes('s')) bottom = Math.max(snapEdge(bottom + dy, 'y'), top + MIN_SIZE_MM);
  left = Math.max(left, 0);
  top = Math.max(top, 0);
  right = Math.min(right, o.page.widthMm);
  bottom = Math.min(bottom, o.page.heightMm);
  const rect: Rect = [round(left), round(top), round(right - left), round(bottom - top)];
  return { rect, guides: o.enabled ? guidesFor(rect, o.targets) : [] };
}

/** A keyboard nudge: arrows move, Alt+arrows resize (right/down grow, left/up shrink); never snapped. */
export function nudge(rect: Rect, key: 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown', stepMm: number, resize: boolean, page: SnapOptions['page']): Rect {
  const d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[key] as [number, number];
  const [x, y, w, h] = rect;
  if (resize) {
    const nw = Math.max(MIN_SIZE_MM, Math.min(w + d[0] * stepMm, page.widthMm - x));
    const nh = Math.max(MIN_SIZE_MM, Math.min(h + d[1] * stepMm, page.heightMm - y));
    return [x, y, round(nw), round(nh)];
  }
  return clampToPage([x + d[0] * stepMm, y + d[1] * stepMm, w, h], page);
}

/** Whether two boxes overlap (a rubber band selects every box it touches). */
export function intersects(a: Rect, b: Rect): boolean {
  return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}

/** The rectangle between two corners, in whichever order they were dragged. */
export function rectBetween(ax: number, ay: number, bx: number, by: number): Rect {
  return [Math.min(ax, bx), Math.min(ay, by), Math.abs(bx - ax), Math.abs(by - ay)];
}

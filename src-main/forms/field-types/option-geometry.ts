import type { RectMm } from '../model/geometry';

/** The □ of a tickable option: a square as tall as the area (at most 4 mm), vertically centred, at its left. */
export function squareAtLeft([x, y, w, h]: RectMm): RectMm {
  const side = Math.min(h, w, 4);
  return [x, y + (h - side) / 2, side, side];
}

/** What is left of an option's area to the right of its square, for the label. */
export function optionRect([x, y, w, h]: RectMm, [, , side]: RectMm): RectMm {
  const gap = Math.min(1, w / 10);
  return [x + side + gap, y, Math.max(w - side - gap, 0.1), h];
}

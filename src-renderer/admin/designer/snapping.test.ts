import { describe, expect, it } from 'vitest';
import { nudge, snapMove, snapResize, type Rect, type SnapOptions } from './snapping';

const page = { widthMm: 210, heightMm: 297 };
const options = (targets: Rect[] = [], enabled = true): SnapOptions => ({ targets, gridMm: 1, thresholdMm: 1.5, page, enabled });

describe('moving a box', () => {
  it('lands on the 1 mm grid when no other box is near', () => {
    expect(snapMove([10, 10, 30, 8], 4.3, 2.6, options()).rect).toEqual([14, 13, 30, 8]);
  });

  it("lines its left edge up with another box's left edge and shows a vertical guide across both", () => {
    const other: Rect = [50, 100, 40, 10];
    const { rect, guides } = snapMove([10, 10, 30, 8], 40.8, 0.2, options([other]));
    expect(rect).toEqual([50, 10, 30, 8]);
    expect(guides).toContainEqual({ axis: 'x', at: 50, from: 10, to: 110 });
  });

  it("lines its centre up with another box's centre", () => {
    const { rect, guides } = snapMove([0, 0, 20, 10], 59.3, 0, options([[60, 40, 20, 6]]));
    // centre 70 = 60 + 20/2
    expect(rect[0] + rect[2] / 2).toBe(70);
    expect(guides.some((g) => g.axis === 'x' && g.at === 70)).toBe(true);
  });

  it('keeps the exact position when snapping is off (Alt), but never leaves the page', () => {
    expect(snapMove([10, 10, 30, 8], 4.3, 2.6, options([], false))).toEqual({ rect: [14.3, 12.6, 30, 8], guides: [] });
    expect(snapMove([10, 10, 30, 8], 500, -50, options()).rect).toEqual([180, 0, 30, 8]);
  });
});

describe('resizing a box', () => {
  it('moves only the dragged edge, snapped to a neighbour', () => {
    const { rect } = snapResize([10, 10, 30, 8], 'e', 9.4, 3, options([[50, 30, 10, 10]]));
    expect(rect).toEqual([10, 10, 40, 8]);
  });

  it('never gets smaller than 1 mm, however far the handle goes', () => {
    expect(snapResize([10, 10, 30, 8], 'nw', 100, 100, options()).rect).toEqual([39, 17, 1, 1]);
  });
});

describe('keyboard nudges', () => {
  it('move by the step and resize with Alt, inside the page', () => {
    expect(nudge([10, 10, 30, 8], 'ArrowRight', 0.5, false, page)).toEqual([10.5, 10, 30, 8]);
    expect(nudge([10, 10, 30, 8], 'ArrowUp', 5, false, page)).toEqual([10, 5, 30, 8]);
    expect(nudge([10, 10, 30, 8], 'ArrowDown', 5, true, page)).toEqual([10, 10, 30, 13]);
    expect(nudge([10, 10, 30, 8], 'ArrowLeft', 0.5, true, page)).toEqual([10, 10, 29.5, 8]);
    expect(nudge([0, 0, 30, 8], 'ArrowLeft', 5, false, page)).toEqual([0, 0, 30, 8]);
  });
});

import { describe, expect, it } from 'vitest';
import { cellEdges } from './draw-layout';

describe('grid cell edges', () => {
  it('draws a 2 × 2 table as 3 horizontal and 3 vertical lines, each shared edge once', () => {
    const edges = cellEdges([
      [10, 20, 30, 5],
      [40, 20, 15, 5],
      [10, 25, 30, 5],
      [40, 25, 15, 5],
    ]);
    expect(edges).toHaveLength(6);
    expect(edges).toContainEqual([[10, 25], [55, 25]]);
    expect(edges).toContainEqual([[40, 20], [40, 30]]);
  });

  it('leaves a gap where a cell has no border', () => {
    const edges = cellEdges([
      [0, 0, 10, 5],
      [20, 0, 10, 5],
    ]);
    expect(edges.filter(([a, b]) => a[1] === 0 && b[1] === 0)).toEqual([[[0, 0], [10, 0]], [[20, 0], [30, 0]]]);
  });
});

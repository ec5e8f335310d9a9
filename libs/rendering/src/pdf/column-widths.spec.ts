import { describe, expect, it } from 'vitest';
import { columnWidths } from './column-widths.js';

describe('columnWidths', () => {
  it('shares the width by weight when every header fits', () => {
    expect(columnWidths([3, 1], [10, 10], 400)).toEqual([300, 100]);
  });

  it('widens a column to its header and takes the difference from the others by weight', () => {
    const widths = columnWidths([3, 1, 1], [10, 150, 10], 500);

    expect(widths[1]).toBe(150);
    expect(widths[0] / widths[2]).toBeCloseTo(3);
    expect(widths.reduce((sum, width) => sum + width, 0)).toBeCloseTo(500);
  });

  it('falls back to weights when the headers cannot all fit', () => {
    expect(columnWidths([1, 1], [300, 300], 400)).toEqual([200, 200]);
  });
});

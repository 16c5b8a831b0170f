/**
 * Tests for sliding windows on hand-made arrays: contents, count = max(0, n - w), edge sizes, bad sizes.
 */
import { describe, expect, it } from '@jest/globals';
import { makeWindows } from './windows.js';

describe('makeWindows', () => {
  it('should label each window with the next value when the part is longer than the window', () => {
    expect(makeWindows([1, 2, 3, 4, 5], 3)).toEqual({
      inputs: [
        [1, 2, 3],
        [2, 3, 4],
      ],
      targets: [4, 5],
      targetIndices: [3, 4],
    });
  });

  it('should make n - w windows of w values when cutting a longer part', () => {
    const windows = makeWindows(
      Array.from({ length: 292 }, (_, i) => i),
      14,
    );
    expect(windows.inputs).toHaveLength(278);
    expect(windows.inputs.every((input) => input.length === 14)).toBe(true);
    expect(windows.inputs[277]).toEqual(Array.from({ length: 14 }, (_, i) => 277 + i));
    expect(windows.targets[277]).toBe(291);
  });

  it('should make no windows when the part is not longer than the window', () => {
    expect(makeWindows([1, 2, 3], 3)).toEqual({ inputs: [], targets: [], targetIndices: [] });
    expect(makeWindows([], 1).inputs).toHaveLength(0);
    expect(makeWindows([7, 8], 1)).toEqual({ inputs: [[7]], targets: [8], targetIndices: [1] });
  });

  it('should throw a RangeError when the window size is not a positive integer', () => {
    for (const size of [0, -1, 1.5, Number.NaN])
      expect(() => makeWindows([1, 2, 3], size)).toThrow(RangeError);
  });
});

import { describe, expect, it } from '@jest/globals';
import { effectiveScaling, fromModelSpace, scaleWindows, toModelSpace, windowStats } from './scaling.js';

describe('CNN-LSTM input scalings', () => {
  it('should use log1p only for series without negative days, and invert it exactly', () => {
    expect(effectiveScaling('log1p', [0, 5, 10])).toBe('log1p');
    expect(effectiveScaling('log1p', [0, -5, 10])).toBe('zscore');
    const values = [0, 1, 100, 2500];
    fromModelSpace(toModelSpace(values, 'log1p'), 'log1p').forEach((v, i) =>
      expect(v).toBeCloseTo(values[i]!, 9),
    );
    expect(toModelSpace([-3], 'log1p')).toEqual([0]);
  });

  it('should scale each window and its target by the window own mean and std', () => {
    const scaled = scaleWindows(
      [
        [10, 20, 30],
        [100, 200, 300],
      ],
      [40, 400],
      1,
    );
    // Both windows have the same shape at different levels: the network sees the same example twice.
    expect(scaled.inputs[0]).toEqual(scaled.inputs[1]);
    expect(scaled.targets[0]).toBeCloseTo(scaled.targets[1]!, 12);
    const { mean, std } = windowStats([10, 20, 30], 1);
    expect(scaled.targets[0]! * std + mean).toBeCloseTo(40, 9);
  });

  it('should not divide by zero on a flat window', () => {
    expect(windowStats([0, 0, 0], 7)).toEqual({ mean: 0, std: 7 });
    expect(scaleWindows([[5, 5]], [8], 2).targets).toEqual([1.5]);
  });
});

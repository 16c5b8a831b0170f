/**
 * Sliding windows for next-day forecasting: each window of `windowSize` consecutive values is labelled
 * with the value right after it. Called by prepareDataset on each part of the split separately.
 */

/** Windows of one part: `inputs[i]` precedes `targets[i]`, which sits at `targetIndices[i]` in the part. */
export interface Windows {
  inputs: number[][];
  targets: number[];
  targetIndices: number[];
}

/**
 * Cuts every window of `windowSize` values that has a next value: `inputs[i] = values[i..i+w-1]`,
 * `targets[i] = values[i+w]`, so there are `max(0, n - w)` windows.
 * @param values - one part of the series (already normalised when used for training)
 * @param windowSize - days per input window, a positive integer
 * @returns the windows; empty arrays when `values` is not longer than the window
 * @throws RangeError when windowSize is not a positive integer
 */
export function makeWindows(values: readonly number[], windowSize: number): Windows {
  if (!Number.isInteger(windowSize) || windowSize < 1) {
    throw new RangeError(`windowSize must be a positive integer (got ${windowSize})`);
  }
  const windows: Windows = { inputs: [], targets: [], targetIndices: [] };
  for (let target = windowSize; target < values.length; target += 1) {
    windows.inputs.push(values.slice(target - windowSize, target));
    windows.targets.push(values[target]!);
    windows.targetIndices.push(target);
  }
  return windows;
}

/**
 * Float comparisons for the ML tests (kernels, the fused LSTM, training with and without our kernels):
 * the largest absolute difference, so a test states its tolerance and a failure prints the distance.
 * Not used by product code.
 */

/** max |a[i] − b[i]|; Infinity when the lengths differ or a value is NaN on one side only. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (Number.isNaN(d)) return Infinity;
    max = Math.max(max, d);
  }
  return max;
}

/** maxAbsDiff over lists of arrays (e.g. every weight of a model), pairwise. */
export function maxAbsDiffAll(a: ArrayLike<number>[], b: ArrayLike<number>[]): number {
  if (a.length !== b.length) return Infinity;
  return Math.max(0, ...a.map((x, i) => maxAbsDiff(x, b[i]!)));
}

/**
 * Z-normalisation of daily values with statistics fitted on the training part only, so the validation
 * part stays unseen. Called by prepareDataset (fit + apply), forecast.ts and the trainer (denormalise
 * predictions); the fitted Normalization is saved with every model version.
 */

/** Mean and population standard deviation of the training values; std is never 0. */
export interface Normalization {
  mean: number;
  std: number;
}

/**
 * Fits mean and population standard deviation (divide by n, as NumPy's default does in the original).
 * A constant training series has std 0; it is replaced by 1 so normalising never divides by zero and
 * yields NaN/Infinity: the values then only shift by the mean, and denormalize still inverts exactly.
 * @param train - the training values (never the validation ones)
 * @returns the statistics to pass to normalize/denormalize
 * @throws RangeError on an empty array or a value that is not finite
 */
export function fitNormalization(train: readonly number[]): Normalization {
  if (train.length === 0) throw new RangeError('cannot fit a normalisation on no values');
  if (!train.every(Number.isFinite)) throw new RangeError('cannot fit a normalisation on non-finite values');
  const mean = train.reduce((sum, value) => sum + value, 0) / train.length;
  const variance = train.reduce((sum, value) => sum + (value - mean) ** 2, 0) / train.length;
  const std = Math.sqrt(variance);
  return { mean, std: std === 0 ? 1 : std };
}

/** Maps values to `(value - mean) / std`. @returns a new array */
export function normalize(values: readonly number[], n: Normalization): number[] {
  return values.map((value) => (value - n.mean) / n.std);
}

/** Maps normalised values back to sales units, `value * std + mean`; the inverse of normalize. @returns a new array */
export function denormalize(values: readonly number[], n: Normalization): number[] {
  return values.map((value) => value * n.std + n.mean);
}

/**
 * Chronological train/validation split of a daily series: the first days train, the last days validate,
 * never shuffled (a forecast must not peek at the future). Called by prepareDataset.
 */
import type { DailySeries } from './daily-series.js';

/** The two parts of a series, values and their dates side by side. */
export interface Split {
  train: number[];
  validation: number[];
  trainDates: string[];
  validationDates: string[];
}

/**
 * Splits a series in time: the first `round(n * (1 - validationFraction))` days train, the rest validate.
 * Either part may come out empty for a very short series; prepareDataset reports that as NOT_ENOUGH_DAYS.
 * @param series - a gap-free daily series
 * @param validationFraction - share of the days held out at the end, strictly between 0 and 1 (config: 0.2)
 * @returns copies of the values and dates of both parts
 * @throws RangeError when validationFraction is not strictly between 0 and 1
 */
export function splitChronological(series: DailySeries, validationFraction: number): Split {
  if (!(validationFraction > 0 && validationFraction < 1)) {
    throw new RangeError(`validationFraction must be between 0 and 1 (got ${validationFraction})`);
  }
  const trainLength = Math.round(series.values.length * (1 - validationFraction));
  return {
    train: series.values.slice(0, trainLength),
    validation: series.values.slice(trainLength),
    trainDates: series.dates.slice(0, trainLength),
    validationDates: series.dates.slice(trainLength),
  };
}

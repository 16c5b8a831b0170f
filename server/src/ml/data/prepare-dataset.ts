/**
 * The whole data step for one category: chronological split → normalisation fitted on the training part →
 * windows cut inside each part. Called by the trainer; matches the original system (365 days with
 * window 14 and validation 0.2 → 292 train days, 278 windows; 73 validation days, 59 windows).
 */
import { DataError } from './data-error.js';
import type { DailySeries } from './daily-series.js';
import { fitNormalization, normalize, type Normalization } from './normalize.js';
import { splitChronological, type Split } from './split.js';
import { makeWindows, type Windows } from './windows.js';

/** How to cut the series (config `data.window_size`, `data.validation_fraction`). */
export interface DatasetOptions {
  /** Days per input window, a positive integer. */
  windowSize: number;
  /** Share of days held out at the end for validation, strictly between 0 and 1. */
  validationFraction: number;
}

/** Everything training and evaluation need; windows hold normalised values. */
export interface PreparedDataset {
  category: string;
  series: DailySeries;
  split: Split;
  normalization: Normalization;
  windowSize: number;
  /** Windows on the normalised training values. */
  train: Windows;
  /** Windows on the normalised validation values (cut inside the validation part only). */
  validation: Windows;
  /** The date of each validation target. */
  validationTargetDates: string[];
}

/**
 * The smallest series length whose two parts both hold `windowSize + 1` days, i.e. one window each.
 * Searched rather than solved because the split rounds.
 */
export function minimumDays(options: DatasetOptions): number {
  const { windowSize, validationFraction } = options;
  for (let days = 2 * (windowSize + 1); ; days += 1) {
    const trainDays = Math.round(days * (1 - validationFraction));
    if (trainDays > windowSize && days - trainDays > windowSize) return days;
  }
}

/**
 * Splits, normalises (statistics from the training part only) and windows one category's series.
 * @param series - a gap-free daily series from buildDailySeries
 * @param options - window size and validation fraction
 * @returns the prepared dataset
 * @throws DataError NOT_ENOUGH_DAYS when either part is too short for one window (says how many days are
 *   needed); RangeError when windowSize is not a positive integer or validationFraction not in (0, 1)
 */
export function prepareDataset(series: DailySeries, options: DatasetOptions): PreparedDataset {
  const { windowSize, validationFraction } = options;
  const split = splitChronological(series, validationFraction);
  makeWindows([], windowSize); // validates windowSize before it is used to count days
  if (split.train.length <= windowSize || split.validation.length <= windowSize) {
    const needed = minimumDays(options);
    const have = `${series.values.length} day(s) (${split.train.length} train, ${split.validation.length} validation)`;
    const rule = `window_size ${windowSize} needs ${windowSize + 1} days in each part`;
    const message = `category "${series.category}" has ${have}; ${rule}, so at least ${needed} days: add data or lower window_size`;
    throw new DataError('NOT_ENOUGH_DAYS', message, {
      category: series.category,
      days: series.values.length,
      needed,
    });
  }
  const normalization = fitNormalization(split.train);
  const validation = makeWindows(normalize(split.validation, normalization), windowSize);
  return {
    category: series.category,
    series,
    split,
    normalization,
    windowSize,
    train: makeWindows(normalize(split.train, normalization), windowSize),
    validation,
    validationTargetDates: validation.targetIndices.map((index) => split.validationDates[index]!),
  };
}

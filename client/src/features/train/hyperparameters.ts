/**
 * The train form's fields → the `train` mutation's `TrainInput` (the categories picked) or `trainAll`'s
 * `TrainAllInput` ("All categories"), with a message per bad field (ranges from the API's input docs).
 * Empty fields mean "the config.yaml default". Pure: unit-tested.
 */
import type { ModelFamily, TrainAllInput, TrainInput } from '@/types.generated';

/** Categories `train` takes at once (the API's TrainInput limit); more go through "All categories". */
export const MAX_PICKED_CATEGORIES = 100;

/** The model choices of the train form, AUTO (every enabled family, the best activated) first. */
export const MODEL_CHOICES: readonly { value: ModelFamily; label: string }[] = [
  { value: 'AUTO', label: 'Auto: every family, keep the best' },
  { value: 'CNN_LSTM', label: 'CNN-LSTM' },
  { value: 'SEASONAL_NAIVE', label: 'Seasonal naive' },
  { value: 'ETS', label: 'ETS' },
  { value: 'MSTL', label: 'MSTL' },
  { value: 'PROPHET', label: 'Prophet' },
  { value: 'ARIMA', label: 'ARIMA (if installed)' },
];

export interface TrainFormValues {
  /** The categories picked (ignored when `all`). */
  categories: readonly string[];
  /** Every category with sales (`trainAll`), however many. @default false */
  all?: boolean;
  /** @default "AUTO" (the API's own default for train is CNN_LSTM: the form always sends one) */
  model?: ModelFamily;
  epochs: string;
  learningRate: string;
  batchSize: string;
  windowSize: string;
}

export type TrainFormErrors = Partial<Record<keyof TrainFormValues, string>>;

const RANGES = {
  epochs: { min: 1, max: 1000, label: 'Epochs' },
  batchSize: { min: 1, max: 4096, label: 'Batch size' },
  windowSize: { min: 7, max: 365, label: 'Window size' },
} as const;

/** What the form sends: `train` for the picked categories, or `trainAll` for all of them. */
export type TrainRequest = { all: false; input: TrainInput } | { all: true; input: TrainAllInput };

export function parseTrainForm(values: TrainFormValues): {
  request: TrainRequest | null;
  errors: TrainFormErrors;
} {
  const errors: TrainFormErrors = {};
  const input: TrainAllInput = { model: values.model ?? 'AUTO' };
  if (!values.all && !values.categories.length) errors.categories = 'Pick at least one category.';
  else if (!values.all && values.categories.length > MAX_PICKED_CATEGORIES)
    errors.categories = `At most ${MAX_PICKED_CATEGORIES} categories at once; choose All categories to train more.`;
  for (const key of ['epochs', 'batchSize', 'windowSize'] as const) {
    const text = values[key].trim();
    if (!text) continue;
    const { min, max, label } = RANGES[key];
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max)
      errors[key] = `${label} must be a whole number from ${min} to ${max}.`;
    else input[key] = n;
  }
  const lr = values.learningRate.trim();
  if (lr) {
    const n = Number(lr);
    if (!Number.isFinite(n) || n <= 0 || n > 1)
      errors.learningRate = 'Learning rate must be above 0 and at most 1.';
    else input.learningRate = n;
  }
  if (Object.keys(errors).length) return { request: null, errors };
  return {
    request: values.all
      ? { all: true, input }
      : { all: false, input: { categories: [...values.categories], ...input } },
    errors,
  };
}

/** `names` with `name` added once, at the end (the picker's chips keep the order they were picked in). */
export function withCategory(names: readonly string[], name: string): string[] {
  return names.includes(name) ? [...names] : [...names, name];
}

/** `?runs=a,b` ⇄ run ids (deduplicated, order kept). */
export function parseRunIds(param: string | null): string[] {
  return [
    ...new Set(
      (param ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

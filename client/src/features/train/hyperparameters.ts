/**
 * The train form's fields → `TrainInput`, with a message per bad field (ranges from the API's TrainInput
 * docs). Empty fields mean "the config.yaml default". Pure: unit-tested.
 */
import type { ModelFamily, TrainInput } from '@/types.generated';

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
  categories: readonly string[];
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

export function parseTrainForm(values: TrainFormValues): {
  input: TrainInput | null;
  errors: TrainFormErrors;
} {
  const errors: TrainFormErrors = {};
  const input: TrainInput = { categories: [...values.categories], model: values.model ?? 'AUTO' };
  if (!values.categories.length) errors.categories = 'Pick at least one category.';
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
  return { input: Object.keys(errors).length ? null : input, errors };
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

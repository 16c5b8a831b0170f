'use client';
/**
 * Pick categories, the model (Auto: every family, the best kept; or one family) and hyperparameters, then
 * `train`: one run per category, returned QUEUED at once.
 * Field errors come from parseTrainForm first, then from the API (BAD_USER_INPUT, CONFLICT when a
 * category is already training, UNAUTHENTICATED when the web server's API_KEY is wrong).
 */
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorState } from '@/components/states';
import { errorCode, fieldErrors } from '@/lib/errors';
import { TrainCategoriesDocument, type RunSummaryFragment } from '../runs/runs.generated';
import { MODEL_CHOICES, parseTrainForm, type TrainFormErrors, type TrainFormValues } from './hyperparameters';

const NUMBER_FIELDS = [
  { key: 'epochs', label: 'Epochs (1–1000)', mode: 'numeric' },
  { key: 'learningRate', label: 'Learning rate (0–1]', mode: 'decimal' },
  { key: 'batchSize', label: 'Batch size (1–4096)', mode: 'numeric' },
  { key: 'windowSize', label: 'Window, days (7–365)', mode: 'numeric' },
] as const;

export function TrainForm({
  categories,
  initialCategory,
  onStarted,
  disabled = false,
}: {
  categories: readonly string[];
  initialCategory?: string;
  onStarted: (runs: RunSummaryFragment[]) => void;
  /** The viewer may not train: the form is shown but cannot be sent. */
  disabled?: boolean;
}) {
  const [values, setValues] = useState<TrainFormValues>({
    categories: initialCategory && categories.includes(initialCategory) ? [initialCategory] : [],
    model: 'AUTO',
    epochs: '',
    learningRate: '',
    batchSize: '',
    windowSize: '',
  });
  const [errors, setErrors] = useState<TrainFormErrors>({});
  const [train, result] = useMutation(TrainCategoriesDocument);
  const server = fieldErrors(result.error);
  const code = errorCode(result.error);
  const shown: TrainFormErrors = { ...server, ...errors };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseTrainForm(values);
    setErrors(parsed.errors);
    if (!parsed.input) return;
    const { data } = await train({ variables: { input: parsed.input } }).catch(() => ({ data: undefined }));
    if (data) onStarted(data.train);
  };
  const toggle = (name: string, on: boolean) =>
    setValues((v) => ({
      ...v,
      categories: on ? [...v.categories, name] : v.categories.filter((c) => c !== name),
    }));

  return (
    <form className="panel" onSubmit={onSubmit} noValidate aria-label="Start training">
      <fieldset className="field" aria-describedby={shown.categories ? 'train-categories-error' : undefined}>
        <legend>Categories</legend>
        <div className="checkbox-row">
          {categories.map((name) => (
            <label key={name}>
              <input
                type="checkbox"
                name="categories"
                value={name}
                checked={values.categories.includes(name)}
                onChange={(e) => toggle(name, e.target.checked)}
              />
              {name}
            </label>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() =>
              setValues((v) => ({
                ...v,
                categories: v.categories.length === categories.length ? [] : [...categories],
              }))
            }
          >
            {values.categories.length === categories.length ? 'None' : 'All'}
          </button>
        </div>
        {shown.categories && (
          <p className="field-error" id="train-categories-error">
            {shown.categories}
          </p>
        )}
      </fieldset>
      <div className="controls" style={{ marginTop: '0.75rem' }}>
        <div className="field">
          <label htmlFor="train-model">Model</label>
          <select
            id="train-model"
            value={values.model}
            onChange={(e) => setValues((v) => ({ ...v, model: e.target.value as TrainFormValues['model'] }))}
          >
            {MODEL_CHOICES.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        {NUMBER_FIELDS.map(({ key, label, mode }) => (
          <div className="field" key={key}>
            <label htmlFor={`train-${key}`}>{label}</label>
            <input
              id={`train-${key}`}
              type="text"
              inputMode={mode}
              placeholder="config.yaml default"
              value={values[key]}
              aria-invalid={shown[key] ? true : undefined}
              aria-describedby={shown[key] ? `train-${key}-error` : undefined}
              onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
            />
            {shown[key] && (
              <p className="field-error" id={`train-${key}-error`}>
                {shown[key]}
              </p>
            )}
          </div>
        ))}
        <button type="submit" disabled={disabled || result.loading}>
          {result.loading ? 'Starting…' : 'Start training'}
        </button>
      </div>
      {result.error && !Object.keys(server).length && (
        <ErrorState
          error={result.error}
          title={
            code === 'CONFLICT'
              ? 'Already training'
              : code === 'UNAUTHENTICATED'
                ? 'Your session has ended: sign in again'
                : code === 'FORBIDDEN'
                  ? 'Your role may not train'
                  : undefined
          }
        />
      )}
    </form>
  );
}

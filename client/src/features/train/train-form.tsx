'use client';
/**
 * Pick categories, the model (Auto: every family, the best kept; or one family) and hyperparameters, then
 * `train`: one run per category, returned QUEUED at once. Categories are searched in the catalogue and each
 * pick becomes a removable chip (up to 100, train's limit); "All categories" sends `trainAll` instead, one
 * run for every category with sales, however many.
 * Field errors come from parseTrainForm first, then from the API (BAD_USER_INPUT, CONFLICT when a
 * category is already training, UNAUTHENTICATED when the web server's API_KEY is wrong).
 */
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorState } from '@/components/states';
import { errorCode, fieldErrors } from '@/lib/errors';
import { CategoryPicker } from '../categories/category-picker';
import {
  TrainAllCategoriesDocument,
  TrainCategoriesDocument,
  type RunSummaryFragment,
} from '../runs/runs.generated';
import {
  MODEL_CHOICES,
  parseTrainForm,
  withCategory,
  type TrainFormErrors,
  type TrainFormValues,
} from './hyperparameters';

const NUMBER_FIELDS = [
  { key: 'epochs', label: 'Epochs (1–1000)', mode: 'numeric' },
  { key: 'learningRate', label: 'Learning rate (0–1]', mode: 'decimal' },
  { key: 'batchSize', label: 'Batch size (1–4096)', mode: 'numeric' },
  { key: 'windowSize', label: 'Window, days (7–365)', mode: 'numeric' },
] as const;

export function TrainForm({
  categoryCount,
  initialCategory,
  onStarted,
  disabled = false,
}: {
  /** Categories in the catalogue (shown beside "All categories"). */
  categoryCount: number;
  /** Picked at first (the page's ?category=, once known to exist). */
  initialCategory?: string;
  onStarted: (runs: RunSummaryFragment[]) => void;
  /** The viewer may not train: the form is shown but cannot be sent. */
  disabled?: boolean;
}) {
  const [values, setValues] = useState<TrainFormValues>({
    categories: initialCategory ? [initialCategory] : [],
    all: false,
    model: 'AUTO',
    epochs: '',
    learningRate: '',
    batchSize: '',
    windowSize: '',
  });
  const [errors, setErrors] = useState<TrainFormErrors>({});
  const [trainSome, some] = useMutation(TrainCategoriesDocument);
  const [trainAll, all] = useMutation(TrainAllCategoriesDocument);
  // The result of the mutation last sent.
  const result = values.all ? all : some;
  const server = fieldErrors(result.error);
  const code = errorCode(result.error);
  const shown: TrainFormErrors = { ...server, ...errors };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const { request, errors } = parseTrainForm(values);
    setErrors(errors);
    if (!request) return;
    const runs = request.all
      ? (await trainAll({ variables: { input: request.input } }).catch(() => ({ data: undefined }))).data
          ?.trainAll
      : (await trainSome({ variables: { input: request.input } }).catch(() => ({ data: undefined }))).data
          ?.train;
    if (runs) onStarted(runs);
  };
  const remove = (name: string) =>
    setValues((v) => ({ ...v, categories: v.categories.filter((c) => c !== name) }));

  return (
    <form className="panel" onSubmit={onSubmit} noValidate aria-label="Start training">
      <fieldset className="field" aria-describedby={shown.categories ? 'train-categories-error' : undefined}>
        <legend>Categories</legend>
        <div className="checkbox-row">
          <label>
            <input
              type="checkbox"
              checked={values.all ?? false}
              onChange={(e) => setValues((v) => ({ ...v, all: e.target.checked }))}
            />
            All categories ({categoryCount.toLocaleString('en')})
          </label>
        </div>
        {!values.all && (
          <div className="controls">
            <CategoryPicker
              id="train-category"
              label="Add a category"
              value=""
              onChange={(c) => setValues((v) => ({ ...v, categories: withCategory(v.categories, c.name) }))}
            />
            {values.categories.length ? (
              <ul className="chips" aria-label="Categories to train">
                {values.categories.map((name) => (
                  <li key={name} className="chip">
                    {name}
                    <button
                      type="button"
                      className="chip-remove"
                      aria-label={`Remove ${name}`}
                      onClick={() => remove(name)}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="hint">None picked yet: search and pick one or more.</p>
            )}
            {values.categories.length > 1 && (
              <button
                type="button"
                className="secondary"
                onClick={() => setValues((v) => ({ ...v, categories: [] }))}
              >
                Clear
              </button>
            )}
          </div>
        )}
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

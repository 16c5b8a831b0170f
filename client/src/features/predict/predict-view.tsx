'use client';
/**
 * Predict (`/predict`): the category's last window of daily sales, prefilled and editable, a horizon, and
 * the forecast with its interval drawn after the recent history and listed as numbers. States: no model yet
 * (link to /train), bad input by field (checked here first, then the API's BAD_USER_INPUT), API errors.
 * The category is searched in the catalogue (CategoryPicker); only the picked one's details are read.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { Empty, ErrorState, Loading } from '@/components/states';
import { addDays } from '@/lib/dates';
import { errorCode, fieldErrors } from '@/lib/errors';
import { GetCategoryDocument, GetCategoryPageDocument } from '../categories/categories.generated';
import { CategoryPicker } from '../categories/category-picker';
import { ForecastChart } from '@/components/lazy-charts';
import { toForecastChartData, toForecastRows } from './forecast-data';
import { ForecastTable } from './forecast-table';
import { parseHorizon, parseWindowValues } from './parse-window-values';
import { GetRecentSeriesDocument, PredictSalesDocument } from './predict.generated';
import { WindowEditor } from './window-editor';

/** Days of history drawn before the window. */
const EXTRA_HISTORY_DAYS = 46;

export function PredictView() {
  const params = useSearchParams();
  // The picked name (from ?category= at first); null: the catalogue's first category by name.
  const [picked, setPicked] = useState<string | null>(params.get('category') || null);
  const first = useQuery(GetCategoryPageDocument, { variables: { first: 1 }, skip: picked !== null });
  const category = picked ?? first.data?.categoriesConnection.edges[0]?.node.name ?? '';
  // A model trained since the last visit must show up: always ask the API, answer from the cache meanwhile.
  const details = useQuery(GetCategoryDocument, {
    variables: { name: category },
    skip: !category,
    fetchPolicy: 'cache-and-network',
  });
  const current = details.data?.category ?? null;
  // A ?category= that names no category falls back to the first one, as the full list did.
  const unknown = picked !== null && details.data !== undefined && details.data.category === null;
  useEffect(() => {
    if (unknown) setPicked(null);
  }, [unknown]);
  const windowSize = current?.activeModel?.windowSize ?? 0;
  const lastDate = current?.lastDate ?? null;
  const recent = useQuery(GetRecentSeriesDocument, {
    variables: {
      category,
      to: lastDate,
      from: lastDate ? addDays(lastDate, -(windowSize + EXTRA_HISTORY_DAYS - 1)) : null,
    },
    skip: !current || !windowSize || !lastDate,
  });

  if (first.error) return <ErrorState error={first.error} onRetry={() => void first.refetch()} />;
  if (!category)
    return first.loading || picked !== null ? (
      <Loading label="Loading categories…" />
    ) : (
      <Empty>No categories are configured.</Empty>
    );

  return (
    <>
      <div className="controls panel">
        <CategoryPicker id="predict-category" value={category} onChange={(c) => setPicked(c.name)} />
        {current?.activeModel && (
          <p className="hint">
            Model {current.activeModel.id.slice(0, 8)} · window {current.activeModel.windowSize} days
          </p>
        )}
      </div>
      {details.error ? (
        <ErrorState error={details.error} onRetry={() => void details.refetch()} />
      ) : !current ? (
        details.loading ? (
          <Loading label={`Loading ${category}…`} />
        ) : (
          <Empty>There is no category named {category}.</Empty>
        )
      ) : !current.activeModel ? (
        <NoModel category={category} />
      ) : recent.error ? (
        <ErrorState error={recent.error} onRetry={() => void recent.refetch()} />
      ) : recent.loading || !recent.data ? (
        <Loading label="Loading the latest sales…" />
      ) : recent.data.series.points.length < windowSize ? (
        <Empty>
          {category} has only {recent.data.series.points.length} days of data; the model needs {windowSize}.
        </Empty>
      ) : (
        <ForecastForm
          key={`${category}:${current.activeModel.id}`}
          category={category}
          history={recent.data.series.points}
          windowSize={windowSize}
        />
      )}
    </>
  );
}

function NoModel({ category }: { category: string }) {
  return (
    <Empty>
      <p className="state-title">No model for {category} yet</p>
      <p>
        Train this category first:{' '}
        <Link href={`/train?category=${encodeURIComponent(category)}`}>Train {category}</Link>.
      </p>
    </Empty>
  );
}

function ForecastForm({
  category,
  history,
  windowSize,
}: {
  category: string;
  history: readonly { date: string; value: number }[];
  windowSize: number;
}) {
  const latest = history.slice(-windowSize);
  const [cells, setCells] = useState(() => latest.map((p) => String(Math.round(p.value * 100) / 100)));
  const [horizonText, setHorizonText] = useState('7');
  const [submitted, setSubmitted] = useState(false);
  const [predict, result] = useMutation(PredictSalesDocument);
  const parsed = parseWindowValues(cells);
  const horizon = parseHorizon(horizonText);
  const serverFields = fieldErrors(result.error);
  const cellErrors = submitted ? parsed.errors : parsed.errors.map(() => null);
  const horizonError = submitted && 'error' in horizon ? horizon.error : (serverFields.horizon ?? null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!parsed.values || 'error' in horizon) return;
    await predict({
      variables: { input: { category, series: parsed.values, horizon: horizon.value } },
    }).catch(
      () => undefined, // shown from result.error
    );
  };

  const forecast = result.data?.predict;
  const usedValues = forecast && parsed.values ? parsed.values : latest.map((p) => p.value);
  const chart = toForecastChartData(history, usedValues, forecast ?? null);
  const rows = forecast ? toForecastRows(forecast, history.at(-1)!.date) : [];
  const code = errorCode(result.error);

  return (
    <div className="two-col">
      <form className="panel" onSubmit={onSubmit} noValidate aria-label={`Forecast ${category}`}>
        <WindowEditor
          dates={latest.map((p) => p.date)}
          cells={cells}
          errors={cellErrors}
          onChange={setCells}
        />
        {serverFields.series && (
          <p className="field-error" role="alert">
            {serverFields.series}
          </p>
        )}
        <div className="controls" style={{ marginTop: '1rem' }}>
          <div className="field">
            <label htmlFor="predict-horizon">Horizon (days ahead)</label>
            <input
              id="predict-horizon"
              type="number"
              min={1}
              max={365}
              value={horizonText}
              aria-invalid={horizonError ? true : undefined}
              aria-describedby={horizonError ? 'predict-horizon-error' : undefined}
              onChange={(e) => setHorizonText(e.target.value)}
            />
            {horizonError && (
              <p className="field-error" id="predict-horizon-error">
                {horizonError}
              </p>
            )}
          </div>
          <button type="submit" disabled={result.loading}>
            {result.loading ? 'Forecasting…' : 'Forecast'}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setCells(latest.map((p) => String(Math.round(p.value * 100) / 100)));
              setSubmitted(false);
            }}
          >
            Reset to latest data
          </button>
        </div>
        {submitted && !parsed.values && (
          <p className="field-error" role="alert">
            {parsed.errors.filter(Boolean).length} value(s) need fixing before forecasting.
          </p>
        )}
      </form>
      <section className="panel" aria-labelledby="forecast-title" aria-live="polite">
        <h2 id="forecast-title">{forecast ? `Forecast for ${category}` : `Recent sales of ${category}`}</h2>
        {code === 'NOT_FOUND' ? (
          <NoModel category={category} />
        ) : result.error && code !== 'BAD_USER_INPUT' ? (
          <ErrorState error={result.error} />
        ) : null}
        <ForecastChart
          data={chart}
          label={
            forecast
              ? `Last ${history.length} days of ${category} and a ${rows.length}-day forecast with its interval`
              : `Last ${history.length} days of ${category}`
          }
        />
        {forecast ? (
          <ForecastTable rows={rows} coverage={forecast.intervalCoverage} />
        ) : (
          <p className="hint">Press Forecast to draw the next days after this history.</p>
        )}
      </section>
    </div>
  );
}

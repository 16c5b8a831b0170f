'use client';
/**
 * The explorer (`/`): pick a category (searched in the catalogue), a rolling-average window and a date
 * range; draws daily sales and the rolling average, extended live when `salesUpdated` says the category's
 * sales changed. Loading, error (with retry) and empty states for both queries.
 */
import { useQuery, useSubscription } from '@apollo/client/react';
import Link from 'next/link';
import { useState } from 'react';
import { Empty, ErrorState, Loading } from '@/components/states';
import { formatAmount } from '@/lib/format';
import { GetCategoryPageDocument } from '../categories/categories.generated';
import { CategoryPicker, type PickedCategory } from '../categories/category-picker';
import { dateRangeError, summarize, toSalesChartSeries } from './chart-data';
import { GetSeriesDocument, SalesUpdatedDocument } from './explorer.generated';
import { SalesChart } from '@/components/lazy-charts';

export const ROLLING_WINDOWS = [7, 14, 28, 56, 91] as const;

export function ExplorerView() {
  // Only the first category (the default pick): the catalogue itself is searched by the picker.
  const categories = useQuery(GetCategoryPageDocument, { variables: { first: 1 } });
  const [picked, setPicked] = useState<PickedCategory | null>(null);
  const [live, setLive] = useState<{ category: string; firstDate: string; lastDate: string } | null>(null);
  const [rollingWindow, setRollingWindow] = useState<number>(7);
  const [range, setRange] = useState({ from: '', to: '' });
  const first = categories.data?.categoriesConnection.edges[0]?.node ?? null;
  const chosen = picked ?? first;
  const category = chosen?.name ?? '';
  const rangeErrors = dateRangeError(range);
  const series = useQuery(GetSeriesDocument, {
    variables: { category, rollingWindow, from: range.from || null, to: range.to || null },
    skip: !category || rangeErrors !== null,
  });
  useSubscription(SalesUpdatedDocument, {
    variables: { category },
    skip: !category,
    onData: ({ data }) => {
      if (!data.data) return;
      setLive(data.data.salesUpdated);
      void series.refetch();
    },
  });

  if (categories.error)
    return <ErrorState error={categories.error} onRetry={() => void categories.refetch()} />;
  if (categories.loading && !categories.data) return <Loading label="Loading categories…" />;
  if (!chosen)
    return (
      <Empty>
        No sales yet: <Link href="/import">import a CSV</Link>.
      </Empty>
    );
  const current = live?.category === category ? live : chosen;
  const points = series.data?.series.points ?? series.previousData?.series.points ?? [];
  const stats = summarize(points);

  return (
    <>
      <form className="controls panel" aria-label="Chart options" onSubmit={(e) => e.preventDefault()}>
        <CategoryPicker
          id="explorer-category"
          value={category}
          onChange={(c) => {
            setPicked(c);
            setLive(null);
          }}
        />
        <div className="field">
          <label htmlFor="explorer-window">Rolling average</label>
          <select
            id="explorer-window"
            value={rollingWindow}
            onChange={(e) => setRollingWindow(Number(e.target.value))}
          >
            {ROLLING_WINDOWS.map((w) => (
              <option key={w} value={w}>
                {w} days
              </option>
            ))}
          </select>
        </div>
        {(['from', 'to'] as const).map((bound) => (
          <div className="field" key={bound}>
            <label htmlFor={`explorer-${bound}`}>{bound === 'from' ? 'From' : 'To'}</label>
            <input
              id={`explorer-${bound}`}
              type="date"
              value={range[bound]}
              min={current?.firstDate ?? undefined}
              max={current?.lastDate ?? undefined}
              aria-invalid={rangeErrors?.[bound] ? true : undefined}
              aria-describedby={rangeErrors?.[bound] ? `explorer-${bound}-error` : undefined}
              onChange={(e) => setRange((r) => ({ ...r, [bound]: e.target.value }))}
            />
            {rangeErrors?.[bound] && (
              <p className="field-error" id={`explorer-${bound}-error`}>
                {rangeErrors[bound]}
              </p>
            )}
          </div>
        ))}
        {(range.from || range.to) && (
          <button type="button" className="secondary" onClick={() => setRange({ from: '', to: '' })}>
            Whole range
          </button>
        )}
      </form>

      <section className="panel" aria-labelledby="explorer-chart-title" aria-busy={series.loading}>
        <h2 id="explorer-chart-title">
          {category}: daily sales{current?.firstDate && ` (data ${current.firstDate} to ${current.lastDate})`}
        </h2>
        {series.error ? (
          <ErrorState error={series.error} onRetry={() => void series.refetch()} />
        ) : series.loading && !points.length ? (
          <Loading label="Loading sales…" />
        ) : !points.length ? (
          <Empty>No sales in this date range. Pick another range or “Whole range”.</Empty>
        ) : (
          <>
            <SalesChart
              series={toSalesChartSeries(points, rollingWindow)}
              label={`Daily sales of ${category} with a ${rollingWindow}-day rolling average`}
            />
            <p className="hint" aria-live="polite">
              {stats.days} days · total {formatAmount(stats.total)} · mean {formatAmount(stats.mean)} per day
              {series.loading && ' · updating…'}
            </p>
          </>
        )}
      </section>
    </>
  );
}

/**
 * Shapes the recent history and a forecast into what the predict chart and table draw: the history line
 * (ending with the values the forecast used), the forecast line starting at the last known day so the two
 * join, and the interval band. Pure: unit-tested.
 */
import { addDays } from '@/lib/dates';

export interface HistoryPoint {
  date: string;
  value: number;
}

export interface ForecastResult {
  values: readonly number[];
  lower: readonly number[];
  upper: readonly number[];
  /** Days forecast (the API sets them when the input is the data's latest window). */
  dates?: readonly string[] | null;
}

export interface ForecastRow {
  step: number;
  date: string;
  value: number;
  lower: number;
  upper: number;
}

export interface ForecastChartData {
  series: { id: string; data: { x: string; y: number }[] }[];
  /** The interval, from the last known day (zero width) to the horizon. */
  band: { x: string; lower: number; upper: number }[];
  /** y range covering history, forecast and band. */
  yMin: number;
  yMax: number;
}

/** One row per day ahead; dates continue from `lastDate` when the API did not give them. */
export function toForecastRows(forecast: ForecastResult, lastDate: string): ForecastRow[] {
  return forecast.values.map((value, i) => ({
    step: i + 1,
    date: forecast.dates?.[i] ?? addDays(lastDate, i + 1),
    value,
    lower: forecast.lower[i] ?? value,
    upper: forecast.upper[i] ?? value,
  }));
}

/**
 * @param history recent days, oldest first; its last `windowValues.length` days are replaced by the values
 *   the forecast used (the user may have edited them).
 */
export function toForecastChartData(
  history: readonly HistoryPoint[],
  windowValues: readonly number[],
  forecast: ForecastResult | null,
): ForecastChartData {
  const offset = history.length - windowValues.length;
  const shown = history.map((p, i) => ({
    x: p.date,
    y: i >= offset ? (windowValues[i - offset] ?? p.value) : p.value,
  }));
  const series: ForecastChartData['series'] = [{ id: 'History', data: shown }];
  const last = shown.at(-1);
  const rows = forecast && last ? toForecastRows(forecast, last.x) : [];
  const band =
    last && rows.length
      ? [
          { x: last.x, lower: last.y, upper: last.y },
          ...rows.map((r) => ({ x: r.date, lower: r.lower, upper: r.upper })),
        ]
      : [];
  if (last && rows.length)
    series.push({ id: 'Forecast', data: [last, ...rows.map((r) => ({ x: r.date, y: r.value }))] });
  const ys = [...shown.map((p) => p.y), ...band.flatMap((b) => [b.lower, b.upper])];
  const yMin = Math.min(0, ...ys);
  const yMax = ys.length ? Math.max(...ys) : 1;
  return { series, band, yMin, yMax: yMax + (yMax - yMin) * 0.05 || 1 };
}

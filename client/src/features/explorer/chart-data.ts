/**
 * Shapes the API's series into nivo line series for the explorer chart, and validates the date range
 * the user typed. Pure: tested without a browser.
 */
import { isIsoDate } from '@/lib/dates';

export interface SalesPoint {
  date: string;
  value: number;
  rollingAverage?: number | null;
}

export interface ChartSeries {
  id: string;
  data: { x: string; y: number }[];
}

/**
 * The rolling average (where defined) and the daily values as nivo series. The average comes first: nivo
 * draws the first series on top, and the smooth line is the one to read.
 */
export function toSalesChartSeries(points: readonly SalesPoint[], rollingWindow: number): ChartSeries[] {
  const daily: ChartSeries = { id: 'Daily sales', data: points.map((p) => ({ x: p.date, y: p.value })) };
  const average: ChartSeries = {
    id: `${rollingWindow}-day average`,
    data: points.flatMap((p) => (p.rollingAverage == null ? [] : [{ x: p.date, y: p.rollingAverage }])),
  };
  return average.data.length ? [average, daily] : [daily];
}

export interface DateRange {
  from: string;
  to: string;
}

/** Why a from/to pair cannot be queried, or null when it can (empty means "no bound"). */
export function dateRangeError(range: DateRange): Partial<Record<keyof DateRange, string>> | null {
  const errors: Partial<Record<keyof DateRange, string>> = {};
  if (range.from && !isIsoDate(range.from)) errors.from = 'Use a date like 2024-01-31.';
  if (range.to && !isIsoDate(range.to)) errors.to = 'Use a date like 2024-01-31.';
  if (!errors.from && !errors.to && range.from && range.to && range.from > range.to)
    errors.to = 'The end date must not be before the start date.';
  return Object.keys(errors).length ? errors : null;
}

/** Summary shown under the chart: days, total, mean per day. */
export function summarize(points: readonly SalesPoint[]) {
  const total = points.reduce((sum, p) => sum + p.value, 0);
  return { days: points.length, total, mean: points.length ? total / points.length : 0 };
}

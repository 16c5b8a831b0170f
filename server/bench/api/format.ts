/**
 * Formatting shared by the parts of `api.bench.ts`: tables like `train.bench.ts`'s (cli-table3, without
 * colour codes when the output is not a terminal, so a saved log stays readable), numbers, percentiles.
 */
import Table from 'cli-table3';

/** A cli-table3 table with these column heads. */
export function createTable(head: string[]): Table.Table {
  return new Table({ head, ...(process.stdout.isTTY ? {} : { style: { head: [], border: [] } }) });
}

/** Milliseconds: one decimal below 10, whole above. */
export const formatMs = (v: number) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 1 : 0) : '-');

/** A whole number with thousands separators. */
export const formatInt = (v: number) => Math.round(v).toLocaleString('en-US');

/** Nearest-rank percentile of ascending values; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

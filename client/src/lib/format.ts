/** Number formatting shared by tables and tooltips. */

const amount = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const precise = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

/** Sales amounts: whole units with thousands separators. */
export const formatAmount = (value: number | null | undefined) =>
  value == null ? '—' : amount.format(value);
/** Metrics and forecasts: two decimals. */
export const formatNumber = (value: number | null | undefined) =>
  value == null ? '—' : precise.format(value);
/** Losses: 4 significant digits. */
export const formatLoss = (value: number | null | undefined) => (value == null ? '—' : value.toPrecision(4));
export const formatDuration = (ms: number | null | undefined) =>
  ms == null ? '—' : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;

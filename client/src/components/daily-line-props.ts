/**
 * What every chart of daily sales (explorer, forecast, backtest fold) draws the same way with nivo's line:
 * a UTC day time axis fed `YYYY-MM-DD` strings, whole-unit values, compact left-axis ticks. Spread into
 * `<ResponsiveLine>`; each chart adds its own margins, colours, y range and bottom-axis ticks.
 */
export const DAILY_LINE_PROPS = {
  xScale: { type: 'time', format: '%Y-%m-%d', precision: 'day', useUTC: true },
  xFormat: 'time:%Y-%m-%d',
  yFormat: '>-,.0f',
  axisLeft: { format: '>-~s', tickValues: 5 },
} as const;

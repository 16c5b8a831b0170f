/**
 * Evaluation plot: actual vs predicted sales over the validation targets, rendered to PNG in-process.
 * Vega-Lite spec → Vega view (renderer 'none') → SVG string → resvg → PNG; no browser, no canvas.
 * Called after evaluation (training report, run artifacts) with the series `evaluate.ts` scored. Fonts:
 * resvg has none built in and no package in node_modules ships a TTF, so text uses system fonts (DejaVu
 * Sans preferred); on an image without any (slim Docker) the lines still render but all text is missing.
 */
import { Resvg } from '@resvg/resvg-js';
import { View, parse } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** What to plot; every array has one entry per validation target, in `dates` order. */
export interface EvaluationPlotInput {
  /** Chart title, e.g. "Beauty — validation: actual vs predicted". */
  title: string;
  /** Target days as YYYY-MM-DD (read as UTC). */
  dates: string[];
  /** Observed sales units. */
  actual: number[];
  /** Model predictions in sales units. */
  predicted: number[];
  /** Lower bound of the prediction interval; the band is drawn only when `upper` is given too. */
  lower?: number[];
  /** Upper bound of the prediction interval. */
  upper?: number[];
  /** Reference forecasts drawn as dashed lines, e.g. `{ name: 'Seasonal naive', values }`. */
  baselines?: { name: string; values: number[] }[];
  /** Line under the title, e.g. "MAE 512 (seasonal naive 606) · RMSE 690". */
  subtitle?: string;
}

/** Output size of {@link renderEvaluationPlot}. */
export interface EvaluationPlotOptions {
  /** PNG width in pixels. @default 900 */
  width?: number;
  /** PNG height in pixels. @default 360 */
  height?: number;
}

const COLORS = ['#1f2937', '#e4572e', '#7f7f7f', '#2ca02c', '#9467bd', '#8c564b'];
const FONT = 'DejaVu Sans';
const BAND = 'Prediction interval';
const CHART = {
  autosize: { type: 'fit', contains: 'padding' },
  padding: 12,
  background: 'white',
  config: {
    font: `${FONT}, Arial, sans-serif`,
    axis: { labelFontSize: 12, titleFontSize: 12 },
    legend: { orient: 'top', direction: 'horizontal', labelFontSize: 12, labelLimit: 0 },
  },
} as const;

type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];
type Named = [name: string, values: number[]];
type PositionDef = NonNullable<Extract<Layer, { mark: unknown }>['encoding']>['x'];

function findInputProblem({ dates, baselines = [], ...rest }: EvaluationPlotInput): string | undefined {
  if (dates.length === 0) return 'need at least 1 point (dates is empty)';
  const bad = dates.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d)));
  if (bad !== undefined) return `dates must be YYYY-MM-DD (got "${bad}")`;
  if (!rest.lower !== !rest.upper) return 'lower and upper must be given together';
  const series = Object.entries(rest).filter((e): e is Named => Array.isArray(e[1]));
  const named = baselines.map((b): Named => [`baseline "${b.name}"`, b.values]);
  for (const [name, values] of [...series, ...named]) {
    const n = dates.length;
    if (values.length !== n) return `${name} has ${values.length} values, dates has ${n}`;
    const i = values.findIndex((v) => !Number.isFinite(v));
    if (i >= 0) return `${name}[${i}] is not a finite number (got ${values[i]})`;
  }
}

function buildBandLayer({ dates, lower = [], upper = [] }: EvaluationPlotInput, x: PositionDef): Layer {
  return {
    data: { values: dates.map((date, i) => ({ date, lower: lower[i], upper: upper[i] })) },
    mark: { type: 'area', opacity: 0.2 },
    encoding: {
      x,
      y: { field: 'lower', type: 'quantitative' },
      y2: { field: 'upper' },
      fill: { datum: BAND, scale: { range: [COLORS[1]!] }, legend: { symbolType: 'square' } },
    },
  };
}

/**
 * Build the Vega-Lite spec: optional interval band (area), actual and predicted lines, dashed baselines,
 * one legend on top. Pure; the result holds copies of the input values, never the arrays themselves.
 * @param input the series to plot
 * @param options output size (the whole chart, title and legend included, fits it)
 * @returns a layered Vega-Lite top-level spec with inline data
 * @throws Error with a one-line message on empty, unequal-length, non-finite or badly dated input
 */
export function buildEvaluationPlotSpec(
  input: EvaluationPlotInput,
  options: EvaluationPlotOptions = {},
): TopLevelSpec {
  const problem = findInputProblem(input);
  if (problem) throw new Error(`evaluation plot: ${problem}`);
  const { dates, actual, predicted, baselines = [] } = input;
  const lines = [{ name: 'Actual', values: actual }, { name: 'Predicted', values: predicted }, ...baselines];
  const names = lines.map((l) => l.name);
  const series = { field: 'series', type: 'nominal', title: null, sort: names } as const;
  const dashes = names.map((_, i) => (i < 2 ? [1, 0] : [6, 4]));
  const points = lines.flatMap((l) => dates.map((date, i) => ({ date, series: l.name, value: l.values[i] })));
  // One format beats Vega's default mix ("March", "Tue 05"); short windows would get 12-hour ticks.
  const format = dates.every((d) => d.slice(0, 4) === dates[0]?.slice(0, 4)) ? '%b %d' : '%b %d, %Y';
  const axis = { format, labelOverlap: true, ...(dates.length <= 10 ? { tickCount: 'day' as const } : {}) };
  const x: PositionDef = { field: 'date', type: 'temporal', title: null, scale: { type: 'utc' }, axis };
  const lineLayer: Layer = {
    data: { values: points },
    // Short windows get point markers: a single day would otherwise draw nothing at all.
    mark: { type: 'line', strokeWidth: 2, point: dates.length <= 14 },
    encoding: {
      x,
      y: { field: 'value', type: 'quantitative', title: 'Sales units' },
      color: { ...series, scale: { domain: names, range: names.map((_, i) => COLORS[i % COLORS.length]!) } },
      strokeDash: { ...series, scale: { domain: names, range: dashes } },
    },
  };
  return {
    ...CHART,
    title: { text: input.title, subtitle: input.subtitle, anchor: 'start' },
    width: options.width ?? 900,
    height: options.height ?? 360,
    layer: input.lower ? [buildBandLayer(input, x), lineLayer] : [lineLayer],
  };
}

/**
 * Render the evaluation plot to PNG. Each call builds and finalizes its own Vega view and resvg
 * instance, so nothing is shared between calls.
 * @param input the series to plot
 * @param options output size
 * @returns PNG bytes of exactly `width` × `height` pixels, white background
 * @throws Error on invalid input (see {@link buildEvaluationPlotSpec}) or if Vega/resvg fail
 */
export async function renderEvaluationPlot(
  input: EvaluationPlotInput,
  options: EvaluationPlotOptions = {},
): Promise<Uint8Array> {
  const width = options.width ?? 900;
  const vegaSpec = compile(buildEvaluationPlotSpec(input, { ...options, width })).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none' });
  const svg = await view.toSVG().finally(() => view.finalize());
  // System fonts only (see the file docblock); 'sans-serif' would map to Arial, which Linux hosts lack.
  const font = { loadSystemFonts: true, defaultFontFamily: FONT, sansSerifFamily: FONT };
  const resvg = new Resvg(svg, { background: 'white', fitTo: { mode: 'width', value: width }, font });
  return resvg.render().asPng();
}

/**
 * Prediction intervals from validation residuals (split conformal): the half-width is the
 * ⌈(n+1)·c⌉-th smallest absolute one-step residual, so about a fraction c of future one-step errors fall
 * inside. For h steps ahead the half-width grows by √h (errors of a recursive forecast compound roughly
 * like a random walk — a heuristic, stated as such in the API docs). Coverage is measured honestly by
 * calibrating on one half of the validation residuals and counting hits on the other half, both ways.
 */

/** What a model version stores to draw intervals. */
export interface PredictionInterval {
  /** Nominal coverage, e.g. 0.9. */
  coverage: number;
  /** One-step half-width in sales units. */
  halfWidth: number;
  /** Fraction of held-out validation errors inside the interval (2-fold), or null with < 4 residuals. */
  validationCoverage: number | null;
  /**
   * `split-conformal-abs-residual`: one-step width from validation residuals, widened by √h.
   * `backtest-step-conformal`: a width per horizon step calibrated on backtest residuals
   * (`ml/backtest/step-intervals.ts`); `validationCoverage` is then the backtest's leave-one-fold-out one.
   */
  method: 'split-conformal-abs-residual' | 'backtest-step-conformal';
  /** Half-width per horizon step (index = step − 1), when calibrated on backtests. */
  stepHalfWidths?: number[];
  /**
   * Lowest value a forecast can take: 0 when the training days had no negative total (no net returns), so
   * neither forecasts nor lower bounds go below zero sales; null (or absent, in older versions) = no floor.
   */
  floor?: number | null;
}

/** The conformal quantile of absolute residuals. @throws RangeError on no residuals. */
export function conformalHalfWidth(residuals: readonly number[], coverage: number): number {
  if (residuals.length === 0) throw new RangeError('need at least one residual');
  const sorted = residuals.map(Math.abs).sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.ceil((sorted.length + 1) * coverage));
  return sorted[rank - 1]!;
}

/**
 * Fits an interval on validation residuals (actual − predicted, sales units).
 * @param coverage nominal coverage in (0, 1).
 */
export function fitPredictionInterval(
  residuals: readonly number[],
  coverage: number,
  options: { floor?: number | null } = {},
): PredictionInterval {
  return {
    coverage,
    halfWidth: conformalHalfWidth(residuals, coverage),
    validationCoverage: residuals.length >= 4 ? twoFoldCoverage(residuals, coverage) : null,
    method: 'split-conformal-abs-residual',
    floor: options.floor ?? null,
  };
}

function twoFoldCoverage(residuals: readonly number[], coverage: number): number {
  const even = residuals.filter((_, i) => i % 2 === 0);
  const odd = residuals.filter((_, i) => i % 2 === 1);
  const hits = (calibrate: number[], test: number[]) => {
    const width = conformalHalfWidth(calibrate, coverage);
    return test.filter((r) => Math.abs(r) <= width).length;
  };
  return (hits(even, odd) + hits(odd, even)) / residuals.length;
}

/**
 * Lower and upper bounds of an h-step forecast path. Past the calibrated steps, the last step's width
 * grows by √(h / H) (the same random-walk heuristic as the one-step width's √h).
 */
export function intervalBounds(
  values: readonly number[],
  interval: Pick<PredictionInterval, 'halfWidth' | 'stepHalfWidths'>,
): { lower: number[]; upper: number[] } {
  const steps = interval.stepHalfWidths;
  const width = (step: number) =>
    steps?.length
      ? (steps[step] ?? steps.at(-1)! * Math.sqrt((step + 1) / steps.length))
      : interval.halfWidth * Math.sqrt(step + 1);
  return {
    lower: values.map((v, i) => v - width(i)),
    upper: values.map((v, i) => v + width(i)),
  };
}

/** A forecast path with its bounds, all held at the interval's floor when it has one. */
export function boundedForecast(
  values: readonly number[],
  interval: Pick<PredictionInterval, 'halfWidth' | 'floor' | 'stepHalfWidths'>,
): { values: number[]; lower: number[]; upper: number[] } {
  const floor = interval.floor ?? -Infinity;
  const clamp = (v: number) => Math.max(floor, v);
  const { lower, upper } = intervalBounds(values, interval);
  return { values: values.map(clamp), lower: lower.map(clamp), upper: upper.map(clamp) };
}

/**
 * `predict`: forecasts with the category's active model version. Checks what class-validator cannot
 * (the category exists, the series has exactly the model's window length) and returns the values, the
 * interval, and the dates when the series is the latest window of the sales database.
 */
import { badUserInput, notFound } from '../../graphql/errors.js';
import { datesAfter } from '../../ml/forecast-with-bundle.js';
import { boundedForecast } from '../../ml/prediction-interval.js';
import type { ModelVersionsService, ModelVersionSummary } from '../model-versions/model-versions.service.js';
import type { DailySeries } from '../../ml/data/daily-series.js';
import type { SalesStore } from '../sales/sales-store.js';
import { unknownCategory } from '../series/series.service.js';
import type { Forecast } from './forecast.type.js';

export interface PredictRequest {
  category: string;
  series: number[];
  horizon: number;
}

/**
 * How long this process trusts its cached active version of a category. A new version trained here
 * invalidates it at once; one activated by another replica is picked up within this delay.
 */
const ACTIVE_VERSION_TTL_MS = 1000;

export class ForecastsService {
  // The latest window of each category, read once per TTL (predict's dates), like the active version.
  private readonly tailCache = new Map<
    string,
    { at: number; length: number; tail: Promise<DailySeries | null> }
  >();
  private readonly activeCache = new Map<
    string,
    { at: number; version: Promise<ModelVersionSummary | null> }
  >();

  constructor(
    private readonly versions: ModelVersionsService,
    private readonly sales: SalesStore,
  ) {}

  /** Forgets the cached active version of a category (a new one was just activated). */
  invalidate(category: string): void {
    this.activeCache.delete(category);
  }

  // One database read per category per TTL instead of one per request (it cost ~0.9 ms of a ~3 ms predict).
  private active(category: string): Promise<ModelVersionSummary | null> {
    const cached = this.activeCache.get(category);
    if (cached && Date.now() - cached.at < ACTIVE_VERSION_TTL_MS) return cached.version;
    const version = this.versions.active(category);
    version.catch(() => this.activeCache.delete(category));
    this.activeCache.set(category, { at: Date.now(), version });
    return version;
  }

  /** @throws BAD_USER_INPUT (unknown category, wrong length), NOT_FOUND (no model yet). */
  async predict(request: PredictRequest): Promise<Forecast> {
    const { category, series, horizon } = request;
    if (!this.sales.isAllowed(category)) throw unknownCategory(category);
    const active = await this.active(category);
    if (!active) {
      if (!(await this.sales.category(category))) throw unknownCategory(category);
      throw notFound(`no trained model for "${category}" yet: run the train mutation first`, { category });
    }
    if (series.length !== active.windowSize) {
      throw badUserInput(
        `series must hold exactly ${active.windowSize} values, the model's window (got ${series.length})`,
        { field: 'series', expected: active.windowSize },
      );
    }
    const model = await this.versions.load(active.id);
    const { meta } = model;
    const values = await model.forecast(series, horizon);
    const lastDate = await this.latestDate(category, series);
    return {
      category,
      modelVersionId: meta.id,
      ...boundedForecast(values, meta.interval),
      dates: lastDate ? datesAfter(lastDate, horizon) : null,
      intervalCoverage: meta.interval.coverage,
    };
  }

  /** Forgets a category's cached latest days (new sales were written). */
  invalidateSales(category: string): void {
    this.tailCache.delete(category);
  }

  /** The last day of the category's data when `series` is its latest window (then forecasts get dates). */
  private async latestDate(category: string, series: readonly number[]): Promise<string | undefined> {
    const cached = this.tailCache.get(category);
    let tail = cached?.tail;
    if (!cached || Date.now() - cached.at >= ACTIVE_VERSION_TTL_MS || cached.length !== series.length) {
      tail = this.sales.latestWindow(category, series.length);
      tail.catch(() => this.tailCache.delete(category));
      this.tailCache.set(category, { at: Date.now(), length: series.length, tail });
    }
    const history = await tail!;
    return history && endsWith(history.values, series) ? history.dates.at(-1) : undefined;
  }
}

function endsWith(values: readonly number[], tail: readonly number[]): boolean {
  const offset = values.length - tail.length;
  return offset >= 0 && tail.every((v, i) => Math.abs(values[offset + i]! - v) < 1e-6);
}

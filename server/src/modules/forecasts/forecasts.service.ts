/**
 * `predict`: forecasts with the category's active model version. Checks what class-validator cannot
 * (the category exists, the series has exactly the model's window length) and returns the values, the
 * interval, and the dates when the series is the data's latest window.
 */
import { badUserInput, notFound } from '../../graphql/errors.js';
import { forecastWithModel } from '../../ml/forecast-with-bundle.js';
import type { ModelVersionsService } from '../model-versions/model-versions.service.js';
import type { SalesData } from '../series/sales-data.js';
import type { Forecast } from './forecast.type.js';

export interface PredictRequest {
  category: string;
  series: number[];
  horizon: number;
}

export class ForecastsService {
  constructor(
    private readonly versions: ModelVersionsService,
    private readonly data: SalesData,
  ) {}

  /** @throws BAD_USER_INPUT (unknown category, wrong length), NOT_FOUND (no model yet). */
  async predict(request: PredictRequest): Promise<Forecast> {
    const { category, series, horizon } = request;
    if (!this.data.isConfigured(category)) {
      throw badUserInput(`unknown category "${category}" (configured: ${this.data.categories.join(', ')})`, {
        field: 'category',
      });
    }
    const active = await this.versions.active(category);
    if (!active)
      throw notFound(`no trained model for "${category}" yet: run the train mutation first`, { category });
    if (series.length !== active.windowSize) {
      throw badUserInput(
        `series must hold exactly ${active.windowSize} values, the model's window (got ${series.length})`,
        {
          field: 'series',
          expected: active.windowSize,
        },
      );
    }
    const { model, meta } = await this.versions.load(active.id);
    const history = this.data.dailySeries(category);
    const lastDate = history && endsWith(history.values, series) ? history.dates.at(-1) : undefined;
    const forecast = forecastWithModel(model, { meta }, series, { horizon, lastDate });
    return { category, ...forecast, intervalCoverage: meta.interval.coverage };
  }
}

function endsWith(values: readonly number[], tail: readonly number[]): boolean {
  const offset = values.length - tail.length;
  return offset >= 0 && tail.every((v, i) => Math.abs(values[offset + i]! - v) < 1e-6);
}

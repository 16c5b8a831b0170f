/**
 * Maps a stored model version (without its bytes) to the GraphQL `ModelVersion`.
 */
import type { PredictionInterval } from '../../ml/prediction-interval.js';
import type { RunMetrics } from '../runs/run-metrics.type.js';
import type { Backtest } from './backtest.type.js';
import type { ModelFamily } from './model-family.type.js';
import type { ModelVersion } from './model-version.type.js';
import type { ModelVersionSummary } from './model-versions.service.js';

/** @param plotBaseUrl where `/plots/<id>.png` is served (the API's origin + path prefix). */
export function toModelVersion(row: ModelVersionSummary, plotBaseUrl = ''): ModelVersion {
  const interval = (row.metrics as { interval?: Partial<PredictionInterval> } | null)?.interval;
  return {
    id: row.id,
    category: row.category,
    runId: row.runId ?? '',
    createdAt: row.createdAt,
    active: row.active,
    windowSize: row.windowSize,
    tfBackend: row.tfBackend,
    metrics: (row.metrics as RunMetrics | null) ?? null,
    intervalCoverage: interval?.coverage ?? null,
    intervalValidationCoverage: interval?.validationCoverage ?? null,
    source: row.source,
    family: row.family as ModelFamily,
    backtest: (row.backtest as Backtest | null) ?? null,
    champion: row.champion,
    fitSeconds: row.fitSeconds,
    fallback: row.fallback,
    plotUrl: `${plotBaseUrl}/plots/${row.id}.png`,
  };
}

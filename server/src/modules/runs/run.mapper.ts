/**
 * Maps database rows (Prisma `Run`) to the GraphQL `TrainingRun` shape. Epochs and the model version are
 * resolved lazily by field resolvers, so list queries only load them when asked for.
 */
import type { Run as RunRow } from '../../generated/prisma/client.js';
import { mlflowRunUiUrl } from '../../tracking/mlflow-client.js';
import type { ModelFamily } from '../model-versions/model-family.type.js';
import type { RunMetrics } from './run-metrics.type.js';
import { RunStatus, type TrainingRun } from './run.type.js';

/** Where MLflow shows a run, or null when it has not been created there yet. */
export function mlflowRunUrl(
  trackingUri: string | undefined,
  row: Pick<RunRow, 'mlflowExperimentId' | 'mlflowRunId'>,
): string | null {
  if (!trackingUri || !row.mlflowExperimentId || !row.mlflowRunId) return null;
  return mlflowRunUiUrl(trackingUri, row.mlflowExperimentId, row.mlflowRunId);
}

/** A run row as GraphQL sees it; `epochs` and `modelVersion` are filled by field resolvers. */
export type TrainingRunParent = Omit<TrainingRun, 'epochs' | 'modelVersion' | 'candidates'>;

export function toTrainingRun(row: RunRow, trackingUri?: string): TrainingRunParent {
  return {
    id: row.id,
    category: row.category,
    status: row.status as RunStatus,
    experimentName: row.experimentName,
    hyperparameters: row.hyperparameters as Record<string, unknown>,
    tfBackend: row.tfBackend,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    error: row.error,
    totalEpochs: row.totalEpochs,
    model: row.model as ModelFamily,
    secondsPerEpoch: row.secondsPerEpoch,
    metrics: (row.metrics as RunMetrics | null) ?? null,
    mlflowRunId: row.mlflowRunId,
    mlflowUrl: mlflowRunUrl(trackingUri, row),
    mlflowSync: row.mlflowSync,
    mlflowError: row.mlflowError,
  };
}

export const TERMINAL_STATUSES: readonly RunStatus[] = [
  RunStatus.SUCCEEDED,
  RunStatus.FAILED,
  RunStatus.CANCELLED,
];
export const ACTIVE_STATUSES: readonly RunStatus[] = [RunStatus.QUEUED, RunStatus.RUNNING];

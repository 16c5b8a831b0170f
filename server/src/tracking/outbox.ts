/**
 * Enqueues MLflow writes into the `MlflowOutbox` table: pure DB functions, called by `run-lifecycle.ts`
 * inside the transaction of the run-state change they mirror, so a committed change always has its rows
 * and a rolled-back one has none. Keys are deterministic (`{runId}:create_run`, `{runId}:epoch:{n}`,
 * `{runId}:finish_run`): enqueueing twice is a no-op. `mlflow-sync.ts` sends the rows, in id order per run.
 */
import path from 'node:path';
import type { Prisma, Run as RunRow } from '../generated/prisma/client.js';
import { toWireDouble, type KeyValue, type Metric, type TerminalRunStatus } from './mlflow-entities.js';
import type { WireDouble } from './mlflow.spec.js';
import * as logger from './run-logger.js';

/** What an outbox row asks MLflow to do. */
export type OutboxKind = 'create_run' | 'log_epoch' | 'finish_run' | 'candidate_run';

/** Tag holding a candidate's model version id on its child MLflow run (finds it again on replay). */
export const CANDIDATE_ID_TAG = 'forecast_candidate_id';

/** Tag holding our run id on the MLflow run: how a replayed create_run finds the run it already made. */
export const RUN_ID_TAG = 'forecast_run_id';

/** A metric as stored in a payload: JSON has no NaN/Infinity, so they are kept in MLflow's spelling. */
export type StoredMetric = Omit<Metric, 'value'> & { value: WireDouble };

export interface CreateRunPayload {
  experimentName: string;
  runName: string;
  /** Unix epoch ms. */
  startTime: number;
  tags: KeyValue[];
  params: KeyValue[];
}
export interface LogEpochPayload {
  metrics: StoredMetric[];
}
export interface FinishRunPayload {
  status: TerminalRunStatus;
  endTime: number;
  metrics: StoredMetric[];
  /** Whose `artifact` bytes to upload (read at send time: bundles are too big to copy into the outbox). */
  modelVersionId: string | null;
}

/** One candidate of a run, logged as a child MLflow run of the run's own. */
export interface CandidateRunInput {
  modelVersionId: string;
  family: string;
  champion: boolean;
  fitSeconds: number;
  /** Backtest summary and per-fold scores, or null when the history was too short. */
  backtest: {
    origins: number;
    horizon: number;
    mae: number;
    rmse: number;
    mase: number | null;
    smape: number;
    coverage: number | null;
    folds: { mae: number; mase: number | null }[];
  } | null;
  /** One-step validation metrics, as the parent run logs its own. */
  validation: Omit<logger.FinalMetricsInput, 'timestamp'>;
}

export interface CandidateRunPayload {
  runName: string;
  startTime: number;
  endTime: number;
  tags: KeyValue[];
  params: KeyValue[];
  metrics: StoredMetric[];
}

/** How a run ended, in this platform's terms, and what it produced. */
export interface RunFinish {
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  metrics?: Omit<logger.FinalMetricsInput, 'timestamp'>;
  modelVersionId?: string;
}

type Tx = Prisma.TransactionClient;
interface NewRow {
  kind: OutboxKind;
  key: string;
  payload: CreateRunPayload | LogEpochPayload | FinishRunPayload | CandidateRunPayload;
}

const MLFLOW_STATUS = { SUCCEEDED: 'FINISHED', FAILED: 'FAILED', CANCELLED: 'KILLED' } as const;

/** Queues `create_run` for a started run; a no-op when MLflow is off for it or the row exists. */
export async function enqueueRunStarted(tx: Tx, runId: string): Promise<void> {
  await enqueue(tx, runId, () => []);
}

/** Queues `train_loss`/`val_loss` of epoch `epoch` at step = epoch (and `create_run` if missing). */
export async function enqueueEpoch(
  tx: Tx,
  runId: string,
  epoch: { epoch: number; trainLoss: number; valLoss: number },
): Promise<void> {
  const metrics = logger.buildEpochMetrics({ ...epoch, timestamp: Date.now() }).map(toStoredMetric);
  await enqueue(tx, runId, () => [
    { kind: 'log_epoch', key: `${runId}:epoch:${epoch.epoch}`, payload: { metrics } },
  ]);
}

/** Queues the end of a run: final metrics, artifacts, terminal status (and `create_run` if missing). */
export async function enqueueRunFinished(tx: Tx, runId: string, finish: RunFinish): Promise<void> {
  const endTime = Date.now();
  const metrics = finish.metrics ? logger.buildFinalMetrics({ ...finish.metrics, timestamp: endTime }) : [];
  const payload: FinishRunPayload = {
    status: MLFLOW_STATUS[finish.status],
    endTime,
    metrics: metrics.map(toStoredMetric),
    modelVersionId: finish.modelVersionId ?? null,
  };
  await enqueue(tx, runId, () => [{ kind: 'finish_run', key: `${runId}:finish_run`, payload }]);
}

/**
 * Queues one child run per candidate (tag `mlflow.parentRunId` is set at send time, once the parent's
 * MLflow id is known: rows of a run are sent in order, after its `create_run`).
 */
export async function enqueueCandidateRuns(
  tx: Tx,
  runId: string,
  category: string,
  candidates: readonly CandidateRunInput[],
): Promise<void> {
  const endTime = Date.now();
  await enqueue(tx, runId, () =>
    candidates.map((c) => ({
      kind: 'candidate_run' as const,
      key: `${runId}:candidate:${c.modelVersionId}`,
      payload: buildCandidateRun(category, c, endTime),
    })),
  );
}

function buildCandidateRun(category: string, c: CandidateRunInput, endTime: number): CandidateRunPayload {
  const metric = (key: string, value: number, step = 0): StoredMetric =>
    toStoredMetric({ key, value, timestamp: endTime, step });
  const b = c.backtest;
  const summary = b
    ? [
        metric('backtest_mae', b.mae),
        metric('backtest_rmse', b.rmse),
        metric('backtest_smape', b.smape),
        ...(b.mase === null ? [] : [metric('backtest_mase', b.mase)]),
        ...(b.coverage === null ? [] : [metric('backtest_coverage', b.coverage)]),
        ...b.folds.flatMap((f, i) => [
          metric('fold_mae', f.mae, i + 1),
          ...(f.mase === null ? [] : [metric('fold_mase', f.mase, i + 1)]),
        ]),
      ]
    : [];
  return {
    runName: `${logger.mlflowModelName(c.family)}-${category}`,
    startTime: Math.round(endTime - c.fitSeconds * 1000),
    endTime,
    tags: [
      { key: 'item_id', value: category },
      { key: 'model', value: logger.mlflowModelName(c.family) },
      { key: 'champion', value: String(c.champion) },
      { key: CANDIDATE_ID_TAG, value: c.modelVersionId },
    ],
    params: [
      { key: 'family', value: c.family },
      ...(b
        ? [
            { key: 'backtest_origins', value: String(b.origins) },
            { key: 'backtest_horizon', value: String(b.horizon) },
          ]
        : []),
    ],
    metrics: [
      ...summary,
      metric('fit_seconds', c.fitSeconds),
      ...logger.buildFinalMetrics({ ...c.validation, timestamp: endTime }).map(toStoredMetric),
    ],
  };
}

/** @returns the metric as `MlflowClient` takes it. */
export function fromStoredMetric(metric: StoredMetric): Metric {
  return { ...metric, value: Number(metric.value) };
}

function toStoredMetric(metric: Metric): StoredMetric {
  return { ...metric, value: toWireDouble(metric.value) };
}

/**
 * Writes `create_run` (always offered first: `skipDuplicates` drops it once it exists, and a run that
 * failed before it started still gets an MLflow run to carry its FAILED status) followed by `rows`.
 */
async function enqueue(tx: Tx, runId: string, rows: () => NewRow[]): Promise<void> {
  const run = await tx.run.findUnique({ where: { id: runId } });
  if (!run || run.mlflowSync === 'DISABLED') return;
  let all: NewRow[];
  try {
    all = [{ kind: 'create_run', key: `${runId}:create_run`, payload: buildCreateRun(run) }, ...rows()];
  } catch (error) {
    // A payload MLflow would reject on every retry (e.g. a param over 6000 characters): record why and
    // leave the run's own change to commit, since training must never fail because of MLflow.
    const message = `could not build the MLflow payload: ${(error as Error).message}`;
    await tx.run.update({ where: { id: runId }, data: { mlflowSync: 'FAILED', mlflowError: message } });
    return;
  }
  // Rows added after the run's sync FAILED would wait forever behind the failed row: file them as skipped.
  const failed = run.mlflowSync === 'FAILED';
  await tx.mlflowOutbox.createMany({
    data: all.map((row) => ({
      runId,
      kind: row.kind,
      idempotencyKey: row.key,
      payload: row.payload as unknown as Prisma.InputJsonValue,
      nextAttemptAt: new Date(),
      ...(failed ? { status: 'FAILED' as const, lastError: SKIPPED } : {}),
    })),
    skipDuplicates: true,
  });
}

/** `lastError` of rows not sent because an earlier row of their run failed for good. */
export const SKIPPED = 'skipped: an earlier MLflow call of this run failed (see the run mlflowError)';

function buildCreateRun(run: RunRow): CreateRunPayload {
  const hp = run.hyperparameters as Record<string, number | string | boolean>;
  return {
    experimentName: run.experimentName,
    runName: logger.buildRunName(run.category, run.model),
    startTime: (run.startedAt ?? run.createdAt).getTime(),
    tags: [
      ...logger.buildRunTags({
        category: run.category,
        datasetName: path.basename(run.dataset),
        windowSize: Number(hp.windowSize),
        learningRate: Number(hp.learningRate),
        tfBackend: run.tfBackend ?? 'unknown',
        model: logger.mlflowModelName(run.model),
      }),
      { key: RUN_ID_TAG, value: run.id },
    ],
    params: logger.buildParams(hp),
  };
}

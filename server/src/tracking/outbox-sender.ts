/**
 * Sends one claimed outbox row to MLflow with `MlflowClient`. Every send is safe to repeat, because a
 * process may die after MLflow acknowledged a row and before the row was marked DONE: `create_run`
 * reuses the MLflow run tagged with our run id, log-batch re-sends equal params and identical metric
 * points (MLflow's SQL store keeps one), artifacts are PUTs. Called by `mlflow-sync.ts`.
 */
import type { PrismaClient } from '../generated/prisma/client.js';
import type { MlflowClient } from './mlflow-client.js';
import type { ClaimedRow, CreatedRun } from './outbox-store.js';
import {
  CANDIDATE_ID_TAG,
  fromStoredMetric,
  RUN_ID_TAG,
  type CandidateRunPayload,
  type CreateRunPayload,
  type FinishRunPayload,
  type LogEpochPayload,
} from './outbox.js';

/** Where a run's model files go inside its MLflow artifacts: one folder, loadable as it is. */
export const MODEL_ARTIFACT_DIR = 'model';

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json',
  png: 'image/png',
};

/** What sending needs. */
export interface SendContext {
  client: MlflowClient;
  prisma: PrismaClient;
  /**
   * The files of a model version (file name → bytes), or null when it does not exist. Injected because
   * the bundle format belongs to `ml/`, which tracking does not import.
   */
  readModelFiles: (modelVersionId: string) => Promise<Map<string, Uint8Array> | null>;
}

/**
 * @returns the MLflow ids when the row was `create_run`, otherwise nothing.
 * @throws MlflowHttpError from MLflow (its `retryable` says whether to try again); Error when the
 *   database does not have what the row refers to.
 */
export async function sendRow(ctx: SendContext, row: ClaimedRow): Promise<CreatedRun | undefined> {
  const { client, prisma } = ctx;
  switch (row.kind) {
    case 'create_run':
      return sendCreateRun(client, row.runId, row.payload as CreateRunPayload);
    case 'log_epoch': {
      const { metrics } = row.payload as LogEpochPayload;
      await client.logBatch((await mlflowIds(prisma, row.runId)).mlflowRunId, {
        metrics: metrics.map(fromStoredMetric),
      });
      return undefined;
    }
    case 'finish_run':
      await sendFinishRun(ctx, row);
      return undefined;
    case 'candidate_run':
      await sendCandidateRun(client, await mlflowIds(prisma, row.runId), row.payload as CandidateRunPayload);
      return undefined;
    default:
      throw new Error(`unknown MLflow outbox kind '${String(row.kind)}' (row ${row.id})`);
  }
}

async function sendCreateRun(client: MlflowClient, runId: string, p: CreateRunPayload): Promise<CreatedRun> {
  const experimentId = await client.getOrCreateExperiment(p.experimentName);
  // Our run id is a UUID (checked by the database type), so quoting it in the filter is safe.
  const [existing] = await client.searchRuns({
    experimentIds: [experimentId],
    filter: `tags.${RUN_ID_TAG} = '${runId}'`,
    maxResults: 1,
  });
  const mlflowRunId =
    existing?.info.runId ??
    (
      await client.createRun({
        experimentId,
        runName: p.runName,
        startTime: p.startTime,
        tags: p.tags,
      })
    ).runId;
  await client.logBatch(mlflowRunId, { params: p.params });
  return { mlflowExperimentId: experimentId, mlflowRunId };
}

/** Final metrics, then the model files, then the terminal status: FINISHED only once it is complete. */
async function sendFinishRun(
  { client, prisma, readModelFiles }: SendContext,
  row: ClaimedRow,
): Promise<void> {
  const p = row.payload as FinishRunPayload;
  const ids = await mlflowIds(prisma, row.runId);
  if (p.metrics.length > 0)
    await client.logBatch(ids.mlflowRunId, { metrics: p.metrics.map(fromStoredMetric) });
  if (p.modelVersionId) {
    const files = await readModelFiles(p.modelVersionId);
    if (!files) throw new Error(`model version ${p.modelVersionId} of run ${row.runId} not found`);
    for (const [name, bytes] of files) {
      await client.uploadArtifact({
        experimentId: ids.mlflowExperimentId,
        runId: ids.mlflowRunId,
        path: `${MODEL_ARTIFACT_DIR}/${name}`,
        bytes,
        contentType: CONTENT_TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream',
      });
    }
  }
  await client.updateRun(ids.mlflowRunId, { status: p.status, endTime: p.endTime });
}

/** A child run under the parent, complete in one send: reused when a replay finds it by its tag. */
async function sendCandidateRun(
  client: MlflowClient,
  parent: CreatedRun,
  p: CandidateRunPayload,
): Promise<void> {
  const candidateId = p.tags.find((t) => t.key === CANDIDATE_ID_TAG)!.value;
  const [existing] = await client.searchRuns({
    experimentIds: [parent.mlflowExperimentId],
    filter: `tags.${CANDIDATE_ID_TAG} = '${candidateId}'`,
    maxResults: 1,
  });
  const runId =
    existing?.info.runId ??
    (
      await client.createRun({
        experimentId: parent.mlflowExperimentId,
        runName: p.runName,
        startTime: p.startTime,
        tags: [...p.tags, { key: 'mlflow.parentRunId', value: parent.mlflowRunId }],
      })
    ).runId;
  await client.logBatch(runId, { params: p.params, metrics: p.metrics.map(fromStoredMetric) });
  await client.updateRun(runId, { status: 'FINISHED', endTime: p.endTime });
}

/** Later rows act on the MLflow run that `create_run` recorded (it is DONE: rows go in order). */
async function mlflowIds(prisma: PrismaClient, runId: string): Promise<CreatedRun> {
  const run = await prisma.run.findUnique({
    where: { id: runId },
    select: { mlflowRunId: true, mlflowExperimentId: true },
  });
  if (!run?.mlflowRunId || !run.mlflowExperimentId) {
    throw new Error(`run ${runId} has no MLflow run yet, although its create_run row is done`);
  }
  return { mlflowRunId: run.mlflowRunId, mlflowExperimentId: run.mlflowExperimentId };
}

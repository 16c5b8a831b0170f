/**
 * Typed, camelCase client for the MLflow tracking REST API: experiments, runs, metrics, params, tags,
 * and artifacts through `mlflow server --serve-artifacts`. Wire shapes come from `mlflow.spec.ts`.
 * Used by the sync outbox and `serverInfo`; every failure is an `MlflowHttpError` (see `http.ts`).
 */
import { MlflowHttpError, requestBytes, requestJson } from './http.js';
import {
  fromWireExperiment,
  fromWireRun,
  fromWireRunInfo,
  toWireMetric,
  type Experiment,
  type KeyValue,
  type Metric,
  type Run,
  type RunInfo,
  type TerminalRunStatus,
} from './mlflow-entities.js';
import {
  CreateExperiment,
  CreateRun,
  GetExperimentByName,
  GetRun,
  LogBatch,
  SearchRuns,
  SetTag,
  UpdateRun,
  UploadArtifact,
} from './mlflow.spec.js';

/** Options of `MlflowClient`. */
export interface MlflowClientOptions {
  /** Base URL of the tracking server, e.g. `http://localhost:5000`. */
  trackingUri: string;
  /** Per-request timeout in milliseconds. @default 10000 */
  timeoutMs?: number;
}

/** What `logBatch` logs; each list may be longer than MLflow's per-request limits. */
export interface LogBatchInput {
  metrics?: Metric[];
  params?: KeyValue[];
  tags?: KeyValue[];
}

/** The MLflow UI's page of a run (also used where no client exists, e.g. the API's `mlflowUrl`). */
export function mlflowRunUiUrl(trackingUri: string, experimentId: string, runId: string): string {
  const base = trackingUri.replace(/\/+$/, '');
  return `${base}/#/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}`;
}

/** Typed MLflow tracking client. Every method throws `MlflowHttpError` unless documented otherwise. */
export class MlflowClient {
  readonly trackingUri: string;
  private readonly timeoutMs: number;

  constructor(options: MlflowClientOptions) {
    this.trackingUri = options.trackingUri.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** @returns the experiment (possibly a deleted one), or `null` when no experiment has that name. */
  async getExperimentByName(name: string): Promise<Experiment | null> {
    const url = GetExperimentByName.getEndpoint(this.trackingUri, name);
    try {
      return fromWireExperiment((await this.get<GetExperimentByName.Response>(url)).experiment);
    } catch (error) {
      if (error instanceof MlflowHttpError && error.errorCode === 'RESOURCE_DOES_NOT_EXIST') return null;
      throw error;
    }
  }

  /**
   * Finds the active experiment of that name or creates it. Race-safe: when another process creates it
   * between our look-up and our create (`RESOURCE_ALREADY_EXISTS`), the winner's id is returned.
   * @returns the experiment id.
   * @throws MlflowHttpError (`unexpected-response`, not retryable) when the name belongs to a deleted
   *   experiment: MLflow keeps the name taken until the experiment is restored or purged.
   */
  async getOrCreateExperiment(name: string): Promise<string> {
    const existing = await this.getExperimentByName(name);
    if (existing) return activeExperimentId(existing);
    try {
      const body: CreateExperiment.Request = { name };
      return (
        await this.post<CreateExperiment.Response>(CreateExperiment.getEndpoint(this.trackingUri), body)
      ).experiment_id;
    } catch (error) {
      if (!(error instanceof MlflowHttpError) || error.errorCode !== 'RESOURCE_ALREADY_EXISTS') throw error;
      const winner = await this.getExperimentByName(name);
      if (!winner) throw error;
      return activeExperimentId(winner);
    }
  }

  /** Creates a RUNNING run. MLflow itself adds the `mlflow.runName` tag from `runName`. */
  async createRun(input: {
    experimentId: string;
    runName: string;
    /** Unix epoch milliseconds. */
    startTime: number;
    tags?: KeyValue[];
  }): Promise<RunInfo> {
    const body: CreateRun.Request = {
      experiment_id: input.experimentId,
      run_name: input.runName,
      start_time: Math.trunc(input.startTime),
      tags: input.tags ?? [],
    };
    const res = await this.post<CreateRun.Response>(CreateRun.getEndpoint(this.trackingUri), body);
    return fromWireRunInfo(res.run.info);
  }

  /**
   * Logs metrics, params and tags in as many sequential requests as MLflow's per-request limits need
   * (≤ 1000 metrics, ≤ 100 params, ≤ 100 tags, ≤ 1000 in all), keeping the order within each kind.
   * Replaying the same input is harmless (equal params and tags are accepted again; MLflow's SQL store
   * skips an identical metric point), so a caller may retry the whole call after a failure part-way.
   */
  async logBatch(runId: string, input: LogBatchInput): Promise<void> {
    for (const chunk of chunkBatch(input)) {
      const body: LogBatch.Request = { run_id: runId, ...chunk, metrics: chunk.metrics.map(toWireMetric) };
      await this.post<LogBatch.Response>(LogBatch.getEndpoint(this.trackingUri), body);
    }
  }

  /** Sets (or overwrites) one run tag. */
  async setTag(runId: string, key: string, value: string): Promise<void> {
    const body: SetTag.Request = { run_id: runId, key, value };
    await this.post<SetTag.Response>(SetTag.getEndpoint(this.trackingUri), body);
  }

  /**
   * Ends a run with a status and an end time (Unix epoch ms).
   * @throws MlflowHttpError (`unexpected-response`, not retryable) when MLflow answers 200 but the run's
   *   status is not the requested one: MLflow silently ignores status strings it does not know.
   */
  async updateRun(runId: string, update: { status: TerminalRunStatus; endTime: number }): Promise<RunInfo> {
    const url = UpdateRun.getEndpoint(this.trackingUri);
    const body: UpdateRun.Request = {
      run_id: runId,
      status: update.status,
      end_time: Math.trunc(update.endTime),
    };
    const info = fromWireRunInfo((await this.post<UpdateRun.Response>(url, body)).run_info);
    if (info.status === update.status) return info;
    const message = `MLflow kept run ${runId} ${info.status} instead of setting it ${update.status}`;
    throw new MlflowHttpError({ kind: 'unexpected-response', status: 200, message, request: `POST ${url}` });
  }

  /** @throws MlflowHttpError 404 `RESOURCE_DOES_NOT_EXIST` for an unknown run id. */
  async getRun(runId: string): Promise<Run> {
    return fromWireRun((await this.get<GetRun.Response>(GetRun.getEndpoint(this.trackingUri, runId))).run);
  }

  /**
   * @param input.filter - MLflow search syntax, e.g. `tags.item_id = 'Beauty'`.
   * @param input.maxResults - page size (server default 1000); only the first page is returned.
   * @returns matching runs, newest first; `[]` when none match.
   */
  async searchRuns(input: { experimentIds: string[]; filter?: string; maxResults?: number }): Promise<Run[]> {
    const body: SearchRuns.Request = {
      experiment_ids: input.experimentIds,
      filter: input.filter,
      max_results: input.maxResults,
    };
    const res = await this.post<SearchRuns.Response>(SearchRuns.getEndpoint(this.trackingUri), body);
    return (res.runs ?? []).map(fromWireRun);
  }

  /**
   * Uploads one file to `mlflow-artifacts:/{experimentId}/{runId}/artifacts/{path}`: the run's artifact
   * root on a server started with `--serve-artifacts` and its default artifact root.
   * @param input.path - relative path inside the run's artifacts, e.g. `model/model.json`.
   * @throws RangeError for an absolute path or one with empty, `.` or `..` segments.
   */
  async uploadArtifact(input: {
    experimentId: string;
    runId: string;
    path: string;
    bytes: Uint8Array;
    contentType: string;
  }): Promise<void> {
    if (input.path.split('/').some((s) => s === '' || s === '.' || s === '..')) {
      throw new RangeError(
        `Artifact path must be relative, without '.', '..' or empty segments: '${input.path}'`,
      );
    }
    const url = UploadArtifact.getEndpoint(this.trackingUri, input.experimentId, input.runId, input.path);
    const { bytes: body, contentType } = input;
    await requestBytes<UploadArtifact.Response>(url, {
      method: 'PUT',
      body,
      contentType,
      timeoutMs: this.timeoutMs,
    });
  }

  /** @returns true when MLflow gives any HTTP answer (even an error), false when unreachable or too slow. */
  async ping(): Promise<boolean> {
    try {
      await this.getExperimentByName('Default');
      return true;
    } catch (error) {
      return error instanceof MlflowHttpError && error.status !== null;
    }
  }

  /** @returns the link to a run in the MLflow UI. */
  runUrl(experimentId: string, runId: string): string {
    return mlflowRunUiUrl(this.trackingUri, experimentId, runId);
  }

  private get<T>(url: string): Promise<T> {
    return requestJson<T>(url, { method: 'GET', timeoutMs: this.timeoutMs });
  }

  private post<T>(url: string, body: unknown): Promise<T> {
    return requestJson<T>(url, { method: 'POST', body, timeoutMs: this.timeoutMs });
  }
}

/** Params and tags go first (they are few); metrics fill each request up to the limits. */
function* chunkBatch(input: LogBatchInput): Generator<Required<LogBatchInput>> {
  const { metrics = [], params = [], tags = [] } = input;
  let [m, p, t] = [0, 0, 0];
  while (m < metrics.length || p < params.length || t < tags.length) {
    const chunkParams = params.slice(p, (p += LogBatch.MAX_PARAMS));
    const chunkTags = tags.slice(t, (t += LogBatch.MAX_TAGS));
    const room = Math.min(
      LogBatch.MAX_METRICS,
      LogBatch.MAX_ENTITIES - chunkParams.length - chunkTags.length,
    );
    yield { metrics: metrics.slice(m, (m += room)), params: chunkParams, tags: chunkTags };
  }
}

function activeExperimentId(experiment: Experiment): string {
  if (experiment.lifecycleStage === 'active') return experiment.experimentId;
  throw new MlflowHttpError({
    kind: 'unexpected-response',
    status: 200,
    message: `MLflow experiment '${experiment.name}' (id ${experiment.experimentId}) is deleted; restore it in MLflow or use another name`,
    request: 'GET experiments/get-by-name',
  });
}

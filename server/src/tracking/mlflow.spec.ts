/**
 * MLflow REST API 2.0 wire contract: one namespace per endpoint we call (`getEndpoint`, `Request`,
 * `Response`), transcribed from MLflow's REST API reference (`docs/api_reference/source/rest-api.rst`).
 * The only file that declares MLflow's snake_case shapes; `mlflow-entities.ts` and `mlflow-client.ts` map them.
 * JSON mapping: int64 fields (timestamps in ms, steps) are JSON numbers, empty arrays are omitted.
 */
/* eslint-disable @typescript-eslint/no-namespace -- one namespace per endpoint, as MLflow's own clients/spec.ts */

/** `RunStatus` enum of the REST reference. */
export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

/** A `DOUBLE` in protobuf's JSON mapping: non-finite values travel as these strings. */
export type WireDouble = number | 'NaN' | 'Infinity' | '-Infinity';

/** `Metric`: `timestamp` (INT64, ms) is required by the server; `step` (INT64) defaults to 0. */
export interface Metric {
  key: string;
  value: WireDouble;
  timestamp: number;
  step?: number;
}

/** `Param`: key ≤ 250 chars, value ≤ 6000 chars; immutable once logged. */
export interface Param {
  key: string;
  value: string;
}

/** `RunTag`: key ≤ 250 chars, value ≤ 5000 chars; last write wins. */
export interface RunTag {
  key: string;
  value: string;
}

/** `Experiment`. `get-by-name` also returns deleted experiments (`lifecycle_stage: 'deleted'`). */
export interface Experiment {
  experiment_id: string;
  name: string;
  artifact_location?: string;
  lifecycle_stage?: 'active' | 'deleted';
  creation_time?: number;
  last_update_time?: number;
  tags?: RunTag[];
}

/** `RunInfo`: `end_time` is absent until the run ends. */
export interface RunInfo {
  run_id: string;
  run_uuid?: string;
  run_name?: string;
  experiment_id: string;
  user_id?: string;
  status: RunStatus;
  start_time?: number;
  end_time?: number;
  artifact_uri?: string;
  lifecycle_stage?: 'active' | 'deleted';
}

/** `RunData`: `metrics` holds only the latest value per key. */
export interface RunData {
  metrics?: Metric[];
  params?: Param[];
  tags?: RunTag[];
}

/** `Run`. */
export interface Run {
  info: RunInfo;
  data?: RunData;
}

/** The error body of every failed MLflow call (`MlflowException.serialize_as_json`). */
export interface ErrorResponse {
  error_code: string;
  message: string;
}

const api = (host: string, path: string) => `${host}/api/2.0/mlflow/${path}`;

/** GET: throws `RESOURCE_DOES_NOT_EXIST` (404) when no experiment has that name. */
export namespace GetExperimentByName {
  export const getEndpoint = (host: string, experimentName: string) =>
    `${api(host, 'experiments/get-by-name')}?experiment_name=${encodeURIComponent(experimentName)}`;
  /** Sent as the query string (see `getEndpoint`). */
  export interface Request {
    experiment_name: string;
  }
  export interface Response {
    experiment: Experiment;
  }
}

/** POST: throws `RESOURCE_ALREADY_EXISTS` (400) when the name is taken, even by a deleted one. */
export namespace CreateExperiment {
  export const getEndpoint = (host: string) => api(host, 'experiments/create');
  export interface Request {
    name: string;
    artifact_location?: string;
    tags?: RunTag[];
  }
  export interface Response {
    experiment_id: string;
  }
}

/** POST: the server adds the `mlflow.runName` tag from `run_name` itself. */
export namespace CreateRun {
  export const getEndpoint = (host: string) => api(host, 'runs/create');
  export interface Request {
    experiment_id: string;
    run_name?: string;
    start_time?: number;
    tags?: RunTag[];
  }
  export interface Response {
    run: Run;
  }
}

/** POST: metrics append, params are write-once, tags overwrite. Limits below are per request. */
export namespace LogBatch {
  export const getEndpoint = (host: string) => api(host, 'runs/log-batch');
  export const MAX_METRICS = 1000;
  export const MAX_PARAMS = 100;
  export const MAX_TAGS = 100;
  /** Metrics, params and tags together. */
  export const MAX_ENTITIES = 1000;
  export interface Request {
    run_id: string;
    metrics?: Metric[];
    params?: Param[];
    tags?: RunTag[];
  }
  export type Response = Record<string, never>;
}

/** POST. */
export namespace SetTag {
  export const getEndpoint = (host: string) => api(host, 'runs/set-tag');
  export interface Request {
    run_id: string;
    key: string;
    value: string;
  }
  export type Response = Record<string, never>;
}

/** POST: an unknown `status` string is ignored (200, status unchanged), so callers must check it. */
export namespace UpdateRun {
  export const getEndpoint = (host: string) => api(host, 'runs/update');
  export interface Request {
    run_id: string;
    status?: RunStatus;
    end_time?: number;
    run_name?: string;
  }
  export interface Response {
    run_info: RunInfo;
  }
}

/** GET: 404 `RESOURCE_DOES_NOT_EXIST` for an unknown run id. */
export namespace GetRun {
  export const getEndpoint = (host: string, runId: string) =>
    `${api(host, 'runs/get')}?run_id=${encodeURIComponent(runId)}`;
  /** Sent as the query string (see `getEndpoint`). */
  export interface Request {
    run_id: string;
  }
  export interface Response {
    run: Run;
  }
}

/** POST only (GET is 405). Answers `{}` — no `runs` key — when nothing matches. */
export namespace SearchRuns {
  export const getEndpoint = (host: string) => api(host, 'runs/search');
  export interface Request {
    experiment_ids: string[];
    /** e.g. `tags.item_id = 'Beauty' and params.epochs = '10'`. */
    filter?: string;
    /** Defaults to 1000 on the server; at most 50000. */
    max_results?: number;
    order_by?: string[];
    page_token?: string;
  }
  export interface Response {
    runs?: Run[];
    next_page_token?: string;
  }
}

/**
 * PUT raw bytes through the artifact proxy of `mlflow server --serve-artifacts`. With its default
 * `mlflow-artifacts:/` root a run's artifact URI is `mlflow-artifacts:/{experiment_id}/{run_id}/artifacts`.
 */
export namespace UploadArtifact {
  export const getEndpoint = (host: string, experimentId: string, runId: string, path: string) =>
    `${host}/api/2.0/mlflow-artifacts/artifacts/${[experimentId, runId, 'artifacts', ...path.split('/')]
      .map(encodeURIComponent)
      .join('/')}`;
  export type Response = Record<string, never>;
}

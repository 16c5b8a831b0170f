/**
 * The camelCase shapes `MlflowClient` accepts and returns, and their mapping from and to the wire
 * shapes of `mlflow.spec.ts` (absent optional fields become `null`, omitted empty arrays become `[]`).
 * Used by `mlflow-client.ts` and by callers that type what they enqueue (`run-logger.ts`).
 */
import type * as wire from './mlflow.spec.js';

export type RunStatus = wire.RunStatus;

/** Statuses a finished run can be given. */
export type TerminalRunStatus = 'FINISHED' | 'FAILED' | 'KILLED';

/** A param or a tag. */
export interface KeyValue {
  key: string;
  value: string;
}

/** One metric point. `value` may be NaN or ±Infinity: it is sent in protobuf's JSON spelling. */
export interface Metric {
  key: string;
  value: number;
  /** Unix epoch milliseconds (int64). */
  timestamp: number;
  /** int64; MLflow's default is 0. */
  step: number;
}

export interface Experiment {
  experimentId: string;
  name: string;
  artifactLocation: string | null;
  lifecycleStage: 'active' | 'deleted';
}

export interface RunInfo {
  runId: string;
  experimentId: string;
  runName: string | null;
  status: RunStatus;
  /** Unix epoch milliseconds. */
  startTime: number | null;
  /** Unix epoch milliseconds; `null` while the run has not ended. */
  endTime: number | null;
  artifactUri: string | null;
}

/** A run with the latest value of each metric, its params and its tags. */
export interface Run {
  info: RunInfo;
  metrics: Metric[];
  params: Record<string, string>;
  tags: Record<string, string>;
}

/** @returns the value in protobuf's JSON mapping of a double (JSON has no NaN or Infinity). */
export function toWireDouble(value: number): wire.WireDouble {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  return value === -Infinity ? '-Infinity' : value;
}

/** @returns the metric in wire form, with an integral timestamp and step. */
export function toWireMetric(metric: Metric): wire.Metric {
  return {
    key: metric.key,
    value: toWireDouble(metric.value),
    timestamp: Math.trunc(metric.timestamp),
    step: Math.trunc(metric.step),
  };
}

/** @returns the camelCase experiment. */
export function fromWireExperiment(e: wire.Experiment): Experiment {
  return {
    experimentId: e.experiment_id,
    name: e.name,
    artifactLocation: e.artifact_location ?? null,
    lifecycleStage: e.lifecycle_stage ?? 'active',
  };
}

/** @returns the camelCase run info. */
export function fromWireRunInfo(i: wire.RunInfo): RunInfo {
  return {
    runId: i.run_id,
    experimentId: i.experiment_id,
    runName: i.run_name ?? null,
    status: i.status,
    startTime: i.start_time ?? null,
    endTime: i.end_time ?? null,
    artifactUri: i.artifact_uri ?? null,
  };
}

/** @returns the camelCase run; params and tags as records (keys are unique per run). */
export function fromWireRun(run: wire.Run): Run {
  const toRecord = (pairs: KeyValue[] = []) => Object.fromEntries(pairs.map((kv) => [kv.key, kv.value]));
  return {
    info: fromWireRunInfo(run.info),
    metrics: (run.data?.metrics ?? []).map((m) => ({
      key: m.key,
      value: typeof m.value === 'number' ? m.value : Number(m.value),
      timestamp: m.timestamp,
      step: m.step ?? 0,
    })),
    params: toRecord(run.data?.params),
    tags: toRecord(run.data?.tags),
  };
}

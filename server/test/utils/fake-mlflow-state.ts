/**
 * State of the fake MLflow server and its wire form: experiments (with MLflow's `Default`, id `0`),
 * runs with params, tags and full metric history, and proxied artifacts; serialised as MLflow 2.x's
 * JSON does (empty lists omitted, int64 as numbers, non-finite doubles as strings). Test-only.
 */
export type FakeRunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
export const RUN_STATUSES: readonly string[] = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

export interface FakeExperiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: 'active' | 'deleted';
  creationTime: number;
  tags: Map<string, string>;
}

export interface FakeMetric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

export interface FakeRun {
  runId: string;
  experimentId: string;
  runName: string;
  status: FakeRunStatus;
  startTime: number;
  endTime: number | null;
  artifactUri: string;
  lifecycleStage: 'active' | 'deleted';
  params: Map<string, string>;
  tags: Map<string, string>;
  /** Every logged point in logging order (get-run shows only the latest per key). */
  metrics: FakeMetric[];
}

export interface FakeArtifact {
  bytes: Buffer;
  contentType: string | undefined;
}

/** Everything the fake holds; survives `setDown`. Artifacts are keyed by their path under the proxy root. */
export interface FakeMlflowState {
  experiments: Map<string, FakeExperiment>;
  runs: Map<string, FakeRun>;
  artifacts: Map<string, FakeArtifact>;
}

/** @returns a fresh state holding MLflow's `Default` experiment (id `0`), as a new server has. */
export function createFakeMlflowState(): FakeMlflowState {
  const experiments = new Map<string, FakeExperiment>();
  experiments.set('0', newExperiment('0', 'Default'));
  return { experiments, runs: new Map(), artifacts: new Map() };
}

/** @returns an active experiment whose artifacts go to the proxy root `mlflow-artifacts:/{id}`. */
export function newExperiment(experimentId: string, name: string): FakeExperiment {
  const artifactLocation = `mlflow-artifacts:/${experimentId}`;
  return {
    experimentId,
    name,
    artifactLocation,
    lifecycleStage: 'active',
    creationTime: Date.now(),
    tags: new Map(),
  };
}

/** @returns the experiment as MLflow's JSON. */
export function toWireExperiment(e: FakeExperiment): unknown {
  const tags = [...e.tags].map(([key, value]) => ({ key, value }));
  return {
    experiment_id: e.experimentId,
    name: e.name,
    artifact_location: e.artifactLocation,
    lifecycle_stage: e.lifecycleStage,
    creation_time: e.creationTime,
    last_update_time: e.creationTime,
    ...(tags.length > 0 ? { tags } : {}),
  };
}

/** @returns the run's `RunInfo` as MLflow's JSON (`end_time` absent until set). */
export function toWireRunInfo(run: FakeRun): unknown {
  return {
    run_uuid: run.runId,
    experiment_id: run.experimentId,
    run_name: run.runName,
    status: run.status,
    start_time: run.startTime,
    ...(run.endTime === null ? {} : { end_time: run.endTime }),
    artifact_uri: run.artifactUri,
    lifecycle_stage: run.lifecycleStage,
    run_id: run.runId,
  };
}

/** MLflow's JSON omits empty repeated fields, and encodes non-finite doubles as strings. */
export function toWireRun(run: FakeRun): unknown {
  const latest = new Map<string, FakeMetric>();
  for (const m of run.metrics) {
    const prev = latest.get(m.key);
    // SqlAlchemyStore's latest-metric rule: the greatest (step, timestamp, value).
    if (!prev || compareTuples([m.step, m.timestamp, m.value], [prev.step, prev.timestamp, prev.value]) > 0)
      latest.set(m.key, m);
  }
  const metrics = [...latest.values()].map((m) => ({
    ...m,
    value: Number.isFinite(m.value) ? m.value : String(m.value),
  }));
  const pairs = (map: Map<string, string>) => [...map].map(([key, value]) => ({ key, value }));
  const data: Record<string, unknown> = {};
  if (metrics.length > 0) data.metrics = metrics;
  if (run.params.size > 0) data.params = pairs(run.params);
  if (run.tags.size > 0) data.tags = pairs(run.tags);
  return { info: toWireRunInfo(run), data, inputs: {} };
}

function compareTuples(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) > (b[i] ?? 0) ? 1 : -1;
  return 0;
}

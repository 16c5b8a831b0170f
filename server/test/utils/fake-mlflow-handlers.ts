/**
 * Endpoint behaviour of the fake MLflow server, modelled on MLflow 2.x's `server/handlers.py` over its
 * `SqlAlchemyStore` (the backend of `mlflow server` on SQLite): ids, run names, write-once params,
 * metric history, status updates and MLflow's error codes and messages. Test-only: routed to by
 * `fake-mlflow-server.ts`.
 */
import { randomUUID } from 'node:crypto';
import {
  FakeMlflowError,
  LIMITS,
  optionalArray,
  optionalInt,
  optionalString,
  requiredString,
  requirePresent,
  toDouble,
  toInt,
  validateBatchLimits,
  validateLength,
  validateName,
} from './fake-mlflow-validation.js';
import {
  RUN_STATUSES,
  newExperiment,
  toWireExperiment,
  toWireRun,
  toWireRunInfo,
  type FakeMetric,
  type FakeMlflowState,
  type FakeRun,
  type FakeRunStatus,
} from './fake-mlflow-state.js';

type Body = Record<string, unknown>;

function getRunOrThrow(state: FakeMlflowState, runId: string): FakeRun {
  const run = state.runs.get(runId);
  if (!run) throw new FakeMlflowError('RESOURCE_DOES_NOT_EXIST', `Run with id=${runId} not found`);
  return run;
}

/** Tags must have a key; MLflow treats an absent value as the empty string (protobuf default). */
function readKeyValues(list: Body[], kind: 'params' | 'tags'): { key: string; value: string }[] {
  return list.map((item, i) => {
    requirePresent(item.key, `${kind}[${i}].key`);
    return { key: String(item.key), value: item.value === undefined ? '' : String(item.value) };
  });
}

function setTag(run: FakeRun, key: string, value: string): void {
  validateName('tag', key);
  validateLength('Tag value', LIMITS.tagValueLength, value);
  run.tags.set(key, value);
  if (key === 'mlflow.runName') run.runName = value;
}

/** GET experiments/get-by-name: prefers the active experiment; 404 when none has the name. */
export function getExperimentByName(state: FakeMlflowState, query: URLSearchParams): unknown {
  const name = requiredString(
    { experiment_name: query.get('experiment_name') ?? undefined },
    'experiment_name',
  );
  const matches = [...state.experiments.values()].filter((e) => e.name === name);
  const experiment = matches.find((e) => e.lifecycleStage === 'active') ?? matches[0];
  if (!experiment)
    throw new FakeMlflowError('RESOURCE_DOES_NOT_EXIST', `Could not find experiment with name '${name}'`);
  return { experiment: toWireExperiment(experiment) };
}

/** POST experiments/create: 400 RESOURCE_ALREADY_EXISTS when the name is taken (even by a deleted one). */
export function createExperiment(state: FakeMlflowState, body: Body): unknown {
  const name = requiredString(body, 'name');
  if (name.length > LIMITS.experimentNameLength) {
    throw new FakeMlflowError(
      'INVALID_PARAMETER_VALUE',
      `Experiment name exceeds the maximum length of ${LIMITS.experimentNameLength} characters`,
    );
  }
  if ([...state.experiments.values()].some((e) => e.name === name)) {
    throw new FakeMlflowError('RESOURCE_ALREADY_EXISTS', `Experiment(name=${name}) already exists.`);
  }
  const experiment = newExperiment(String(state.experiments.size), name);
  for (const tag of readKeyValues(optionalArray(body, 'tags'), 'tags'))
    experiment.tags.set(tag.key, tag.value);
  state.experiments.set(experiment.experimentId, experiment);
  return { experiment_id: experiment.experimentId };
}

/** POST runs/create: RUNNING, `mlflow.runName` tag from `run_name`, artifacts under the experiment's root. */
export function createRun(state: FakeMlflowState, body: Body): unknown {
  const experimentId = optionalString(body, 'experiment_id') ?? '';
  const startTime = optionalInt(body, 'start_time') ?? 0;
  const requestedName = optionalString(body, 'run_name');
  const tags = readKeyValues(optionalArray(body, 'tags'), 'tags');
  const experiment = state.experiments.get(experimentId);
  if (!experiment)
    throw new FakeMlflowError('RESOURCE_DOES_NOT_EXIST', `No Experiment with id=${experimentId} exists`);
  if (experiment.lifecycleStage !== 'active') {
    throw new FakeMlflowError(
      'INVALID_STATE',
      `Could not create run under non-active experiment with ID ${experimentId}.`,
    );
  }
  const nameTag = tags.find((t) => t.key === 'mlflow.runName')?.value;
  if (requestedName && nameTag && requestedName !== nameTag) {
    throw new FakeMlflowError(
      'INVALID_PARAMETER_VALUE',
      `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${requestedName}', mlflow.runName='${nameTag}').`,
    );
  }
  const runId = randomUUID().replaceAll('-', '');
  const run: FakeRun = {
    runId,
    experimentId,
    runName: requestedName || nameTag || `fake-run-${state.runs.size + 1}`,
    status: 'RUNNING',
    startTime,
    endTime: null,
    artifactUri: `${experiment.artifactLocation}/${runId}/artifacts`,
    lifecycleStage: 'active',
    params: new Map(),
    tags: new Map(),
    metrics: [],
  };
  for (const tag of tags) setTag(run, tag.key, tag.value);
  if (!nameTag) run.tags.set('mlflow.runName', run.runName);
  state.runs.set(runId, run);
  return { run: toWireRun(run) };
}

/**
 * POST runs/log-batch, checked in MLflow's order: required fields, names and lengths, batch limits,
 * duplicate params, run exists, param changes; then written all at once.
 */
export function logBatch(state: FakeMlflowState, body: Body): unknown {
  const runId = requiredString(body, 'run_id');
  const rawMetrics = optionalArray(body, 'metrics');
  rawMetrics.forEach((m, i) =>
    ['key', 'value', 'timestamp'].forEach((f) => requirePresent(m[f], `metrics[${i}].${f}`)),
  );
  const params = readKeyValues(optionalArray(body, 'params'), 'params');
  const tags = readKeyValues(optionalArray(body, 'tags'), 'tags');
  const metrics = rawMetrics.map(readMetric);
  for (const p of params) {
    validateName('parameter', p.key);
    validateLength('Param value', LIMITS.paramValueLength, p.value);
  }
  for (const t of tags) {
    validateName('tag', t.key);
    validateLength('Tag value', LIMITS.tagValueLength, t.value);
  }
  validateBatchLimits(metrics.length, params.length, tags.length);
  const dupes = params.map((p) => p.key).filter((k, i, keys) => keys.indexOf(k) !== i);
  if (dupes.length > 0) {
    throw new FakeMlflowError(
      'INVALID_PARAMETER_VALUE',
      `Duplicate parameter keys have been submitted: ${pyList(dupes)}. Please ensure the request contains only one param value per param key.`,
    );
  }
  const run = getRunOrThrow(state, runId);
  const changed = params.filter((p) => run.params.has(p.key) && run.params.get(p.key) !== p.value);
  if (changed.length > 0) {
    const detail = changed.map(
      (p) => `{'key': '${p.key}', 'old_value': '${run.params.get(p.key)}', 'new_value': '${p.value}'}`,
    );
    throw new FakeMlflowError(
      'INVALID_PARAMETER_VALUE',
      `Changing param values is not allowed. Params were already logged='[${detail.join(', ')}]' for run ID='${runId}'.`,
    );
  }
  for (const p of params) run.params.set(p.key, p.value);
  // The SQL store keeps one row per (key, timestamp, step, value): an identical point is not added twice.
  for (const m of metrics) {
    const same = (o: FakeMetric) =>
      o.key === m.key && o.timestamp === m.timestamp && o.step === m.step && Object.is(o.value, m.value);
    if (!run.metrics.some(same)) run.metrics.push(m);
  }
  for (const t of tags) setTag(run, t.key, t.value);
  return {};
}

function readMetric(m: Body): FakeMetric {
  const key = String(m.key);
  const value = toDouble(m.value);
  const timestamp = toInt(m.timestamp);
  const step = m.step === undefined ? 0 : toInt(m.step);
  validateName('metric', key);
  if (value === undefined) {
    throw new FakeMlflowError(
      'INVALID_PARAMETER_VALUE',
      `Got invalid value ${String(m.value)} for metric '${key}' (timestamp=${String(m.timestamp)}). Please specify value as a valid double (64-bit floating point)`,
    );
  }
  if (timestamp === undefined || timestamp < 0) {
    throw new FakeMlflowError(
      'INVALID_PARAMETER_VALUE',
      `Got invalid timestamp ${String(m.timestamp)} for metric '${key}' (value=${value}). Timestamp must be a nonnegative long (64-bit integer) `,
    );
  }
  if (step === undefined) {
    throw new FakeMlflowError(
      'INVALID_PARAMETER_VALUE',
      `Got invalid step ${String(m.step)} for metric '${key}' (value=${value}). Step must be a valid long (64-bit integer).`,
    );
  }
  return { key, value, timestamp, step };
}

/** POST runs/set-tag: last write wins; `mlflow.runName` renames the run. */
export function setTagHandler(state: FakeMlflowState, body: Body): unknown {
  const runId = requiredString(body, 'run_id');
  const key = requiredString(body, 'key');
  const value = optionalString(body, 'value') ?? '';
  setTag(getRunOrThrow(state, runId), key, value);
  return {};
}

/** Like MLflow, a status string outside the `RunStatus` enum is dropped while parsing: 200, status kept. */
export function updateRun(state: FakeMlflowState, body: Body): unknown {
  const runId = requiredString(body, 'run_id');
  const status = optionalString(body, 'status');
  const endTime = optionalInt(body, 'end_time');
  const runName = optionalString(body, 'run_name');
  const run = getRunOrThrow(state, runId);
  if (status !== undefined && RUN_STATUSES.includes(status)) run.status = status as FakeRunStatus;
  if (endTime !== undefined) run.endTime = endTime;
  if (runName) setTag(run, 'mlflow.runName', runName);
  return { run_info: toWireRunInfo(run) };
}

/** GET runs/get: 404 RESOURCE_DOES_NOT_EXIST for an unknown run id. */
export function getRun(state: FakeMlflowState, query: URLSearchParams): unknown {
  const runId = requiredString(
    { run_id: query.get('run_id') ?? query.get('run_uuid') ?? undefined },
    'run_id',
  );
  return { run: toWireRun(getRunOrThrow(state, runId)) };
}

const pyList = (items: string[]) => `[${items.map((i) => `'${i}'`).join(', ')}]`;

/**
 * runs/search of the fake MLflow server: the subset of MLflow's search syntax our code uses —
 * clauses joined by AND over `tags.`, `params.`, `metrics.` and `attributes.` (run_name, status,
 * run_id, start_time, end_time), with `=`, `!=` (and `<`, `<=`, `>`, `>=` for numbers). Anything else
 * is answered 400 INVALID_PARAMETER_VALUE rather than silently matched. Test-only.
 */
import type { FakeMlflowState, FakeRun } from './fake-mlflow-state.js';
import { toWireRun } from './fake-mlflow-state.js';
import {
  FakeMlflowError,
  LIMITS,
  optionalArray,
  optionalInt,
  optionalString,
} from './fake-mlflow-validation.js';

type Comparator = '=' | '!=' | '<' | '<=' | '>' | '>=';
interface Clause {
  entity: 'tags' | 'params' | 'metrics' | 'attributes';
  key: string;
  op: Comparator;
  value: string | number;
}

const ENTITY: Record<string, Clause['entity']> = {
  tag: 'tags',
  tags: 'tags',
  param: 'params',
  params: 'params',
  parameter: 'params',
  parameters: 'params',
  metric: 'metrics',
  metrics: 'metrics',
  attribute: 'attributes',
  attributes: 'attributes',
  attr: 'attributes',
  run: 'attributes',
};
const CLAUSE =
  /^\s*(?:(\w+)\.)?(`[^`]+`|"[^"]+"|[\w.\-/]+)\s*(!=|<=|>=|=|<|>)\s*('(?:[^']*)'|"(?:[^"]*)"|-?\d+(?:\.\d+)?)\s*$/;

/** POST runs/search. Answers `{}` (no `runs` key) when nothing matches, as MLflow's JSON omits empty lists. */
export function searchRuns(state: FakeMlflowState, body: Record<string, unknown>): unknown {
  const experimentIds = optionalArray(body, 'experiment_ids').map(String);
  const clauses = parseFilter(optionalString(body, 'filter') ?? '');
  const maxResults = optionalInt(body, 'max_results') ?? 1000;
  if (maxResults > LIMITS.searchMaxResults) {
    throw new FakeMlflowError(
      'INVALID_PARAMETER_VALUE',
      `Invalid value ${maxResults} for parameter 'max_results' supplied.`,
    );
  }
  const offset = Number(Buffer.from(optionalString(body, 'page_token') ?? '', 'base64').toString() || 0);
  const matching = [...state.runs.values()]
    .filter((r) => experimentIds.includes(r.experimentId) && r.lifecycleStage === 'active')
    .filter((r) => clauses.every((c) => matches(r, c)))
    .sort((a, b) => b.startTime - a.startTime || (a.runId < b.runId ? -1 : 1));
  const page = matching.slice(offset, offset + maxResults);
  const next =
    offset + maxResults < matching.length
      ? Buffer.from(String(offset + maxResults)).toString('base64')
      : null;
  return {
    ...(page.length > 0 ? { runs: page.map(toWireRun) } : {}),
    ...(next ? { next_page_token: next } : {}),
  };
}

function parseFilter(filter: string): Clause[] {
  if (filter.trim() === '') return [];
  return filter.split(/\s+and\s+/i).map((text) => {
    const match = CLAUSE.exec(text);
    const entity = match ? ENTITY[(match[1] ?? 'attributes').toLowerCase()] : undefined;
    if (!match || !entity)
      throw new FakeMlflowError(
        'INVALID_PARAMETER_VALUE',
        `Invalid clause(s) in filter string: '${text.trim()}'`,
      );
    const [, , rawKey = '', op = '=', rawValue = ''] = match;
    const quoted = /^['"]/.test(rawValue);
    const value = quoted ? rawValue.slice(1, -1) : Number(rawValue);
    if (entity !== 'metrics' && !quoted && !['start_time', 'end_time'].includes(rawKey)) {
      throw new FakeMlflowError(
        'INVALID_PARAMETER_VALUE',
        `Expected a quoted string value for ${entity}.${rawKey} (got ${rawValue})`,
      );
    }
    return { entity, key: rawKey.replace(/^[`"]|[`"]$/g, ''), op: op as Comparator, value };
  });
}

function matches(run: FakeRun, clause: Clause): boolean {
  const actual = lookup(run, clause);
  if (actual === undefined) return false;
  const { op, value } = clause;
  if (op === '=') return actual === value;
  if (op === '!=') return actual !== value;
  if (typeof actual !== 'number' || typeof value !== 'number') return false;
  return op === '<'
    ? actual < value
    : op === '<='
      ? actual <= value
      : op === '>'
        ? actual > value
        : actual >= value;
}

function lookup(run: FakeRun, { entity, key }: Clause): string | number | undefined {
  if (entity === 'tags') return run.tags.get(key);
  if (entity === 'params') return run.params.get(key);
  if (entity === 'metrics') {
    const points = run.metrics.filter((m) => m.key === key);
    return points.sort((a, b) => b.step - a.step || b.timestamp - a.timestamp)[0]?.value;
  }
  const attributes: Record<string, string | number | undefined> = {
    run_name: run.runName,
    status: run.status,
    run_id: run.runId,
    start_time: run.startTime,
    end_time: run.endTime ?? undefined,
  };
  if (!(key in attributes))
    throw new FakeMlflowError('INVALID_PARAMETER_VALUE', `Invalid attribute key '${key}' specified.`);
  return attributes[key];
}

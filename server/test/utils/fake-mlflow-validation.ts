/**
 * Request validation of the fake MLflow server, transcribed from MLflow's `server/handlers.py`
 * (`_assert_*` schemas) and `utils/validation.py` (names, lengths, log-batch limits), with MLflow's
 * error codes and messages. Test-only: used by `fake-mlflow-store.ts`.
 */

/** An MLflow error answer: `{ error_code, message }` with the status MLflow maps the code to. */
export class FakeMlflowError extends Error {
  constructor(
    readonly errorCode:
      'INVALID_PARAMETER_VALUE' | 'RESOURCE_ALREADY_EXISTS' | 'RESOURCE_DOES_NOT_EXIST' | 'INVALID_STATE',
    message: string,
  ) {
    super(message);
  }

  /** `ERROR_CODE_TO_HTTP_STATUS` of `mlflow/exceptions.py`. */
  get status(): number {
    return { RESOURCE_DOES_NOT_EXIST: 404, INVALID_STATE: 500 }[this.errorCode as string] ?? 400;
  }
}

/** A Flask error page (HTML), e.g. for an unhandled exception inside a handler. */
export class FakeHtmlError extends Error {
  constructor(readonly status: 404 | 405 | 500) {
    super(`HTTP ${status}`);
  }
}

export const LIMITS = {
  metrics: 1000,
  params: 100,
  tags: 100,
  entities: 1000,
  keyLength: 250,
  paramValueLength: 6000,
  tagValueLength: 5000,
  experimentNameLength: 500,
  searchMaxResults: 50000,
} as const;

const HINT = ' See the API docs for more information about request parameters.';
const invalid = (message: string) => new FakeMlflowError('INVALID_PARAMETER_VALUE', message);
const pyType = (v: unknown) =>
  v === null
    ? 'NoneType'
    : Array.isArray(v)
      ? 'list'
      : typeof v === 'string'
        ? 'str'
        : typeof v === 'boolean'
          ? 'bool'
          : typeof v === 'number'
            ? Number.isInteger(v)
              ? 'int'
              : 'float'
            : 'dict';
const badType = (key: string, value: unknown) =>
  invalid(
    `Invalid value ${JSON.stringify(value)} for parameter '${key}' supplied. Hint: Value was of type '${pyType(value)}'.${HINT}`,
  );

/** `_assert_required` + `_assert_string`: absent and empty strings count as missing. */
export function requiredString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (value === undefined || value === null || value === '')
    throw invalid(`Missing value for required parameter '${key}'.${HINT}`);
  if (typeof value !== 'string') throw badType(key, value);
  return value;
}

/** `_assert_string` when present. */
export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badType(key, value);
  return value;
}

/** `_assert_intlike` when present: an integral number or a string of digits (protobuf's int64 JSON). */
export function optionalInt(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  const parsed = toInt(value);
  if (parsed === undefined) throw badType(key, value);
  return parsed;
}

/** `_assert_array` when present. */
export function optionalArray(body: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const value = body[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badType(key, value);
  return value as Record<string, unknown>[];
}

/** `_assert_required(x, path)` of the log-batch handler for nested fields. */
export function requirePresent(value: unknown, path: string): void {
  if (value === undefined || value === null || value === '')
    throw invalid(`Missing value for required parameter '${path}'.${HINT}`);
}

export function toInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

/** protobuf's JSON mapping of a double: a number, a numeric string, or NaN / ±Infinity spelled out. */
export function toDouble(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return Number(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** `_validate_metric_name` / `_validate_param_name` / `_validate_tag_name` and their length limit. */
export function validateName(kind: 'metric' | 'parameter' | 'tag', name: string): void {
  if (!/^[\p{L}\p{N}_/.\- ]*$/u.test(name)) {
    throw invalid(
      `Invalid ${kind} name: '${name}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).`,
    );
  }
  const segments = name.split('/');
  if (name.startsWith('/') || segments.some((s, i) => s === '.' || s === '..' || (s === '' && i > 0))) {
    throw invalid(
      `Invalid ${kind} name: '${name}'. Names may be treated as files in certain cases, and must not resolve to other names when treated as such.`,
    );
  }
  const label = { metric: 'Metric name', parameter: 'Param key', tag: 'Tag key' }[kind];
  validateLength(label, LIMITS.keyLength, name);
}

/** `_validate_length_limit` (without MLFLOW_TRUNCATE_LONG_VALUES). */
export function validateLength(label: string, limit: number, value: string): void {
  if (value.length > limit) {
    throw invalid(
      `${label} '${value.slice(0, 250)}' had length ${value.length}, which exceeded length limit of ${limit}`,
    );
  }
}

/** `_validate_batch_log_limits`. */
export function validateBatchLimits(metrics: number, params: number, tags: number): void {
  const check = (entity: string, limit: number, length: number) => {
    if (length > limit) {
      throw invalid(
        `A batch logging request can contain at most ${limit} ${entity}. Got ${length} ${entity}. Please split up ${entity} across multiple requests and try again.`,
      );
    }
  };
  check('metrics', LIMITS.metrics, metrics);
  check('params', LIMITS.params, params);
  check('tags', LIMITS.tags, tags);
  check('metrics, params, and tags', LIMITS.entities, metrics + params + tags);
}

/** `validate_path_is_safe` of the artifact proxy: relative, no `..`, no empty segments. */
export function validateArtifactPath(path: string): void {
  const segments = path.split('/');
  if (
    path === '' ||
    path.startsWith('/') ||
    path.includes('\\') ||
    segments.some((s) => s === '..' || s === '')
  ) {
    throw invalid(`Invalid path: ${path}`);
  }
}

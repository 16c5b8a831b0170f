/**
 * The one place that talks HTTP to MLflow: `fetch` with a timeout, JSON in and out, and every failure
 * turned into a typed `MlflowHttpError` that says whether trying again later can help.
 * Called by `mlflow-client.ts` only. It never retries: the sync outbox owns retrying.
 */

/** How a call failed: an HTTP error answer, no answer, too slow, or an answer we cannot use. */
export type MlflowFailureKind = 'http' | 'network' | 'timeout' | 'unexpected-response';

/** A failed MLflow call. */
export class MlflowHttpError extends Error {
  override readonly name = 'MlflowHttpError';
  /** HTTP status, or `null` when no HTTP answer came (network error before the headers, timeout). */
  readonly status: number | null;
  /** MLflow's `error_code` (e.g. `RESOURCE_DOES_NOT_EXIST`) when the error body is MLflow JSON. */
  readonly errorCode: string | null;
  /** True for network errors, timeouts, 429 and 5xx: the same call may succeed later. Other 4xx: false. */
  readonly retryable: boolean;
  readonly kind: MlflowFailureKind;
  /** `METHOD url` of the failed call, for logs. */
  readonly request: string;

  constructor(init: {
    kind: MlflowFailureKind;
    status: number | null;
    errorCode?: string | null;
    message: string;
    request: string;
  }) {
    super(init.message);
    this.kind = init.kind;
    this.status = init.status;
    this.errorCode = init.errorCode ?? null;
    this.request = init.request;
    const status = init.status ?? 0;
    this.retryable =
      init.kind === 'network' ||
      init.kind === 'timeout' ||
      (init.kind === 'http' && (status === 429 || status >= 500));
  }
}

/** Options of `requestJson`. */
export interface RequestJsonOptions {
  method: 'GET' | 'POST';
  /** Serialised as JSON and sent with `Content-Type: application/json` (MLflow rejects POSTs without it). */
  body?: unknown;
  /** Abort the call (connect, send and read) after this many milliseconds. */
  timeoutMs: number;
}

/** Options of `requestBytes`. */
export interface RequestBytesOptions {
  method: 'PUT';
  body: Uint8Array;
  contentType: string;
  timeoutMs: number;
}

/**
 * Calls an MLflow JSON endpoint.
 * @param url - full endpoint URL (see `mlflow.spec.ts`).
 * @returns the parsed JSON body; `{}` when a 2xx answer has an empty body.
 * @throws MlflowHttpError on a non-2xx answer, a network error, a timeout or a 2xx body that is not JSON.
 */
export async function requestJson<T>(url: string, options: RequestJsonOptions): Promise<T> {
  const hasBody = options.body !== undefined;
  return send<T>(url, options.method, options.timeoutMs, {
    headers: hasBody ? { 'Content-Type': 'application/json' } : {},
    body: hasBody ? JSON.stringify(options.body) : undefined,
  });
}

/**
 * Sends raw bytes (artifact upload) and reads MLflow's JSON answer.
 * @returns the parsed JSON body (`{}` for the artifact proxy).
 * @throws MlflowHttpError as `requestJson` does.
 */
export async function requestBytes<T>(url: string, options: RequestBytesOptions): Promise<T> {
  return send<T>(url, options.method, options.timeoutMs, {
    headers: { 'Content-Type': options.contentType },
    body: options.body,
  });
}

async function send<T>(
  url: string,
  method: string,
  timeoutMs: number,
  init: { headers: Record<string, string>; body: string | Uint8Array | undefined },
): Promise<T> {
  const request = `${method} ${url}`;
  let status: number | null = null;
  try {
    const response = await fetch(url, {
      method,
      headers: { Accept: 'application/json', ...init.headers },
      body: init.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    // Reading the body is still under the timeout signal: a server that stalls mid-body times out too.
    const text = await response.text();
    if (!response.ok) throw errorFromAnswer(request, status, text);
    if (text.trim() === '') return {} as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new MlflowHttpError({
        kind: 'unexpected-response',
        status,
        message: `Expected JSON from MLflow, got: ${snippet(text)}`,
        request,
      });
    }
  } catch (error) {
    if (error instanceof MlflowHttpError) throw error;
    const { name } = asErrorLike(error);
    if (name === 'TimeoutError' || name === 'AbortError') {
      const message = `No complete answer from MLflow within ${timeoutMs} ms`;
      throw new MlflowHttpError({ kind: 'timeout', status: null, message, request });
    }
    const message = `MLflow unreachable: ${describeNetworkError(error)}`;
    throw new MlflowHttpError({ kind: 'network', status, message, request });
  }
}

/** MLflow answers errors as `{ error_code, message }`; proxies and Flask's own pages answer HTML or text. */
function errorFromAnswer(request: string, status: number, text: string): MlflowHttpError {
  try {
    const body = JSON.parse(text) as { error_code?: unknown; message?: unknown };
    if (typeof body.message === 'string' || typeof body.error_code === 'string') {
      return new MlflowHttpError({
        kind: 'http',
        status,
        errorCode: typeof body.error_code === 'string' ? body.error_code : null,
        message: typeof body.message === 'string' ? body.message : text,
        request,
      });
    }
  } catch {
    // Not JSON: fall through to the text snippet.
  }
  return new MlflowHttpError({ kind: 'http', status, message: snippet(text) || `HTTP ${status}`, request });
}

/** Tags stripped, whitespace collapsed, at most 200 characters: enough to tell a Flask 500 from a proxy. */
function snippet(text: string): string {
  const plain = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 200 ? `${plain.slice(0, 197)}...` : plain;
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
}

/** Duck-typed, not `instanceof Error`: fetch's errors may come from another realm (e.g. Jest's VM context). */
function asErrorLike(error: unknown): ErrorLike {
  return typeof error === 'object' && error !== null ? (error as ErrorLike) : { message: String(error) };
}

/** Node's fetch reports `fetch failed` and hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`. */
function describeNetworkError(error: unknown): string {
  const { message, cause } = asErrorLike(error);
  const { code, message: causeMessage } = asErrorLike(cause);
  const detail = typeof code === 'string' ? code : causeMessage;
  return typeof detail === 'string' ? `${String(message)} (${detail})` : String(message);
}

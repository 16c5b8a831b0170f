/**
 * A fake MLflow 2.x tracking server for tests: a real node:http server on 127.0.0.1 that serves, in
 * memory, the endpoints `tracking/mlflow.spec.ts` uses and answers like `mlflow server --serve-artifacts`
 * does — including its quirks (POST needs `Content-Type: application/json`, runs/search answers `{}`
 * when nothing matches, an unknown run status is ignored with a 200, Flask HTML pages for 404/405/500).
 * Used by the tracking unit tests and the sync-outbox integration tests; `setDown` simulates an outage.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { searchRuns } from './fake-mlflow-search.js';
import * as handlers from './fake-mlflow-handlers.js';
import { createFakeMlflowState, type FakeMlflowState } from './fake-mlflow-state.js';
import { FakeHtmlError, FakeMlflowError, validateArtifactPath } from './fake-mlflow-validation.js';

export type {
  FakeArtifact,
  FakeExperiment,
  FakeMetric,
  FakeMlflowState,
  FakeRun,
} from './fake-mlflow-state.js';

/** One request as the fake received it, with the status it answered. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/api/2.0/mlflow/runs/log-batch`. */
  path: string;
  query: Record<string, string>;
  contentType: string | undefined;
  /** Parsed JSON body when it parses, otherwise `undefined` (see `rawBody`). */
  body: unknown;
  rawBody: Buffer;
  status: number;
}

/** Options of `startFakeMlflowServer`. */
export interface FakeMlflowServerOptions {
  /** Port to listen on. @default 0 (a free port) */
  port?: number;
}

/** A running fake. Always `stop()` it (e.g. in `afterAll`). */
export interface FakeMlflowServer {
  /** Tracking URI, e.g. `http://127.0.0.1:41234`; stays the same across `setDown`. */
  url: string;
  /** Experiments (with `Default`, id `0`), runs and artifacts; tests may read and edit it. */
  state: FakeMlflowState;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Closes the listener and drops open connections. Idempotent. */
  stop(): Promise<void>;
  /**
   * `true`: refuse connections (listener closed, open sockets destroyed); `false`: listen again on the
   * same port, with the state kept. Rejects if another process took the port in between (unlikely).
   */
  setDown(down: boolean): Promise<void>;
}

type Handler = (state: FakeMlflowState, body: Record<string, unknown>, query: URLSearchParams) => unknown;

const ROUTES: Record<string, { method: 'GET' | 'POST'; handler: Handler }> = {
  '/api/2.0/mlflow/experiments/get-by-name': {
    method: 'GET',
    handler: (s, _b, q) => handlers.getExperimentByName(s, q),
  },
  '/api/2.0/mlflow/experiments/create': { method: 'POST', handler: handlers.createExperiment },
  '/api/2.0/mlflow/runs/create': { method: 'POST', handler: handlers.createRun },
  '/api/2.0/mlflow/runs/log-batch': { method: 'POST', handler: handlers.logBatch },
  '/api/2.0/mlflow/runs/set-tag': { method: 'POST', handler: handlers.setTagHandler },
  '/api/2.0/mlflow/runs/update': { method: 'POST', handler: handlers.updateRun },
  '/api/2.0/mlflow/runs/get': { method: 'GET', handler: (s, _b, q) => handlers.getRun(s, q) },
  '/api/2.0/mlflow/runs/search': { method: 'POST', handler: searchRuns },
};
const ARTIFACTS_PREFIX = '/api/2.0/mlflow-artifacts/artifacts/';

/** Werkzeug's default error pages, as Flask serves them. */
const HTML_PAGES = {
  404: [
    'Not Found',
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  ],
  405: ['Method Not Allowed', 'The method is not allowed for the requested URL.'],
  500: [
    'Internal Server Error',
    'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.',
  ],
} as const;

/**
 * Starts a fake MLflow tracking server on 127.0.0.1.
 * @returns the running fake; its state starts with MLflow's `Default` experiment only.
 * @throws when the port cannot be bound.
 */
export async function startFakeMlflowServer(
  options: FakeMlflowServerOptions = {},
): Promise<FakeMlflowServer> {
  const state = createFakeMlflowState();
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks), state, requests));
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    requests,
    stop: close,
    setDown: async (down) => (down ? close() : server.listening ? undefined : listen(port)),
  };
}

function handle(
  req: IncomingMessage,
  res: ServerResponse,
  raw: Buffer,
  state: FakeMlflowState,
  log: RecordedRequest[],
) {
  const url = new URL(req.url ?? '/', 'http://fake');
  const contentType = req.headers['content-type'];
  const record: RecordedRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    contentType,
    body: tryParse(raw),
    rawBody: raw,
    status: 0,
  };
  log.push(record);
  const send = (status: number, body: string, type: string) => {
    record.status = status;
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) }).end(body);
  };
  try {
    const result = route(record, state, raw);
    send(200, JSON.stringify(result), 'application/json');
  } catch (error) {
    if (error instanceof FakeMlflowError) {
      send(
        error.status,
        JSON.stringify({ error_code: error.errorCode, message: error.message }),
        'application/json',
      );
    } else {
      // Anything but a FakeHtmlError is a bug of the fake itself: answer as Flask would, but say so.
      if (!(error instanceof FakeHtmlError)) console.error('fake MLflow server crashed:', error);
      const status = error instanceof FakeHtmlError ? error.status : 500;
      const [title, text] = HTML_PAGES[status];
      const page = `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${text}</p>\n`;
      send(status, page, 'text/html; charset=utf-8');
    }
  }
}

function route(record: RecordedRequest, state: FakeMlflowState, raw: Buffer): unknown {
  if (record.path.startsWith(ARTIFACTS_PREFIX)) {
    if (record.method !== 'PUT') throw new FakeHtmlError(405);
    const path = decodeURIComponent(record.path.slice(ARTIFACTS_PREFIX.length));
    validateArtifactPath(path);
    // The artifact proxy streams the body to storage as is: no Content-Type check.
    state.artifacts.set(path, { bytes: raw, contentType: record.contentType });
    return {};
  }
  const route = ROUTES[record.path];
  if (!route) throw new FakeHtmlError(404);
  if (route.method !== record.method) throw new FakeHtmlError(405);
  const body = route.method === 'POST' ? readJsonBody(record, raw) : {};
  return route.handler(state, body, new URLSearchParams(record.query));
}

/**
 * MLflow's `_get_request_json`: the Content-Type must be application/json (400 otherwise); the body is
 * read with `get_json(force=True, silent=True)`, so unparseable JSON becomes `{}` (and then fails the
 * required-field checks) — except in runs/log-batch, whose size check runs `len()` on that `None` and
 * crashes (HTML 500). A body that is JSON but not an object crashes every handler (HTML 500).
 */
function readJsonBody(record: RecordedRequest, raw: Buffer): Record<string, unknown> {
  const mediaType = record.contentType?.split(';')[0];
  if (mediaType !== 'application/json') {
    const got =
      record.contentType && /^[a-zA-Z0-9\-/;,+_ ]*$/.test(record.contentType) ? ` Got '${mediaType}'.` : '';
    throw new FakeMlflowError(
      'INVALID_PARAMETER_VALUE',
      `Bad Request. Content-Type must be one of [application/json].${got}`,
    );
  }
  let body: unknown = tryParse(raw) ?? null;
  if (body === null && record.path.endsWith('/runs/log-batch')) throw new FakeHtmlError(500);
  // Old clients double-encode: MLflow json.loads() a string body a second time (and crashes if it fails).
  if (typeof body === 'string') {
    body = tryParse(Buffer.from(body));
    if (body === undefined) throw new FakeHtmlError(500);
  }
  if (body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new FakeHtmlError(500);
  return body as Record<string, unknown>;
}

function tryParse(raw: Buffer): unknown {
  try {
    return raw.length === 0 ? undefined : (JSON.parse(raw.toString('utf8')) as unknown);
  } catch {
    return undefined;
  }
}

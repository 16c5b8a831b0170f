/**
 * Structured logging: the one pino logger of the server (JSON lines on stdout, secrets redacted; lines
 * for people, through pino-pretty, when stdout is a terminal) and the pino-http middleware that logs one
 * line per HTTP request with a request id. Created in `index.ts` / `app.ts` and passed down; nothing else
 * creates a logger.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { prettyFactory } from 'pino-pretty';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** pino level: `trace` … `fatal`, or `silent` (tests). @default 'info' */
  level?: string;
  /**
   * Human-readable lines (pino-pretty: time, level, message, fields) instead of JSON.
   * @default true when stdout is a terminal and no `destination` is given; otherwise false (files, pipes
   *   and log collectors get JSON)
   */
  pretty?: boolean;
  /** Where the lines go (tests capture them here). @default stdout */
  destination?: DestinationStream;
}

/** Header carrying the request id, read from the request when valid and always set on the response. */
export const REQUEST_ID_HEADER = 'x-request-id';
// Accept a caller's id only if it is short and plain, so it cannot forge log lines or bloat them.
const VALID_REQUEST_ID = /^[\w.:-]{1,128}$/;
// Defence in depth: the HTTP logger never serialises headers or bodies, but a careless
// `log.info({ req })` elsewhere must not leak the API key either.
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'req.body',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.cookie',
  'apiKey',
  '*.apiKey',
];
// Probes and scrapes arrive every few seconds; they are logged only when they fail.
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Creates the server's logger: JSON lines with an ISO `time` (or pretty lines on a terminal), credentials
 * replaced by `[redacted]`.
 * @param options see {@link LoggerOptions}.
 * @returns a pino logger.
 * @throws if `level` is not a pino level (pino's own error, at start-up).
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const config = {
    level: options.level ?? 'info',
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  const pretty = options.pretty ?? (!options.destination && Boolean(process.stdout.isTTY));
  if (pretty) {
    // Formatted in this thread and written at once (a terminal write is synchronous): the last lines
    // before process.exit are not lost, as they could be in a transport's worker thread.
    const format = prettyFactory({
      colorize: !options.destination && Boolean(process.stdout.isTTY),
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
    });
    const out = options.destination ?? process.stdout;
    return pino(config, { write: (line: string) => void out.write(format(line)) });
  }
  return options.destination ? pino(config, options.destination) : pino(config);
}

/**
 * Creates the Express middleware that logs each request once, when its response ends: `req` (id, method,
 * path), `res.statusCode` and `durationMs`, at `info` (< 400), `warn` (4xx, failed probes) or `error` (5xx).
 * Headers, bodies and query strings are never logged (so neither are `authorization`, `x-api-key` nor
 * GraphQL-over-GET variables). The request id is
 * the caller's `x-request-id` when valid, else a new UUID; it is echoed in the response and set as
 * `req.id`, and `req.log` is a child logger carrying it. `/healthz`, `/readyz` and `/metrics` are logged
 * only when they fail.
 * @param logger the logger from {@link createLogger}.
 * @returns the pino-http middleware; mount it before the routes.
 */
export function createHttpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers[REQUEST_ID_HEADER];
      const id = typeof given === 'string' && VALID_REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customLogLevel: (req, res, error) => {
      const quiet = QUIET_PATHS.has(pathOf(req));
      if (error || res.statusCode >= 500) return quiet ? 'warn' : 'error';
      if (res.statusCode >= 400) return 'warn';
      return quiet ? 'silent' : 'info';
    },
    // For a 5xx without an error, pino-http makes one up, with a stack into its own code: noise.
    customErrorObject: (_req, res, error, val: Record<string, unknown>) =>
      error.message === `failed with status code ${res.statusCode}` ? { ...val, err: undefined } : val,
    customAttributeKeys: { responseTime: 'durationMs' },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: withoutQuery(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

function pathOf(req: IncomingMessage): string {
  return withoutQuery((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '');
}

// GraphQL over GET carries the operation and its variables in the query string: it is a body.
function withoutQuery(url: string): string {
  return url.split('?', 1)[0] ?? '';
}

/**
 * Coded GraphQL errors (PRODUCT.md "The public contract": `extensions.code`) and `formatError`, which
 * turns validation failures into BAD_USER_INPUT with the offending fields and keeps internals (messages,
 * stack traces) inside the server in production. Used by resolvers, services and the HTTP/WS servers.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  RATE_LIMITED: 'RATE_LIMITED',
  CONFLICT: 'CONFLICT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error meant for the client: its message and code are shown as they are. */
export function codedError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badUserInput = (message: string, extensions?: Record<string, unknown>) =>
  codedError(ErrorCode.BAD_USER_INPUT, message, extensions);
export const notFound = (message: string, extensions?: Record<string, unknown>) =>
  codedError(ErrorCode.NOT_FOUND, message, extensions);
export const conflict = (message: string, extensions?: Record<string, unknown>) =>
  codedError(ErrorCode.CONFLICT, message, extensions);
export const unauthenticated = (
  message = 'this operation needs credentials: an API key (Authorization: Bearer <key>) or a signed-in session',
) => codedError(ErrorCode.UNAUTHENTICATED, message);
/** Valid credentials without the scope an operation needs; `requiredScope` says which. */
export const forbidden = (message: string, requiredScope: string) =>
  codedError(ErrorCode.FORBIDDEN, message, { requiredScope });
/** Too many calls; `retryAfter` is in seconds. */
export const rateLimited = (message: string, retryAfter: number) =>
  codedError(ErrorCode.RATE_LIMITED, message, { retryAfter });

// Codes graphql-js and Apollo give to request-level problems; all are the client's input.
const INPUT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE', // an operationName the document does not define
]);
const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

export interface FormatErrorOptions {
  /** Hide unexpected errors' messages (NODE_ENV=production). */
  production: boolean;
  /** Called with every unexpected error, for the log. */
  onInternalError?: (error: unknown) => void;
}

/** Builds Apollo's / graphql-ws' `formatError`. */
export function createFormatError(options: FormatErrorOptions) {
  return (raw: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = { ...raw, message: trimMessage(raw.message) };
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof ArgumentValidationError) {
      const fields = original.extensions.validationErrors as { property: string; constraints?: object }[];
      const details = fields.map((f) => ({
        field: f.property,
        problems: Object.values(f.constraints ?? {}),
      }));
      const summary = details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; ');
      return {
        message: `invalid input: ${summary}`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, details },
      };
    }
    const code = String(formatted.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
    if (INPUT_CODES.has(code)) {
      return {
        ...formatted,
        extensions: { ...withoutStack(formatted.extensions), code: ErrorCode.BAD_USER_INPUT, reason: code },
      };
    }
    if (KNOWN_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      return { ...formatted, extensions: withoutStack(formatted.extensions) };
    }
    options.onInternalError?.(original);
    return {
      message: options.production ? 'Internal server error' : formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function withoutStack(extensions: GraphQLFormattedError['extensions']): Record<string, unknown> {
  const { stacktrace: _stacktrace, ...rest } = extensions ?? {};
  return rest;
}

// Messages quote the input back ("unknown category \"…\"", graphql-js' "got invalid value …"): a
// 190 KB argument must not come back as a 190 KB message.
const LONG_QUOTE = /"((?:[^"\\]|\\.){80,})"/g;
const MAX_MESSAGE_LENGTH = 500;

/** Shortens long quoted values in a message (and the message itself) to a readable length. */
export function trimMessage(message: string): string {
  const quoted = message.replace(
    LONG_QUOTE,
    (_match, inner: string) => `"${inner.slice(0, 40)}…" (${inner.length} characters)`,
  );
  return quoted.length > MAX_MESSAGE_LENGTH ? `${quoted.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : quoted;
}

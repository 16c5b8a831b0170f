/**
 * Turns Apollo Client 4 errors into what the pages show: one readable message, the GraphQL error code
 * (NOT_FOUND, BAD_USER_INPUT, API_UNREACHABLE, …) and per-field messages for BAD_USER_INPUT.
 */
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { GraphQLFormattedError } from 'graphql';

function graphQLErrors(error: unknown): readonly GraphQLFormattedError[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors;
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: GraphQLFormattedError[] };
      return body.errors ?? [];
    } catch {
      return [];
    }
  }
  return [];
}

/** The first error's `extensions.code`; 'NETWORK' when the request never got a GraphQL answer. */
export function errorCode(error: unknown): string | undefined {
  if (!error) return undefined;
  const code = graphQLErrors(error)[0]?.extensions?.code;
  return typeof code === 'string' ? code : 'NETWORK';
}

export function describeError(error: unknown): string {
  const errors = graphQLErrors(error);
  if (errors.length) return errors.map((e) => e.message).join('\n');
  if (ServerError.is(error)) return `The server answered ${error.statusCode}.`;
  if (error instanceof Error) {
    return /fetch|network/i.test(error.message) ? 'The web server cannot be reached.' : error.message;
  }
  return String(error);
}

/** BAD_USER_INPUT messages by input field (`extensions.field`, or `extensions.details[].field`). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of graphQLErrors(error)) {
    if (e.extensions?.code !== 'BAD_USER_INPUT') continue;
    const details = e.extensions.details as { field: string; problems: string[] }[] | undefined;
    if (details) for (const d of details) out[d.field] = d.problems.join(', ');
    else if (typeof e.extensions.field === 'string') out[e.extensions.field] = e.message;
  }
  return out;
}

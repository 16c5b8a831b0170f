/**
 * Rejects NUL bytes (U+0000) in an operation's string literals and variables before anything runs:
 * Postgres cannot store them in text, so they would otherwise reach the database and come back as an
 * internal error (or half-write a request). Called by the Apollo plugin below (HTTP) and by
 * `ws-server.ts` (graphql-ws), so both answer BAD_USER_INPUT without writing anything.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, visit, type DocumentNode, type GraphQLError } from 'graphql';
import { badUserInput } from './errors.js';

const NUL = '\u0000';

/** The path of the first string (or key) under `value` holding a NUL byte (`$input.experimentName`). */
function findNul(value: unknown, at: string): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) || at.includes(NUL) ? at : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNul(item, `${at}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = key.includes(NUL) ? at : findNul(item, `${at}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * @returns a BAD_USER_INPUT error when a string literal of `document` or a variable holds a NUL byte,
 *   else undefined.
 */
export function nulByteError(document: DocumentNode, variables: unknown): GraphQLError | undefined {
  let inLiteral = false;
  visit(document, {
    StringValue(node) {
      if (!node.value.includes(NUL)) return undefined;
      inLiteral = true;
      return BREAK;
    },
  });
  const where = inLiteral
    ? 'a string literal'
    : Object.entries(variables ?? {}).reduce<string | undefined>(
        (found, [name, value]) => found ?? findNul(value, `$${name}`),
        undefined,
      );
  if (!where) return undefined;
  const error = badUserInput(`${where} contains a NUL byte (\\u0000), which is not allowed in strings`);
  error.extensions.http = { status: 400 };
  return error;
}

/** Apollo plugin: answers BAD_USER_INPUT (400) to an operation carrying a NUL byte, before it executes. */
export function createNulBytePlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const error = nulByteError(document, request.variables);
          if (error) throw error;
        },
      };
    },
  };
}

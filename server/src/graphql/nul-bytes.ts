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
  // Paths are built only on the way out of a hit: a predict's series is walked on every request.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'number') continue;
      const found = findNul(item, '');
      if (found !== undefined) return `${at}[${i}]${found}`;
    }
  } else if (value && typeof value === 'object') {
    for (const key in value) {
      if (key.includes(NUL)) return at;
      const found = findNul((value as Record<string, unknown>)[key], '');
      if (found !== undefined) return `${at}.${key}${found}`;
    }
  }
  return undefined;
}

// Apollo's document store hands out the same parsed document for the same query text: walking it once
// instead of on every request took ~3 % of a predict's CPU (the whole AST is visited).
const literalVerdicts = new WeakMap<DocumentNode, boolean>();

/** Whether a string literal of `document` holds a NUL byte (remembered per document object). */
function hasNulLiteral(document: DocumentNode): boolean {
  let found = literalVerdicts.get(document);
  if (found !== undefined) return found;
  found = false;
  visit(document, {
    StringValue(node) {
      if (!node.value.includes(NUL)) return undefined;
      found = true;
      return BREAK;
    },
  });
  literalVerdicts.set(document, found);
  return found;
}

/**
 * @returns a BAD_USER_INPUT error when a string literal of `document` or a variable holds a NUL byte,
 *   else undefined.
 */
export function nulByteError(document: DocumentNode, variables: unknown): GraphQLError | undefined {
  const where = hasNulLiteral(document)
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

/**
 * Query limits, from graphql-armor: depth, aliases, directives, cost and tokens, the same for HTTP
 * (Apollo plugins and validation rules) and WebSocket (`ws-server.ts` parses with the token limit and
 * validates with the same rules). Request bodies are limited separately in app.ts.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Generous for every real operation of the web app and the playground: the deepest real query is ~6.
 * `__schema` introspection (GraphiQL's is 21 deep) is exempt from the depth limit; `__type` is not.
 */
export const LIMITS = {
  maxDepth: 15,
  maxAliases: 15,
  maxDirectives: 20,
  // armor's cost is static (it ignores `first`): two pages of 50 runs with their summaries estimate ~38,000.
  maxCost: 100_000,
  maxTokens: 2000,
  /** Bytes of a JSON request body: room for `recordSales` with 10,000 rows (~1 MB with short names). */
  maxBodyBytes: 2.5 * 1024 * 1024,
} as const;

// Armor reports limit violations as plain GraphQLErrors; give them our input code.
const onReject = [
  (_ctx: unknown, error: GraphQLError) => {
    (error.extensions as Record<string, unknown>).code = 'BAD_USER_INPUT';
  },
];

const options = {
  maxDepth: { n: LIMITS.maxDepth, onReject, ignoreIntrospection: true },
  maxAliases: { n: LIMITS.maxAliases, onReject },
  maxDirectives: { n: LIMITS.maxDirectives, onReject },
  costLimit: { maxCost: LIMITS.maxCost, onReject, ignoreIntrospection: true },
  // Tokens are limited by graphql-js itself (`parseOptions.maxTokens`): armor's Apollo plugin re-parses
  // in parsingDidStart, where any syntax error becomes an unexpected 500.
  maxTokens: { enabled: false },
  blockFieldSuggestion: { enabled: false },
};

/** Plugins, validation rules and parse options for Apollo Server. */
export function apolloLimits() {
  return { ...new ApolloArmor(options).protect(), parseOptions: { maxTokens: LIMITS.maxTokens } };
}

/** Validation rules for operations arriving over graphql-ws. */
export function limitRules(): ValidationRule[] {
  return [
    maxDepthRule(options.maxDepth),
    maxAliasesRule(options.maxAliases),
    maxDirectivesRule(options.maxDirectives),
    costLimitRule(options.costLimit),
  ] as unknown as ValidationRule[];
}

/**
 * Apollo Server plugin feeding the GraphQL metrics of `metrics.ts`: one duration observation per
 * operation (type, name) and one error count per error (`extensions.code`), parse and validation failures
 * included. Added to `plugins` in `app.ts`; `observeSubscription` is the graphql-ws counterpart.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { performance } from 'node:perf_hooks';
import type { Metrics } from './metrics.js';

/** Longest operation name kept as a label value; longer names are counted as `other`. */
export const MAX_LABEL_LENGTH = 64;
/** Distinct operation names kept per plugin; names first seen after that are counted as `other`. */
export const MAX_OPERATION_NAMES = 200;
// Codes come from our errors.ts, Apollo and graphql-js: a few dozen at most; the cap guards against bugs.
const MAX_ERROR_CODES = 50;

/**
 * Builds the plugin. Labels stay bounded whatever clients send: `operation_type` is query, mutation,
 * subscription or `unknown` (the document did not parse or validate); `operation_name` is the name,
 * `anonymous` when absent, `other` past the caps above; an error without a code counts as
 * `INTERNAL_SERVER_ERROR`. Codes are the raw ones (`GRAPHQL_VALIDATION_FAILED`, not the `BAD_USER_INPUT`
 * clients see after `formatError`), so dashboards can tell a bad query from a bad argument.
 * @param metrics the object `createMetrics()` returned.
 * @returns an `ApolloServerPlugin` for any context type; it never throws into the request pipeline.
 */
export function createMetricsPlugin<TContext extends BaseContext>(
  metrics: Metrics,
): ApolloServerPlugin<TContext> {
  const operationName = createLabelLimiter(MAX_LABEL_LENGTH, MAX_OPERATION_NAMES);
  const errorCode = createLabelLimiter(MAX_LABEL_LENGTH, MAX_ERROR_CODES);

  return {
    async requestDidStart() {
      const start = performance.now();
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            metrics.graphqlErrors.inc({
              code: errorCode(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR'),
            });
          }
        },
        async willSendResponse({ operation, operationName: name }) {
          metrics.graphqlOperationDuration.observe(
            { operation_type: operation?.operation ?? 'unknown', operation_name: operationName(name) },
            (performance.now() - start) / 1000,
          );
        },
      };
    },
  };
}

/** Hooks for graphql-ws that keep `liveSubscriptions` in step; see {@link observeSubscription}. */
export interface SubscriptionObserver {
  /** Call from graphql-ws `onOperation` (the operation has started). */
  onSubscribe(): void;
  /** Call from graphql-ws `onComplete` (the operation finished, was completed or its socket closed). */
  onComplete(): void;
}

/**
 * Counts operations running over graphql-ws in `liveSubscriptions`. Wire `onSubscribe` to graphql-ws'
 * `onOperation` hook, not to its `onSubscribe` hook: an operation rejected there (parse or validation
 * errors) never reaches `onComplete`, and the gauge would drift up. graphql-ws calls `onComplete` once
 * per operation that reached `onOperation` (including queries sent over the socket, which end at once).
 * @param metrics the object `createMetrics()` returned.
 * @returns the two hooks; they never throw.
 */
export function observeSubscription(metrics: Metrics): SubscriptionObserver {
  return {
    onSubscribe: () => metrics.liveSubscriptions.inc(),
    onComplete: () => metrics.liveSubscriptions.dec(),
  };
}

/**
 * Maps free-form label values onto a bounded set: absent → `anonymous`, too long or first seen after
 * `maxDistinct` values were admitted → `other`; any value admitted once stays admitted.
 */
function createLabelLimiter(
  maxLength: number,
  maxDistinct: number,
): (value: string | null | undefined) => string {
  const admitted = new Set<string>();
  return (value) => {
    if (!value) return 'anonymous';
    if (admitted.has(value)) return value;
    if (value.length > maxLength || admitted.size >= maxDistinct) return 'other';
    admitted.add(value);
    return value;
  };
}

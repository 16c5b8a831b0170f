/**
 * One autocannon load run against the server child: POSTs one GraphQL operation on N keep-alive
 * connections for a bounded time (or until `until` resolves) and summarises it. Every body is checked,
 * because a GraphQL field error still answers 200 and would otherwise count as a success.
 */
import autocannon from 'autocannon';

export interface LoadOptions {
  graphqlUrl: string;
  query: string;
  variables?: object;
  connections: number;
  durationS: number;
  /** Stops the run early when this settles (e.g. training finished). */
  until?: Promise<unknown>;
}

export interface LoadResult {
  seconds: number;
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Socket errors and timeouts, plus 2xx bodies that carry GraphQL errors. */
  errors: number;
}

/** Runs the load and resolves with its summary. @throws only when autocannon itself fails. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.graphqlUrl,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: options.query, variables: options.variables }),
        connections: options.connections,
        duration: options.durationS,
        verifyBody: (body) => body.startsWith('{"data":{') && !body.includes('"errors"'),
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          seconds: result.duration,
          requests: result.requests.total,
          reqPerSec: result.requests.total / result.duration,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors + result.mismatches,
        });
      },
    );
    const stop = () => instance.stop();
    options.until?.then(stop, stop);
  });
}

/**
 * Retry delays of the MLflow sync: exponential backoff with jitter, capped. The jitter keeps the rows of
 * many runs (and several replicas) that failed together, e.g. while MLflow was down, from retrying in
 * lock-step. Used by `mlflow-sync.ts`; tests shorten it through `MlflowSyncOptions.backoff`.
 */

/** Options of `computeBackoff`. */
export interface BackoffOptions {
  /** Delay ceiling after the first failure, in ms. @default 1000 */
  baseMs?: number;
  /** No delay is longer than this, in ms. @default 300000 (5 min) */
  maxMs?: number;
  /** Source of randomness in [0, 1). @default Math.random */
  random?: () => number;
}

/**
 * @param attempt - how many attempts have failed so far (1 after the first failure).
 * @returns the delay before the next attempt: a ceiling of `baseMs · 2^(attempt-1)`, capped at `maxMs`,
 *   of which half is fixed (so delays keep growing) and half random ("equal jitter").
 */
export function computeBackoff(attempt: number, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? 1000;
  const maxMs = options.maxMs ?? 300_000;
  // The exponent is bounded so that 2 ** n stays finite however many attempts a row has had.
  const exponent = Math.min(Math.max(attempt - 1, 0), 40);
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  const random = (options.random ?? Math.random)();
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

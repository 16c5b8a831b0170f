/**
 * Readiness: runs the dependency checks (database, queue, ...) in parallel, each under a timeout, and
 * reports which passed. Built once in `app.ts` and served as `GET /readyz` by `health.ts`; a hung
 * dependency gives a "not ready" answer within the timeout instead of hanging the probe.
 */
import { performance } from 'node:perf_hooks';

/** One dependency the server needs before it takes traffic. */
export interface ReadinessCheck {
  /** Shown in the report, e.g. `database`. Keep it short and stable: probes and dashboards match on it. */
  name: string;
  /**
   * Resolves when the dependency is usable; throws (or rejects) when it is not. The error's message is
   * returned in the `/readyz` body, so it must not contain secrets such as connection strings.
   */
  check: () => Promise<void>;
}

/** The outcome of one readiness run. */
export interface ReadinessReport {
  /** True when every check passed (also true when there are no checks). */
  ready: boolean;
  /** One entry per check, in the order the checks were given. `ms` is the check's own duration. */
  checks: { name: string; ok: boolean; error?: string; ms: number }[];
}

/** Options of {@link createReadiness}. */
export interface ReadinessOptions {
  /**
   * How long one check may take before it counts as failed. Kubernetes' probe timeout defaults to 1 s,
   * so keep this below the probe's `timeoutSeconds`.
   * @default 2000
   */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 2000;
// Error messages end up in an HTTP body and in probe logs; a driver's multi-kilobyte message helps no one.
const MAX_ERROR_LENGTH = 200;

/**
 * Builds the readiness function served by `/readyz`.
 * @param checks the dependencies to check; an empty list is always ready.
 * @param options see {@link ReadinessOptions}.
 * @returns a function that runs all checks in parallel and resolves with a {@link ReadinessReport}.
 *   It never rejects: a check that throws, rejects or outlives `timeoutMs` is reported as failed.
 *   Callers that overlap (a probe storm) share the run already in flight instead of starting another.
 */
export function createReadiness(
  checks: ReadinessCheck[],
  options: ReadinessOptions = {},
): () => Promise<ReadinessReport> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let inFlight: Promise<ReadinessReport> | undefined;

  async function run(): Promise<ReadinessReport> {
    const results = await Promise.all(checks.map((c) => runCheck(c, timeoutMs)));
    return { ready: results.every((r) => r.ok), checks: results };
  }

  return () => {
    inFlight ??= run().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}

/**
 * Settles `promise` or fails after `ms`, whichever comes first. The timer is cleared either way, so it
 * never keeps the process alive; the underlying work is not cancelled (a promise cannot be).
 * @param promise the work to wait for.
 * @param ms the time limit in milliseconds.
 * @param what names the work in the timeout error: `<what> timed out after <ms> ms`.
 * @returns the promise's value; rejects with the promise's error or with the timeout error.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runCheck(
  check: ReadinessCheck,
  timeoutMs: number,
): Promise<ReadinessReport['checks'][number]> {
  const start = performance.now();
  const elapsed = () => Math.round(performance.now() - start);
  try {
    // The async wrapper turns a check that throws synchronously into a rejection like any other.
    await withTimeout((async () => check.check())(), timeoutMs, check.name);
    return { name: check.name, ok: true, ms: elapsed() };
  } catch (error) {
    return { name: check.name, ok: false, error: describe(error), ms: elapsed() };
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const text = message.trim() || 'check failed';
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

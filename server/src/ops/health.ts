/**
 * Liveness and readiness probes: `GET /healthz` (the process answers; no dependency is touched, so a
 * slow database never gets the pod restarted) and `GET /readyz` (every readiness check passes, so the
 * pod may take traffic). Mounted at the root of the Express app by `app.ts`.
 */
import express from 'express';
import type { ReadinessReport } from './readiness.js';

/** Options of {@link createHealthRouter}. */
export interface HealthRouterOptions {
  /** Runs the readiness checks; usually the function `createReadiness()` returns. */
  readiness: () => Promise<ReadinessReport>;
}

/**
 * Builds the router serving the two probes; both answer `Cache-Control: no-store` (HEAD works too).
 * - `GET /healthz` → 200 `{ status: 'ok' }`.
 * - `GET /readyz` → 200 `{ status: 'ready', checks }` or 503 `{ status: 'not ready', checks }`.
 * @param options see {@link HealthRouterOptions}.
 * @returns an Express router to mount with `app.use(router)`.
 *   If `readiness` itself rejects (it should not), `/readyz` answers 503 with an empty `checks` list.
 */
export function createHealthRouter(options: HealthRouterOptions): express.Router {
  const router = express.Router();

  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    let report: ReadinessReport;
    try {
      report = await options.readiness();
    } catch {
      report = { ready: false, checks: [] };
    }
    res.status(report.ready ? 200 : 503).json({
      status: report.ready ? 'ready' : 'not ready',
      checks: report.checks,
    });
  });

  return router;
}

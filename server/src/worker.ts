/**
 * `npm run worker`: a training-only process (role `worker`, whatever `server.role` says). It trains the
 * runs API processes queue in Postgres (DATABASE_URL; the embedded database cannot be shared) and serves
 * /healthz, /readyz and /metrics on `server.worker_port` (WORKER_PORT). SIGTERM marks its runs FAILED
 * (interrupted) and exits 0.
 */
import { loadConfig } from './config/load-config.js';
import { runCli } from './cli/run-cli.js';
import { runRole } from './roles/run-role.js';

runCli(
  () => runRole(loadConfig(), 'worker'),
  'usage: DATABASE_URL=postgres://… npm run worker (configure with config.yaml and .env.example)',
);

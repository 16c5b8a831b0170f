/**
 * The API server's entry point: load the config, build the app, listen, print the URLs, and shut down
 * gracefully on SIGTERM/SIGINT (in-flight requests finish, no run is left RUNNING; see shutdown-signals.ts).
 */
import { loadConfig } from './config/load-config.js';
import { buildApp } from './app.js';
import { runCli } from './cli/run-cli.js';
import { stopOnShutdownSignal } from './ops/shutdown-signals.js';

runCli(async () => {
  const config = loadConfig();
  const app = await buildApp(config);
  const { url } = await app.start();
  const { db } = app.services;
  process.stdout.write(`GraphQL API  ${url}${config.api.path}  (HTTP, WebSocket, playground in a browser)\n`);
  process.stdout.write(`Operations   ${url}/healthz  ${url}/readyz  ${url}/metrics   database: ${db.kind}\n`);
  await stopOnShutdownSignal(() => app.stop());
}, 'usage: npm start (configure with config.yaml and the environment variables in .env.example)');

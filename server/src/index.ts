/**
 * The server's entry point (`npm start`): load the config and run the process in its role (`server.role`,
 * ROLE): `all` serves the API and trains, `api` only serves, `worker` only trains; with `API_WORKERS` > 1
 * a cluster of serving processes shares the port (roles/run-role.ts). Shuts down gracefully on
 * SIGTERM/SIGINT (in-flight requests finish, no run is left RUNNING; see shutdown-signals.ts).
 */
import { loadConfig } from './config/load-config.js';
import { runCli } from './cli/run-cli.js';
import { runRole } from './roles/run-role.js';

runCli(async () => {
  const config = loadConfig();
  return runRole(config, config.server.role);
}, 'usage: npm start (configure with config.yaml and the environment variables in .env.example)');

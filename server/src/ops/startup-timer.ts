/**
 * Where start-up time goes: `buildApp` marks each phase (module loading, database, migrations, sales data,
 * TF.js backend, CLI model import, schema, Apollo) and logs the breakdown at debug level once the server
 * listens, so a slow cold start can be read off one log line (`LOG_LEVEL=debug npm start`).
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';

export interface StartupTimer {
  /** Ends the current phase under `name` (its time runs from the previous mark). */
  mark(name: string): void;
  /** The phases so far, in ms, in order, with `total` since the process started. */
  phases(): Record<string, number>;
  /** Logs the breakdown at debug level. */
  log(logger: Logger): void;
}

/**
 * Starts timing. The first phase, `modules`, covers the time from process start to this call: loading (and,
 * under the TypeScript loader, transpiling) the server's modules and their dependencies.
 */
export function createStartupTimer(): StartupTimer {
  const phases: Record<string, number> = {};
  let last = 0;
  const mark = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - last);
    last = now;
  };
  mark('modules');
  return {
    mark,
    phases: () => ({ ...phases, total: Math.round(performance.now()) }),
    log(logger) {
      logger.debug({ startupMs: this.phases() }, 'start-up breakdown (ms)');
    },
  };
}

/**
 * Shared behaviour of the command-line entry points: bad input (usage, configuration, data) prints one
 * line and exits 2; any other failure prints one line and exits 1; stack traces only with DEBUG set.
 */
import { ConfigError } from '../config/load-config.js';
import { DataError } from '../ml/data/data-error.js';
import { BackendUnavailableError } from '../ml/backend.js';

/** A command-line mistake: wrong flags or values. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const BAD_INPUT = [UsageError, ConfigError, DataError, BackendUnavailableError];

/**
 * Runs `main` and exits with its code (0 when it returns nothing).
 * @param usage printed for --help.
 */
export function runCli(main: () => Promise<number | void>, usage: string): void {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    return process.exit(0);
  }
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      const err = asUsageError(error);
      const badInput = BAD_INPUT.some((type) => err instanceof type);
      const firstLine = err.message.split('\n')[0];
      const more = err.message.includes('\n') ? ` (+${err.message.split('\n').length - 1} more)` : '';
      const hint = err instanceof UsageError ? ' (--help shows the usage)' : '';
      process.stderr.write(`error: ${firstLine}${more}${hint}\n`);
      if (process.env.DEBUG) process.stderr.write(`${err.stack}\n`);
      process.exit(badInput ? 2 : 1);
    },
  );
}

// node:util parseArgs throws TypeErrors coded ERR_PARSE_ARGS_* for unknown or malformed flags.
function asUsageError(error: unknown): Error {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
    return new UsageError((error as Error).message);
  return error instanceof Error ? error : new Error(String(error));
}

/** Parses a positive integer flag. @throws UsageError naming the flag. */
export function parsePositiveInt(flag: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max) {
    throw new UsageError(`--${flag} must be a whole number from 1 to ${max} (got "${value}")`);
  }
  return n;
}

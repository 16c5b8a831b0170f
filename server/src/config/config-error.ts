/**
 * The one error type of configuration loading. Entry points print its message (one line per problem)
 * and exit with code 2, never a stack trace.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

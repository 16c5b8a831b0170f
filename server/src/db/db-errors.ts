/**
 * Tells a lost or refused database connection (retry later) from an error of the request itself (do not
 * retry). Used by the training queue, which retries its writes until the database is back.
 */

// Prisma: can't reach, timed out, server closed the connection, connection pool timeout.
const PRISMA_CONNECTION_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// Postgres SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, restart).
const SQLSTATE = /^(08|57P)/;
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const MESSAGES =
  /connection terminated|terminating connection|connection (?:refused|reset|timeout|error|closed)|server closed the connection|database system is (?:starting up|shutting down)|can't reach database|timed out fetching a new connection|ECONNREFUSED|ECONNRESET/i;

/** @returns true when `error` (or an error it wraps) says the database could not be reached. */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown };
  const code = typeof e.code === 'string' ? e.code : typeof e.originalCode === 'string' ? e.originalCode : '';
  if (PRISMA_CONNECTION_CODES.has(code) || NODE_CODES.has(code) || SQLSTATE.test(code)) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  return isConnectionError(e.cause, depth + 1);
}

/**
 * Per-client limits of the graphql-ws server: open connections per client IP (over the limit, the new
 * socket is closed at once with 4429 and a reason) and operations running at once on one connection
 * (over the limit, the new one answers BAD_USER_INPUT, reason TOO_MANY_SUBSCRIPTIONS). Both come from
 * `api.max_connections_per_ip` / `api.max_subscriptions_per_connection`. Wired by `ws-server.ts`.
 */
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import type { WebSocket, WebSocketServer } from 'ws';

/** Close code of a connection over the per-IP limit (graphql-ws' "too many" code; its client does not retry). */
export const TOO_MANY_CONNECTIONS = 4429;

/**
 * Counts connections per remote address and closes those over `max`. Register before graphql-ws'
 * `useServer`, so a refused socket is closed before graphql-ws starts its handshake.
 */
export function limitConnectionsPerIp(wsServer: WebSocketServer, max: number): void {
  const open = new Map<string, number>();
  wsServer.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const ip = request.socket.remoteAddress ?? 'unknown';
    const count = (open.get(ip) ?? 0) + 1;
    if (count > max) {
      socket.close(TOO_MANY_CONNECTIONS, `too many connections from this address (limit ${max})`);
      return;
    }
    open.set(ip, count);
    socket.once('close', () => {
      const left = (open.get(ip) ?? 1) - 1;
      if (left > 0) open.set(ip, left);
      else open.delete(ip);
    });
  });
}

/**
 * @param running operations of the connection, the new one included (graphql-ws registers it before
 *   `onSubscribe`). @returns the error to answer when it is one too many, else undefined.
 */
export function tooManySubscriptions(running: number, max: number): GraphQLError | undefined {
  if (running <= max) return undefined;
  return new GraphQLError(
    `too many operations on this connection (limit ${max}); complete one or open another connection`,
    { extensions: { code: 'BAD_USER_INPUT', reason: 'TOO_MANY_SUBSCRIPTIONS' } },
  );
}

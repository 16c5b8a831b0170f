/**
 * Credentials over graphql-ws. `connection_init` may carry `{ apiKey }` (API_KEY or a key from the keys
 * CLI) or `{ ticket }` (one-use, minted by the web app's server for a signed-in user: the browser never
 * holds a key or its session token). Wrong credentials close the socket (4403). Each operation then
 * resolves the principal again (a revoked key or ended session stops working on the open socket) and
 * queries and subscriptions need the `read` scope. Called by ws-server.ts.
 */
import type { IncomingMessage } from 'node:http';
import { getOperationAST, type DocumentNode, type GraphQLError } from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import type { Credentials } from '../modules/auth/authenticator.js';
import type { Services } from '../services.js';
import type { Context } from './context.js';
import { scopeError } from './require-scope.js';

/** What the connection presented, kept on graphql-ws' `extra` for its operations. */
type Extra = { request: IncomingMessage; credentials?: Credentials };
export type WsAuthContext = WsContext<Record<string, unknown> | undefined, Extra>;

/** graphql-ws `onConnect`: false (→ 4403) for credentials that are not valid. */
export async function authenticateWsConnection(services: Services, ctx: WsAuthContext): Promise<boolean> {
  const params = ctx.connectionParams ?? {};
  const ip = ctx.extra.request.socket.remoteAddress;
  const { authenticator, sessions } = services.auth;
  if (params.ticket !== undefined) {
    const sessionId = typeof params.ticket === 'string' ? await sessions.redeemTicket(params.ticket) : null;
    ctx.extra.credentials = { sessionId: sessionId ?? undefined, ip };
    return sessionId !== null;
  }
  if (params.apiKey !== undefined) {
    if (typeof params.apiKey !== 'string') return false;
    ctx.extra.credentials = { token: params.apiKey, ip };
    return (await authenticator.authenticate(ctx.extra.credentials)).kind !== 'invalid';
  }
  ctx.extra.credentials = { ip };
  return true;
}

/**
 * The context of one operation, or the errors to answer it with (a query or subscription without the
 * read scope).
 */
export async function authorizeWsOperation(
  services: Services,
  ctx: WsAuthContext,
  document: DocumentNode,
  operationName: string | null | undefined,
): Promise<{ contextValue: Context } | { errors: GraphQLError[] }> {
  const principal = await services.auth.authenticator.authenticate(ctx.extra.credentials ?? {});
  const operation = getOperationAST(document, operationName)?.operation;
  if (operation !== 'mutation') {
    const error = scopeError(principal, 'read', operation === 'query' ? 'queries' : 'subscriptions');
    if (error) return { errors: [error] };
  }
  return { contextValue: { services, principal } };
}

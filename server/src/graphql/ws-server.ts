/**
 * graphql-ws on the same path as HTTP GraphQL. `connection_init` may carry `{ apiKey }` or `{ ticket }`
 * (ws-auth.ts): wrong credentials close the socket (4403); each operation is checked like an HTTP one
 * (queries and subscriptions need `read`, mutations their RequireScope). A socket that never sends `connection_init` is closed
 * after `connectionInitWaitTimeout` (4408). Operations are parsed with the token limit and validated with
 * the same limits as HTTP; connections per IP and operations per connection are limited (ws-limits.ts). Returns graphql-ws' Disposable, disposed by the drain plugin on shutdown.
 */
import type { IncomingMessage, Server } from 'node:http';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  subscribe,
  validate,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { Services } from '../services.js';
import { authenticateWsConnection, authorizeWsOperation, type WsAuthContext } from './ws-auth.js';
import { isAllowedOrigin } from './allowed-origins.js';
import { createFormatError } from './errors.js';
import { LIMITS, limitRules } from './limits.js';
import { nulByteError } from './nul-bytes.js';
import { limitConnectionsPerIp, tooManySubscriptions } from './ws-limits.js';
import { groupKeyOf, SharedExecution } from './shared-execution.js';
import { createSharedSubscribe, type Wire } from './shared-subscribe.js';

export interface WsServerOptions {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  services: Services;
  production: boolean;
  /** ms to wait for connection_init. @default 5000 */
  connectionInitWaitTimeout?: number;
}

export function createWsServer(options: WsServerOptions) {
  const { schema, services } = options;
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: LIMITS.maxBodyBytes,
    // Browsers only from api.allowed_origins (a 403 before the upgrade); see allowed-origins.ts.
    verifyClient: (
      { origin, req }: { origin?: string; req: IncomingMessage },
      done: (ok: boolean, status?: number, message?: string) => void,
    ) =>
      isAllowedOrigin(origin, services.config.api.allowedOrigins, req.headers.host)
        ? done(true)
        : done(false, 403, 'origin not allowed (api.allowed_origins)'),
  });
  const { maxConnectionsPerIp, maxSubscriptionsPerConnection } = services.config.api;
  limitConnectionsPerIp(wsServer, maxConnectionsPerIp);
  const rules = [...specifiedRules, ...limitRules()];
  const formatError = createFormatError({ production: options.production });
  // Subscriptions are relayed (shared-subscribe.ts): one execution and serialisation per event and group.
  const shared = new SharedExecution((errors) => errors.map((e) => formatError(e.toJSON(), e)));
  const wires = new WeakMap<ExecutionArgs, Wire>();
  const disposable = useServer<Record<string, unknown> | undefined>(
    {
      schema,
      connectionInitWaitTimeout: options.connectionInitWaitTimeout ?? 5000,
      subscribe: createSharedSubscribe(shared, wires, subscribe),
      onConnect: (ctx) => authenticateWsConnection(services, ctx as WsAuthContext),
      onSubscribe: async (ctx, id, payload) => {
        const tooMany = tooManySubscriptions(
          Object.keys(ctx.subscriptions).length,
          maxSubscriptionsPerConnection,
        );
        if (tooMany) return [tooMany];
        let document;
        try {
          document = parse(payload.query, { maxTokens: LIMITS.maxTokens });
        } catch (error) {
          return [codedInputError(error)];
        }
        const errors = validate(schema, document, rules);
        if (errors.length) return errors.map((e) => codedInputError(e));
        const nul = nulByteError(document, payload.variables);
        if (nul) return [nul];
        const auth = await authorizeWsOperation(
          services,
          ctx as WsAuthContext,
          document,
          payload.operationName,
        );
        if ('errors' in auth) return auth.errors;
        const { contextValue } = auth;
        const args: ExecutionArgs = {
          schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue,
        };
        if (getOperationAST(document, payload.operationName)?.operation === 'subscription') {
          const socket = (ctx.extra as unknown as { socket: WebSocket }).socket;
          wires.set(args, {
            id,
            group: groupKeyOf({ ...payload, principal: contextValue.principal }),
            send: (frame) => {
              if (socket.readyState === WebSocket.OPEN) socket.send(frame);
            },
          });
        }
        return args;
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return result;
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) };
      },
    },
    wsServer,
  );
  return { wsServer, shared, dispose: () => disposable.dispose() };
}

function codedInputError(error: unknown): GraphQLError {
  const e = error instanceof GraphQLError ? error : new GraphQLError(String(error));
  return new GraphQLError(e.message, {
    nodes: e.nodes,
    extensions: { ...e.extensions, code: 'BAD_USER_INPUT' },
  });
}

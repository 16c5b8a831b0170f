/**
 * graphql-ws on the same path as HTTP GraphQL. `connection_init` may carry `{ apiKey }`: a wrong key
 * closes the socket (4403); no key gives an unauthenticated context (subscriptions and queries work, the
 * state-changing mutations answer UNAUTHENTICATED). A socket that never sends `connection_init` is closed
 * after `connectionInitWaitTimeout` (4408). Operations are parsed with the token limit and validated with
 * the same limits as HTTP; connections per IP and operations per connection are limited (ws-limits.ts). Returns graphql-ws' Disposable, disposed by the drain plugin on shutdown.
 */
import type { Server } from 'node:http';
import { GraphQLError, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Services } from '../services.js';
import { isValidApiKey, makeContext } from './context.js';
import { createFormatError } from './errors.js';
import { LIMITS, limitRules } from './limits.js';
import { nulByteError } from './nul-bytes.js';
import { limitConnectionsPerIp, tooManySubscriptions } from './ws-limits.js';

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
  });
  const { maxConnectionsPerIp, maxSubscriptionsPerConnection } = services.config.api;
  limitConnectionsPerIp(wsServer, maxConnectionsPerIp);
  const rules = [...specifiedRules, ...limitRules()];
  const formatError = createFormatError({ production: options.production });
  const disposable = useServer<{ apiKey?: unknown }>(
    {
      schema,
      connectionInitWaitTimeout: options.connectionInitWaitTimeout ?? 5000,
      onConnect: (ctx) => {
        const presented = ctx.connectionParams?.apiKey;
        return presented === undefined || isValidApiKey(services.config.api.apiKey, presented);
      },
      context: (ctx) => makeContext(services, ctx.connectionParams?.apiKey),
      onSubscribe: (ctx, _id, payload) => {
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
        return { schema, document, variableValues: payload.variables, operationName: payload.operationName };
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return result;
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) };
      },
    },
    wsServer,
  );
  return { wsServer, dispose: () => disposable.dispose() };
}

function codedInputError(error: unknown): GraphQLError {
  const e = error instanceof GraphQLError ? error : new GraphQLError(String(error));
  return new GraphQLError(e.message, {
    nodes: e.nodes,
    extensions: { ...e.extensions, code: 'BAD_USER_INPUT' },
  });
}

/**
 * Browser half of the offline GraphiQL playground served by `server/src/ops/playground.ts`: the fetcher
 * (queries and mutations over HTTP POST, subscriptions over graphql-ws on the same URL as ws:// or wss://)
 * and the boot code. The API key typed in the Headers editor (`Authorization: Bearer <key>` or
 * `x-api-key`) goes to HTTP as typed and to graphql-ws as `connection_init` `{ apiKey }`. No build step.
 */
/* global document, location, fetch, self, graphqlWs, YogaGraphiQL */
(() => {
  'use strict';

  /** Monaco worker labels → our worker files; any other label gets the generic editor worker. */
  const WORKERS = { json: 'json.worker.js', graphql: 'graphql.worker.js' };

  /** The key in the Headers editor: `Authorization: Bearer <key>` first, then `x-api-key` (any case). */
  function apiKeyFrom(headers) {
    const byName = {};
    for (const [name, value] of Object.entries(headers || {}))
      byName[name.toLowerCase()] = String(value).trim();
    const bearer = /^bearer\s+(\S.*)$/i.exec(byName.authorization || '');
    return bearer ? bearer[1] : byName['x-api-key'] || undefined;
  }

  /** Whether the operation to run is a subscription; GraphiQL hands us its parsed document. */
  function isSubscription(params, documentAST) {
    const ops = ((documentAST && documentAST.definitions) || []).filter(
      (d) => d.kind === 'OperationDefinition',
    );
    const op = params.operationName
      ? ops.find((d) => d.name && d.name.value === params.operationName)
      : ops[0];
    if (op) return op.operation === 'subscription';
    // No parsed document (a direct call): look at the first keyword outside comments.
    return /^\s*subscription\b/.test(String(params.query).replace(/#[^\n]*/g, ''));
  }

  /** graphql-ws rejects with GraphQL errors, an Error, a CloseEvent or an Event; GraphiQL shows Errors. */
  function toError(reason) {
    if (Array.isArray(reason) || (reason && typeof reason.message === 'string')) return reason;
    if (reason && typeof reason.code === 'number') {
      const hint = reason.code === 4403 ? ' (wrong API key in the Headers editor?)' : '';
      return new Error(`WebSocket closed with ${reason.code} ${reason.reason || ''}${hint}`);
    }
    return new Error('WebSocket connection failed (is the server reachable?)');
  }

  /**
   * Builds GraphiQL's fetcher.
   * @param {{ httpUrl: string, wsUrl: string, createClient: Function, fetch: Function }} options
   *   `createClient` is graphql-ws' (tests wrap it to pass a Node WebSocket).
   * @returns a fetcher: a Promise of the JSON result for HTTP, an Observable for subscriptions.
   */
  function createFetcher({ httpUrl, wsUrl, createClient, fetch }) {
    let socket; // { apiKey, client }: connection_init is sent once per socket, so a new key needs a new one
    function clientFor(apiKey) {
      if (socket && socket.apiKey === apiKey) return socket.client;
      if (socket) socket.client.dispose();
      // No retries: a dropped socket ends the subscription visibly; re-running replays the stored epochs.
      const client = createClient({
        url: wsUrl,
        connectionParams: apiKey ? { apiKey } : {},
        retryAttempts: 0,
      });
      socket = { apiKey, client };
      return client;
    }
    return async (params, opts) => {
      const headers = (opts && opts.headers) || {};
      if (isSubscription(params, opts && opts.documentAST)) {
        const client = clientFor(apiKeyFrom(headers));
        return {
          subscribe: (sink) => ({
            unsubscribe: client.subscribe(params, {
              next: (value) => sink.next(value),
              error: (reason) => sink.error(toError(reason)),
              complete: () => sink.complete(),
            }),
          }),
        };
      }
      const res = await fetch(httpUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          accept: 'application/graphql-response+json, application/json',
          'content-type': 'application/json',
          ...headers,
        },
        body: JSON.stringify(params),
      });
      const text = await res.text();
      try {
        return JSON.parse(text);
      } catch {
        throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
      }
    };
  }

  globalThis.SalesForecastPlayground = { apiKeyFrom, isSubscription, createFetcher };
  if (typeof document === 'undefined') return; // loaded by the unit test, not by a page

  const config = JSON.parse(document.getElementById('playground-config').textContent);
  const asset = (file) => `${config.assets}/${file}?v=${config.version}`;
  // Set before graphiql.js runs (this script comes first): Monaco reads it when it starts its workers.
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: (_moduleId, label) => asset(WORKERS[label] || 'editor.worker.js'),
  };
  document.addEventListener('DOMContentLoaded', () => {
    const httpUrl = location.origin + location.pathname;
    YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), {
      title: config.titleHtml,
      defaultQuery: config.defaultQuery,
      fetcher: createFetcher({
        httpUrl,
        wsUrl: httpUrl.replace(/^http/, 'ws'),
        createClient: graphqlWs.createClient,
        fetch: (...args) => fetch(...args),
      }),
      // Yoga mirrors the editor into `?query=`, and such a URL is Apollo's (see prefersHtml): keep it clean.
      onEditQuery: () => {},
    });
  });
})();

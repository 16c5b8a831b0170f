/**
 * Test helper: a real graphql-ws client (the `ws` package as its socket) with `retryAttempts: 0`, and a
 * collector that gathers a subscription's events until a predicate says stop.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export function createWsTestClient(url: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams });
}

/** Subscribes and resolves with every payload received until `until(payload)` is true or the operation ends. */
export async function collect<T = Record<string, unknown>>(
  client: Client,
  query: string,
  until: (payload: { data?: T; errors?: unknown[] }, all: { data?: T; errors?: unknown[] }[]) => boolean,
  options: { variables?: Record<string, unknown>; timeoutMs?: number; onEvent?: (n: number) => void } = {},
): Promise<{ data?: T; errors?: unknown[] }[]> {
  const events: { data?: T; errors?: unknown[] }[] = [];
  const iterator = client.iterate<T>({ query, variables: options.variables })[Symbol.asyncIterator]();
  const timer = setTimeout(() => void iterator.return?.(), options.timeoutMs ?? 60_000);
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      events.push(next.value as { data?: T; errors?: unknown[] });
      options.onEvent?.(events.length);
      if (until(next.value as { data?: T; errors?: unknown[] }, events)) break;
    }
  } finally {
    clearTimeout(timer);
    await iterator.return?.();
  }
  return events;
}

/**
 * graphql-ws' `subscribe` for our server: each subscriber still gets its own source stream (its own auth
 * check, replay-then-live and release on close, from the resolver's `subscribe`), but its events are not
 * executed and stringified per subscriber as graphql-js' `subscribe` + graphql-ws' `next` would do. Each
 * event's payload comes from `SharedExecution` (once per event and group) and is written to the socket in
 * a `next` frame built around those bytes. graphql-ws sees an iterator that yields nothing and ends when
 * the source does, so it still sends `complete` / `error` and still calls `return()` when the client
 * completes or the socket closes. Wired by `ws-server.ts`.
 */
import { createSourceEventStream, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { SharedExecution } from './shared-execution.js';

/** Where a subscription's frames go: the operation's id on its socket, and its dedup group. */
export interface Wire {
  id: string;
  group: string;
  /** Writes one text frame; a closed socket drops it. */
  send: (frame: string) => void;
}

/**
 * Makes graphql-ws' `subscribe` option. Operations registered in `wires` (by their execution args, the
 * object `onSubscribe` returned) are relayed; any other goes through `fallback` (graphql-js' subscribe).
 */
export function createSharedSubscribe(
  shared: SharedExecution,
  wires: WeakMap<ExecutionArgs, Wire>,
  fallback: (args: ExecutionArgs) => Promise<AsyncIterable<ExecutionResult> | ExecutionResult>,
) {
  return async (args: ExecutionArgs): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> => {
    const wire = wires.get(args);
    if (!wire) return fallback(args);
    const source = await createSourceEventStream(args);
    if (!isAsyncIterator(source)) return source as ExecutionResult;
    return relay(source, wire, (event) => shared.payloadFor(event, wire.group, args));
  };
}

function isAsyncIterator(value: unknown): value is AsyncIterator<unknown> {
  return typeof (value as AsyncIterator<unknown>).next === 'function';
}

/**
 * Pulls the source and writes each event's payload until the source ends (resolves done) or throws
 * (rejects with its error, as graphql-js' mapped iterator would). `return()` ends the source at once,
 * which also ends a `next()` waiting on it.
 */
function relay(
  source: AsyncIterator<unknown>,
  wire: Wire,
  payloadOf: (event: unknown) => string | Promise<string>,
): AsyncIterableIterator<ExecutionResult> {
  const prefix = `{"id":${JSON.stringify(wire.id)},"type":"next","payload":`;
  let closed = false;
  const run = async (): Promise<IteratorResult<ExecutionResult>> => {
    for (;;) {
      const item = await source.next();
      if (item.done || closed) return { done: true, value: undefined };
      const payload = payloadOf(item.value);
      // No await when the payload is ready (the common case): one microtask hop less per subscriber.
      wire.send(prefix + (typeof payload === 'string' ? payload : await payload) + '}');
    }
  };
  const close = async (): Promise<IteratorResult<ExecutionResult>> => {
    closed = true;
    await source.return?.();
    return { done: true, value: undefined };
  };
  return {
    next: run,
    return: close,
    throw: async (error?: unknown) => {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

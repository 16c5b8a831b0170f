/**
 * N real graphql-ws clients (one WebSocket each, on `ws`) subscribed to `trainingProgress`, for part 3
 * of `api.bench.ts`. They live in the benchmark process, not the server's, so their parsing does not
 * count against the server; each event is stamped with Date.now() the moment its client gets it.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const SUBSCRIPTION = 'subscription { trainingProgress { runId type status epoch } }';
// Connecting in batches keeps the server's accept backlog (511) and the handshakes from overflowing.
const BATCH = 100;
const CONNECT_TIMEOUT_MS = 30_000;
// Clients come from 127.0.0.1, .2, ... (all loopback on Linux), this many each: the server's per-IP limit
// (api.max_connections_per_ip, 1,000 by default) stays on and is measured, as with real clients.
const PER_ADDRESS = 500;

/** `ws` bound to one local address, as graphql-ws' `webSocketImpl` (it calls `new impl(url, protocol)`). */
const socketFrom = (localAddress: string) =>
  class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { localAddress });
    }
  };

export interface ProgressEvent {
  runId: string;
  type: 'EPOCH' | 'STATUS';
  status: string;
  epoch: number | null;
}

export interface Subscribers {
  /** Subscription errors and unexpected completions. */
  failures(): number;
  dispose(): Promise<void>;
}

/**
 * Connects `count` clients and subscribes each; `onEvent(client, event, receivedAt)` sees every event.
 * @throws when a batch does not connect within 30 s (the clients made so far are disposed first).
 */
export async function connectSubscribers(
  wsUrl: string,
  count: number,
  onEvent: (client: number, event: ProgressEvent, receivedAt: number) => void,
): Promise<Subscribers> {
  const clients: Client[] = [];
  let failures = 0;
  const dispose = async () => {
    await Promise.allSettled(clients.map((c) => c.dispose()));
  };
  try {
    for (let first = 0; first < count; first += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, count - first) }, (_, k) => first + k);
      await Promise.all(
        batch.map(
          (index) =>
            new Promise<void>((resolve, reject) => {
              const timer = setTimeout(
                () => reject(new Error('subscriber did not connect')),
                CONNECT_TIMEOUT_MS,
              );
              const client = createClient({
                url: wsUrl,
                webSocketImpl: socketFrom(`127.0.0.${1 + Math.floor(index / PER_ADDRESS)}`),
                retryAttempts: 0,
                lazy: true,
              });
              clients.push(client);
              client.on('connected', () => {
                clearTimeout(timer);
                resolve();
              });
              client.subscribe<{ trainingProgress: ProgressEvent }>(
                { query: SUBSCRIPTION },
                {
                  next: (payload) => {
                    const receivedAt = Date.now();
                    if (payload.data) onEvent(index, payload.data.trainingProgress, receivedAt);
                    else failures++;
                  },
                  error: () => {
                    failures++;
                    clearTimeout(timer);
                    reject(new Error('subscriber failed to connect'));
                  },
                  complete: () => failures++,
                },
              );
            }),
        ),
      );
    }
  } catch (error) {
    await dispose();
    throw error;
  }
  return { failures: () => failures, dispose };
}

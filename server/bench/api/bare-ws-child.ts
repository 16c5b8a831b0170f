/**
 * The fan-out reference of `api.bench.ts`, run as a child process like our server: a bare graphql-ws 6
 * server on `ws` with a trivial schema whose `trainingProgress` has the fields the benchmark's subscribers
 * ask for, fed by an in-memory pub/sub (graphql-ws' own recipe: graphql-js `subscribe` per subscriber, no
 * auth, limits, replay or database). Driven over IPC by `bare-ws-server.ts`: it reports its URL, its
 * subscriber count on request, and "trains" on request: an epoch event every `gapMs`, then a final status,
 * answering with each epoch's publish time (Date.now(), the clock the subscribers stamp with); with
 * `bench:api --profile`, it starts and stops its CPU profiler on request.
 */
import http from 'node:http';
import { buildSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { answerProfileRequests, type ProfileAnswer } from './child-profiler.js';

export type BareRequest =
  { type: 'count'; requestId: number } | { type: 'train'; requestId: number; epochs: number; gapMs: number };
export type BareMessage =
  | { type: 'ready'; url: string }
  | { type: 'count'; requestId: number; count: number }
  | { type: 'trained'; requestId: number; runId: string; times: [number, number][] }
  | ProfileAnswer;

interface Event {
  runId: string;
  type: 'EPOCH' | 'STATUS';
  status: string;
  epoch: number | null;
}

const schema = buildSchema(`
  type Query { ok: Boolean }
  type TrainingEvent { runId: ID! type: String! status: String! epoch: Int }
  type Subscription { trainingProgress: TrainingEvent! }
`);

/** One queue per subscriber, as a minimal pub/sub gives it. */
const queues = new Set<(event: Event) => void>();
function subscribeEvents(): AsyncIterableIterator<{ trainingProgress: Event }> {
  const buffer: Event[] = [];
  let waiting: ((r: IteratorResult<{ trainingProgress: Event }>) => void) | undefined;
  const push = (event: Event) => {
    if (waiting) waiting({ done: false, value: { trainingProgress: event } });
    else buffer.push(event);
    waiting = undefined;
  };
  queues.add(push);
  return {
    next: () => {
      const event = buffer.shift();
      if (event) return Promise.resolve({ done: false, value: { trainingProgress: event } });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: () => {
      queues.delete(push);
      waiting?.({ done: true, value: undefined });
      return Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

const publish = (event: Event) => {
  for (const push of queues) push(event);
};

async function train(runId: string, epochs: number, gapMs: number): Promise<[number, number][]> {
  const times: [number, number][] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    await new Promise((resolve) => setTimeout(resolve, gapMs));
    times.push([epoch, Date.now()]);
    publish({ runId, type: 'EPOCH', status: 'RUNNING', epoch });
  }
  publish({ runId, type: 'STATUS', status: 'SUCCEEDED', epoch: null });
  return times;
}

const server = http.createServer((_req, res) => res.writeHead(404).end());
const wsServer = new WebSocketServer({ server, path: '/graphql' });
useServer({ schema, roots: { subscription: { trainingProgress: subscribeEvents } } }, wsServer);
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.send!({ type: 'ready', url: `ws://127.0.0.1:${address.port}/graphql` } satisfies BareMessage);
});
answerProfileRequests((answer) => process.send!(answer satisfies BareMessage));
process.on('message', (request: BareRequest) => {
  if (request.type === 'count')
    process.send!({ type: 'count', requestId: request.requestId, count: queues.size } satisfies BareMessage);
  if (request.type === 'train') {
    const runId = `bare-${request.requestId}`;
    void train(runId, request.epochs, request.gapMs).then((times) =>
      process.send!({ type: 'trained', requestId: request.requestId, runId, times } satisfies BareMessage),
    );
  }
});
process.on('disconnect', () => process.exit(0));

/**
 * The API server of `api.bench.ts`, run in a child process (started by `server-process.ts`) so that the
 * load generator and the subscription clients never share its event loop. It is `index.ts` with a silent
 * logger (pino-http's line per request would be measured too) and an IPC channel: it reports its URL,
 * answers the epoch end times stored in the database, and starts/stops its CPU profiler on request. Stops on SIGTERM/SIGINT or when the parent goes away.
 */
import { pino } from 'pino';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { answerProfileRequests, type ProfileAnswer } from './child-profiler.js';

/** Parent → child: the stored end time of each epoch of a run. */
export interface EpochTimesRequest {
  type: 'epochTimes';
  requestId: number;
  runId: string;
}

/** Parent → child: run a full garbage collection (the child runs with --expose-gc), for memory readings. */
export interface GcRequest {
  type: 'gc';
  requestId: number;
}

/** Child → parent. `times` are [epoch, EpochMetric.createdAt in ms since the epoch]. */
export type ChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'epochTimes'; requestId: number; times: [number, number][] }
  | { type: 'gc'; requestId: number }
  | ProfileAnswer;

const send = (message: ChildMessage) => process.send?.(message);

const app = await buildApp(loadConfig(), { logger: pino({ level: 'silent' }) });
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  // A hung stop must not leave the process behind: the parent waits for this exit.
  setTimeout(() => process.exit(1), 15_000).unref();
  void app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.once('disconnect', stop);

// bench:api --profile: V8's CPU profiler around each measured phase.
answerProfileRequests(send);
process.on('message', (message: EpochTimesRequest | GcRequest) => {
  if (message.type === 'gc') {
    (globalThis as { gc?: () => void }).gc?.();
    return send({ type: 'gc', requestId: message.requestId });
  }
  if (message.type !== 'epochTimes') return;
  void app.services.db.prisma.epochMetric
    .findMany({ where: { runId: message.runId }, select: { epoch: true, createdAt: true } })
    .then((rows) =>
      send({
        type: 'epochTimes',
        requestId: message.requestId,
        times: rows.map((r) => [r.epoch, r.createdAt.getTime()]),
      }),
    );
});

const { url } = await app.start(0, '127.0.0.1');
send({ type: 'ready', url });

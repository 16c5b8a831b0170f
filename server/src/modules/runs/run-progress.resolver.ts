/**
 * `trainingProgress(runId, category)`: replay, then live (the contract is in run-event.type.ts).
 * It subscribes to the live hub first (routed by run or category), then reads the stored state (status +
 * epochs) of the runs it watches, yields that, and then yields live events, skipping epochs and statuses
 * already sent. When the hub says events may have been missed (RESYNC: the cross-replica feed was down),
 * it reads the stored state again and yields what is new. A subscription to one run ends after that run's
 * terminal status. Closing the subscription releases its hub queue at once, even while it waits.
 * @example subscription { trainingProgress(category: "Beauty") { runId type status epoch totalEpochs trainLoss valLoss elapsedMs } }
 */
import { Args, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { badUserInput } from '../../graphql/errors.js';
import { RESYNC, type HubItem } from '../../graphql/run-event-hub.js';
import { TERMINAL_STATUSES } from './run.mapper.js';
import { RunStatus } from './run.type.js';
import { TrainingEvent, TrainingEventType } from './run-event.type.js';
import { candidateKey } from './candidate-event.js';
import { loadReplay } from './run-replay.js';
import { TrainingProgressArgs } from './training-progress.args.js';

export interface ProgressFilter {
  runId?: string | null;
  category?: string | null;
}

const replayKey = (filter: ProgressFilter) => `${filter.runId ?? ''}|${filter.category ?? ''}`;

/** Yields replayed then live events for the filter, without duplicates or gaps. */
async function* progressEvents(
  context: Context,
  filter: ProgressFilter,
  live: AsyncIterableIterator<HubItem>,
): AsyncGenerator<TrainingEvent> {
  const { services } = context;
  try {
    if (filter.category && !(await services.sales.category(filter.category))) {
      throw badUserInput(`unknown category "${filter.category}"`, { field: 'category' });
    }
    const sent = new Map<string, { epoch: number; status: RunStatus }>();
    const candidatesSent = new Set<string>();
    const isNew = (e: TrainingEvent) => {
      const key = candidateKey(e);
      if (key !== null) {
        const fresh = !candidatesSent.has(`${e.runId}:${key}`);
        candidatesSent.add(`${e.runId}:${key}`);
        return fresh;
      }
      const seen = sent.get(e.runId);
      const lastEpoch = seen?.epoch ?? 0;
      const fresh =
        e.type === TrainingEventType.EPOCH ? (e.epoch ?? 0) > lastEpoch : e.status !== seen?.status;
      if (fresh) sent.set(e.runId, { epoch: Math.max(lastEpoch, e.epoch ?? 0), status: e.status });
      return fresh;
    };
    const ends = (e: TrainingEvent) =>
      Boolean(filter.runId) && e.type === TrainingEventType.STATUS && TERMINAL_STATUSES.includes(e.status);
    // Queued reads of the same filter are shared; a resync's read names this subscriber's runs, so it is its own.
    const unfinished = () =>
      [...sent].filter(([, s]) => !TERMINAL_STATUSES.includes(s.status)).map(([id]) => id);
    const replay = (resync: boolean) =>
      resync
        ? loadReplay(services, filter, unfinished())
        : services.replays.run(replayKey(filter), () => loadReplay(services, filter));
    for (const event of await replay(false)) {
      if (!isNew(event)) continue;
      yield event;
      if (ends(event)) return;
    }
    for await (const item of live) {
      for (const event of item === RESYNC ? await replay(true) : [item]) {
        if (!isNew(event)) continue;
        yield event;
        if (ends(event)) return;
      }
    }
  } finally {
    await live.return?.();
  }
}

/**
 * The subscription's event stream. The hub queue is taken here, before the first read (the seam
 * guarantee), and `return()` closes it before ending the generator: a generator suspended in
 * `for await` would otherwise run its `finally` only when the next matching event arrives.
 */
export function trainingProgress(
  context: Context,
  filter: ProgressFilter,
): AsyncIterableIterator<TrainingEvent> {
  const live = context.services.hub.subscribe(filter);
  const events = progressEvents(context, filter, live);
  return {
    next: () => events.next(),
    return: async () => {
      await live.return?.();
      return events.return(undefined);
    },
    throw: async (error?: unknown) => {
      await live.return?.();
      return events.throw(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

@Resolver(() => TrainingEvent)
export class RunProgressResolver {
  @Subscription(() => TrainingEvent, {
    description:
      'Every epoch and status change of runs (all, one run, or one category): stored first, then live.',
    subscribe: ({ args, context }) => trainingProgress(context as Context, args as ProgressFilter),
  })
  trainingProgress(
    @Root() event: TrainingEvent,
    @Args(() => TrainingProgressArgs) _args: TrainingProgressArgs,
  ): TrainingEvent {
    return event;
  }
}

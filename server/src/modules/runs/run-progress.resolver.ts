/**
 * `trainingProgress(runId, category)`: replay, then live (the contract is in run-event.type.ts).
 * It subscribes to the live hub first, then reads the stored state (status + epochs) of the runs it
 * watches, yields that, and then yields live events, skipping epochs and statuses already sent. A
 * subscription to one run ends after that run's terminal status.
 * @example subscription { trainingProgress(category: "Beauty") { runId type status epoch totalEpochs trainLoss valLoss elapsedMs } }
 */
import { Args, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { badUserInput } from '../../graphql/errors.js';
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

/** Yields replayed then live events for the filter, without duplicates or gaps. */
export async function* trainingProgress(
  context: Context,
  filter: ProgressFilter,
): AsyncGenerator<TrainingEvent> {
  const { services } = context;
  if (filter.category && !services.data.isConfigured(filter.category)) {
    throw badUserInput(`unknown category "${filter.category}"`, { field: 'category' });
  }
  const live = services.hub.subscribe();
  try {
    const sent = new Map<string, { epoch: number; status: RunStatus }>();
    const matches = (e: TrainingEvent) =>
      (!filter.runId || e.runId === filter.runId) && (!filter.category || e.category === filter.category);
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
    for (const event of await loadReplay(services, filter)) {
      if (!isNew(event)) continue;
      yield event;
      if (ends(event)) return;
    }
    for await (const event of live) {
      if (!matches(event) || !isNew(event)) continue;
      yield event;
      if (ends(event)) return;
    }
  } finally {
    await live.return?.();
  }
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

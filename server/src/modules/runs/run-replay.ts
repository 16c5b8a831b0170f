/**
 * What a new `trainingProgress` subscriber is sent first: for each run it watches, the run's current
 * status and its stored epochs. Watched runs: the given run (any status; NOT_FOUND if unknown), else the
 * QUEUED and RUNNING runs of the category or of all categories (plus `alsoRunIds`, on a resync: runs the
 * subscriber saw that may have finished meanwhile). Reads go through the `ReplayScheduler`.
 */
import type { Services } from '../../services.js';
import { notFound } from '../../graphql/errors.js';
import { ACTIVE_STATUSES } from './run.mapper.js';
import { RunStatus } from './run.type.js';
import { TrainingEventType, type TrainingEvent } from './run-event.type.js';
import type { ProgressFilter } from './run-progress.resolver.js';
import type { CandidateEvent } from '../../training/trainer.js';
import { toCandidateEvent } from './candidate-event.js';

/**
 * Reads the replay of `filter`. @param alsoRunIds runs to include whatever their status.
 * @throws NOT_FOUND for an unknown `filter.runId`.
 */
export async function loadReplay(
  services: Pick<Services, 'db' | 'runs'>,
  filter: ProgressFilter,
  alsoRunIds: string[] = [],
): Promise<TrainingEvent[]> {
  const prisma = services.db.prisma;
  if (filter.runId && !(await services.runs.get(filter.runId)))
    throw notFound(`no run with id "${filter.runId}"`);
  const active = {
    status: { in: [...ACTIVE_STATUSES] },
    ...(filter.category ? { category: filter.category } : {}),
  };
  const runs = await prisma.run.findMany({
    where: filter.runId
      ? { id: filter.runId }
      : alsoRunIds.length
        ? { OR: [active, { id: { in: alsoRunIds } }] }
        : active,
    orderBy: { createdAt: 'asc' },
    include: { epochs: { orderBy: { epoch: 'asc' } } },
  });
  return runs.flatMap((run) => {
    const base = { runId: run.id, category: run.category, totalEpochs: run.totalEpochs, error: null };
    const status = run.status as RunStatus;
    const epochs: TrainingEvent[] = run.epochs.map((e) => ({
      ...base,
      type: TrainingEventType.EPOCH,
      status: RunStatus.RUNNING,
      epoch: e.epoch,
      trainLoss: e.trainLoss,
      valLoss: e.valLoss,
      elapsedMs: e.elapsedMs,
    }));
    const statusEvent: TrainingEvent = {
      ...base,
      type: TrainingEventType.STATUS,
      status,
      epoch: null,
      trainLoss: null,
      valLoss: null,
      elapsedMs: null,
      error: run.error,
    };
    // A finished run's status comes after its epochs (it is the last event); an active one's before them.
    const running: TrainingEvent = { ...statusEvent, status: RunStatus.RUNNING, error: null };
    const candidates = (
      Array.isArray(run.candidates) ? (run.candidates as unknown as CandidateEvent[]) : []
    ).map((c) => toCandidateEvent(run, c));
    if (status === RunStatus.QUEUED) return [statusEvent];
    if (status === RunStatus.RUNNING) return [statusEvent, ...epochs, ...candidates];
    return run.startedAt ? [running, ...epochs, ...candidates, statusEvent] : [statusEvent];
  });
}

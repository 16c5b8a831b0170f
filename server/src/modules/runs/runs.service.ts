/**
 * Training runs: enqueue (all-or-nothing, one active run per category enforced by the database),
 * list with cursor pagination, get, and cancel. No GraphQL types here besides coded errors.
 * Called by `run.resolver.ts`; the training queue picks up what `enqueue` writes.
 */
import type { Config } from '../../config/load-config.js';
import { Prisma, type PrismaClient, type Run as RunRow } from '../../generated/prisma/client.js';
import { badUserInput, conflict, notFound } from '../../graphql/errors.js';
import {
  familiesFor,
  resolveHyperparameters,
  type HyperparameterOverrides,
  type RunModel,
} from '../../training/training-job.js';
import { DATABASE_DATASET, type SalesStore } from '../sales/sales-store.js';
import { ACTIVE_STATUSES, TERMINAL_STATUSES } from './run.mapper.js';
import { RunStatus } from './run.type.js';

export interface EnqueueRequest extends HyperparameterOverrides {
  categories: string[];
  experimentName?: string;
  /** AUTO or one family. @default 'CNN_LSTM' */
  model?: RunModel | null;
}

export interface RunsPage {
  rows: RunRow[];
  totalCount: number;
  hasNextPage: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Something that can stop a run this process is training (the training queue). */
export interface RunCanceller {
  cancel(runId: string): boolean;
}

export class RunsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly config: Config,
    private readonly sales: SalesStore,
    private readonly onEnqueued: () => void = () => {},
    private readonly canceller?: RunCanceller,
  ) {}

  /** Queues one run per category. @throws BAD_USER_INPUT, CONFLICT (nothing is written then). */
  async enqueue(request: EnqueueRequest): Promise<RunRow[]> {
    const { categories } = request;
    const stats = await this.sales.stats(categories);
    const unknown = categories.filter((c) => !stats.has(c));
    if (unknown.length) {
      throw badUserInput(`unknown categories: ${unknown.join(', ')} (the categories query lists them)`, {
        field: 'categories',
      });
    }
    const duplicates = categories.filter((c, i) => categories.indexOf(c) !== i);
    if (duplicates.length)
      throw badUserInput(`categories listed twice: ${[...new Set(duplicates)].join(', ')}`);
    const noData = categories.filter((c) => stats.get(c)!.lastDay === null);
    if (noData.length) throw badUserInput(`no sales yet for: ${noData.join(', ')}`);
    const hp = resolveHyperparameters(this.config, request);
    const model = request.model ?? 'CNN_LSTM';
    const families = familiesFor(this.config, model);
    if (families.includes('CNN_LSTM') && hp.kernelSize > hp.windowSize)
      throw badUserInput(`windowSize must be ≥ the kernel size (${hp.kernelSize})`);
    if (model === 'ARIMA' && !this.config.models.enabled.includes('ARIMA')) {
      throw badUserInput(
        'ARIMA is opt-in: install the "arima" package yourself (its ctsa core has a non-commercial licence) and add ARIMA to models.enabled',
        { field: 'model' },
      );
    }
    try {
      // One INSERT for all (trainAll queues a whole catalogue): atomic, and ~50x faster than a create each.
      // Rows go in sorted order: each takes its category's slot in the one-active-run index, and two requests
      // taking slots in opposite orders (trainAll vs train(["Groceries", "Beauty"])) deadlock. In one order,
      // the later request waits for the earlier one and gets CONFLICT.
      const inserted = await this.prisma.run.createManyAndReturn({
        data: [...categories].sort().map((category) => ({
          category,
          experimentName: request.experimentName ?? this.config.training.experimentName,
          hyperparameters: { ...hp },
          model,
          dataset: DATABASE_DATASET,
          // Epochs are the CNN-LSTM's; a run without it streams none.
          totalEpochs: families.includes('CNN_LSTM') ? hp.epochs : 0,
          mlflowSync: this.config.mlflow.enabled ? ('PENDING' as const) : ('DISABLED' as const),
        })),
      });
      this.onEnqueued();
      return categories.map((category) => inserted.find((row) => row.category === category)!);
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw await this.activeConflict(categories);
      }
      throw error;
    }
  }

  private async activeConflict(categories: string[]) {
    const active = await this.prisma.run.findMany({
      where: { category: { in: categories }, status: { in: [...ACTIVE_STATUSES] } },
      select: { id: true, category: true, status: true },
    });
    const list = active.map((r) => `${r.category} (run ${r.id} is ${r.status})`).join(', ');
    return conflict(`already queued or training: ${list || categories.join(', ')}`, { runs: active });
  }

  /** A page of runs, newest first. @throws BAD_USER_INPUT for a malformed cursor. */
  async list(filter: {
    category?: string;
    status?: RunStatus;
    first: number;
    after?: string;
  }): Promise<RunsPage> {
    const where: Prisma.RunWhereInput = { category: filter.category, status: filter.status };
    const cursor = filter.after ? decodeCursor(filter.after) : undefined;
    const pageWhere: Prisma.RunWhereInput = cursor
      ? {
          AND: [
            where,
            {
              OR: [
                { createdAt: { lt: cursor.createdAt } },
                { createdAt: cursor.createdAt, id: { lt: cursor.id } },
              ],
            },
          ],
        }
      : where;
    const [rows, totalCount] = await Promise.all([
      this.prisma.run.findMany({
        where: pageWhere,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: filter.first + 1,
      }),
      this.prisma.run.count({ where }),
    ]);
    return { rows: rows.slice(0, filter.first), totalCount, hasNextPage: rows.length > filter.first };
  }

  /** A run, or null when there is none with that id. */
  async get(id: string): Promise<RunRow | null> {
    if (!UUID.test(id)) return null;
    return this.prisma.run.findUnique({ where: { id } });
  }

  /**
   * Cancels a queued run at once, or asks a running one to stop (within its current epoch).
   * @throws NOT_FOUND; CONFLICT when the run has already finished.
   */
  async cancel(id: string): Promise<RunRow> {
    const run = await this.get(id);
    if (!run) throw notFound(`no run with id "${id}"`);
    if (TERMINAL_STATUSES.includes(run.status as RunStatus)) {
      throw conflict(`run ${id} has already finished (${run.status})`, { status: run.status });
    }
    const queued = await this.prisma.run.updateMany({
      where: { id, status: 'QUEUED' },
      // Nothing reached MLflow for a run that never started: there is nothing to sync.
      data: {
        status: 'CANCELLED',
        finishedAt: new Date(),
        error: 'cancelled before it started',
        mlflowSync: 'DISABLED',
      },
    });
    if (queued.count === 0) {
      await this.prisma.run.update({ where: { id }, data: { cancelRequested: true } });
      this.canceller?.cancel(id);
    }
    return (await this.prisma.run.findUnique({ where: { id } }))!;
  }
}

/** Opaque cursor: base64url of "<createdAt ISO>|<id>". */
export function encodeCursor(row: Pick<RunRow, 'createdAt' | 'id'>): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

/** Reads a cursor of `encodeCursor`. @throws BAD_USER_INPUT when malformed. */
export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || !UUID.test(id) || Number.isNaN(createdAt.getTime()))
    throw badUserInput('invalid cursor in "after"');
  return { createdAt, id };
}

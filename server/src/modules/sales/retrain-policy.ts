/**
 * The retrain policy (config `retrain`): after a write, queue a run for each touched category whose data
 * is now `new_days` or more days past what its active model was trained on (and, with
 * `untrained_min_days`, for a category without a model once it has that many days). A category already
 * QUEUED or RUNNING is skipped, not an error. Called by sales-writer.ts and the import runner after commit.
 */
import type { Config } from '../../config/load-config.js';
import type { PrismaClient, Run as RunRow } from '../../generated/prisma/client.js';
import type { RunsService } from '../runs/runs.service.js';

export class RetrainPolicy {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly config: Pick<Config, 'retrain' | 'data'>,
    private readonly runs: Pick<RunsService, 'enqueue'>,
  ) {}

  /** Categories among `touched` that the policy says to retrain now (one query). */
  async due(touched: string[]): Promise<string[]> {
    const { enabled, newDays, untrainedMinDays } = this.config.retrain;
    if (!enabled || touched.length === 0) return [];
    const allow = this.config.data.categories;
    const names = allow ? touched.filter((name) => allow.includes(name)) : touched;
    const rows = await this.prisma.$queryRaw<{ name: string }[]>`
      SELECT c."name" FROM "SalesCategory" c
        LEFT JOIN "ModelVersion" mv ON mv."category" = c."name" AND mv."active"
       WHERE c."name" = ANY(${names}::text[]) AND c."lastDay" IS NOT NULL
         AND CASE WHEN mv."id" IS NULL THEN ${untrainedMinDays}::int > 0 AND c."lastDay" - c."firstDay" + 1 >= ${untrainedMinDays}::int
                  ELSE c."lastDay" - coalesce(mv."dataLastDay", c."lastDay") >= ${newDays}::int END
         AND NOT EXISTS (SELECT 1 FROM "Run" r WHERE r."category" = c."name" AND r."status" IN ('QUEUED', 'RUNNING'))
       ORDER BY c."name"`;
    return rows.map((row) => row.name);
  }

  /** Queues the runs the policy calls for. @returns them (none when the policy is off). */
  async queueDue(touched: string[]): Promise<RunRow[]> {
    const due = await this.due(touched);
    if (due.length === 0) return [];
    try {
      return await this.runs.enqueue({ categories: due });
    } catch (error) {
      if ((error as { extensions?: { code?: string } }).extensions?.code !== 'CONFLICT') throw error;
      // Another writer queued one of them meanwhile: queue the others one by one, skipping conflicts.
      const queued: RunRow[] = [];
      for (const category of due) {
        const runs = await this.runs.enqueue({ categories: [category] }).catch((e: unknown) => {
          if ((e as { extensions?: { code?: string } }).extensions?.code === 'CONFLICT') return [];
          throw e;
        });
        queued.push(...runs);
      }
      return queued;
    }
  }
}

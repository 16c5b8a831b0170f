/**
 * Sales writes and their live updates: `recordSales` (API key when configured) and `salesUpdated`.
 * @example mutation ($rows: [SaleInput!]!) { recordSales(input: $rows) { accepted duplicates categoriesTouched queuedRuns { id category } } }
 * @example subscription { salesUpdated(category: "Beauty") { category firstDate lastDate days } }
 */
import { Arg, Ctx, Mutation, Resolver, Root, Subscription, UseMiddleware } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { badUserInput } from '../../graphql/errors.js';
import { RequireScope } from '../../graphql/require-scope.js';
import { skipValidation } from '../../graphql/validate-args.js';
import { toTrainingRun } from '../runs/run.mapper.js';
import type { TrainingRun } from '../runs/run.type.js';
import { DEFAULT_SOURCE } from '../imports/imports.service.js';
import type { CategoryChange } from './apply-sales.js';
import { SaleInput } from './sale.input.js';
import { SalesUpdate, SalesWriteResult } from './sales.types.js';

/** The `source` argument: the namespace of transaction ids (1–100 characters). */
export function checkSource(source: string | null | undefined): string {
  const value = source?.trim() || DEFAULT_SOURCE;
  if (value.length > 100) throw badUserInput('source is longer than 100 characters', { field: 'source' });
  return value;
}

async function* salesUpdates(context: Context, category?: string | null): AsyncGenerator<CategoryChange> {
  const events = context.services.salesEvents.subscribe('sales');
  try {
    for await (const change of events) if (!category || change.name === category) yield change;
  } finally {
    await events.return?.();
  }
}

@Resolver()
export class SalesResolver {
  @Mutation(() => SalesWriteResult, {
    description:
      'Adds sales (1–10,000 rows, all or nothing); rows already stored (same source and transactionId) change nothing.',
  })
  @UseMiddleware(RequireScope('import'))
  async recordSales(
    // Rows are checked by the service (one report for every bad row), not by class-validator per row.
    @Arg('input', () => [SaleInput], { validate: false, validateFn: skipValidation }) input: SaleInput[],
    @Arg('source', () => String, {
      nullable: true,
      description: 'Namespace of the transaction ids. Default "default".',
    })
    source: string | null,
    @Ctx() { services }: Context,
  ): Promise<SalesWriteResult> {
    const result = await services.salesWriter.record(input, checkSource(source));
    return {
      accepted: result.accepted,
      duplicates: result.duplicates,
      categoriesTouched: result.categories.map((c) => c.name),
      queuedRuns: result.queuedRuns.map(
        (run) => toTrainingRun(run, services.config.mlflow.trackingUri) as TrainingRun,
      ),
    };
  }

  @Subscription(() => SalesUpdate, {
    description:
      "A category's sales changed (recordSales or an import): its dates after the change. No category: all.",
    subscribe: ({ args, context }) =>
      salesUpdates(context as Context, (args as { category?: string | null }).category),
  })
  salesUpdated(
    @Root() change: CategoryChange,
    @Arg('category', () => String, { nullable: true }) _category: string | null,
  ): SalesUpdate {
    return {
      category: change.name,
      firstDate: change.firstDate,
      lastDate: change.lastDate,
      days: change.days,
    };
  }
}

/**
 * Runs: `runs`, `run`, and the state-changing `train`, `trainAll`, `cancelRun` (scope `train`).
 * @example mutation { train(input: { categories: ["Beauty"], epochs: 3 }) { id status } }
 * @example query { runs(category: "Beauty", first: 10) { totalCount edges { node { id status metrics { mae } } } } }
 */
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  UseMiddleware,
} from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { RequireScope } from '../../graphql/require-scope.js';
import { toModelVersion } from '../model-versions/model-version.mapper.js';
import { ModelVersion } from '../model-versions/model-version.type.js';
import { toTrainingRun, type TrainingRunParent } from './run.mapper.js';
import { EpochMetric, RunConnection, TrainingRun } from './run.type.js';
import { RunsArgs } from './runs.args.js';
import { encodeCursor } from './runs.service.js';
import { TrainAllInput, TrainInput } from './train.input.js';

@Resolver(() => TrainingRun)
export class RunResolver {
  @Query(() => RunConnection, { description: 'Runs, newest first, filtered and paginated.' })
  async runs(@Args(() => RunsArgs) args: RunsArgs, @Ctx() { services }: Context): Promise<RunConnection> {
    // An explicit null filter means "no filter", as an omitted one does.
    const page = await services.runs.list({
      category: args.category ?? undefined,
      status: args.status ?? undefined,
      after: args.after ?? undefined,
      first: args.first ?? 20,
    });
    const uri = services.config.mlflow.trackingUri;
    const edges = page.rows.map((row) => ({
      cursor: encodeCursor(row),
      node: toTrainingRun(row, uri) as TrainingRun,
    }));
    return {
      edges,
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  @Query(() => TrainingRun, { nullable: true })
  async run(
    @Arg('id', () => ID) id: string,
    @Ctx() { services }: Context,
  ): Promise<TrainingRunParent | null> {
    const row = await services.runs.get(id);
    return row && toTrainingRun(row, services.config.mlflow.trackingUri);
  }

  @Mutation(() => [TrainingRun], {
    description: 'Queues one run per category and returns them at once (QUEUED).',
  })
  @UseMiddleware(RequireScope('train'))
  async train(
    @Arg('input', () => TrainInput) input: TrainInput,
    @Ctx() { services }: Context,
  ): Promise<TrainingRunParent[]> {
    const rows = await services.runs.enqueue(input);
    return rows.map((row) => toTrainingRun(row, services.config.mlflow.trackingUri));
  }

  @Mutation(() => [TrainingRun], {
    description:
      'Queues a run for every category that has sales (model AUTO by default: the champion is activated).',
  })
  @UseMiddleware(RequireScope('train'))
  async trainAll(
    @Arg('input', () => TrainAllInput, { nullable: true }) input: TrainAllInput | null,
    @Ctx() { services }: Context,
  ): Promise<TrainingRunParent[]> {
    const rows = await services.runs.enqueue({
      ...input,
      model: input?.model ?? 'AUTO',
      categories: await services.sales.namesWithSales(),
    });
    return rows.map((row) => toTrainingRun(row, services.config.mlflow.trackingUri));
  }

  @Mutation(() => TrainingRun, {
    description: 'Cancels a queued run, or stops a running one within its epoch.',
  })
  @UseMiddleware(RequireScope('train'))
  async cancelRun(@Arg('id', () => ID) id: string, @Ctx() { services }: Context): Promise<TrainingRunParent> {
    return toTrainingRun(await services.runs.cancel(id), services.config.mlflow.trackingUri);
  }

  @FieldResolver(() => [EpochMetric])
  epochs(@Root() run: TrainingRunParent, @Ctx() { services }: Context): Promise<EpochMetric[]> {
    return services.db.prisma.epochMetric.findMany({
      where: { runId: run.id },
      orderBy: { epoch: 'asc' },
      select: { epoch: true, trainLoss: true, valLoss: true, elapsedMs: true },
    });
  }

  @FieldResolver(() => ModelVersion, { nullable: true })
  async modelVersion(
    @Root() run: TrainingRunParent,
    @Ctx() { services }: Context,
  ): Promise<ModelVersion | null> {
    const row = await services.modelVersions.byRun(run.id);
    return row && toModelVersion(row);
  }

  @FieldResolver(() => [ModelVersion])
  async candidates(@Root() run: TrainingRunParent, @Ctx() { services }: Context): Promise<ModelVersion[]> {
    return (await services.modelVersions.candidates(run.id)).map((row) => toModelVersion(row));
  }
}

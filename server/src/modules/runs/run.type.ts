/**
 * GraphQL types of training runs: `TrainingRun`, its epochs and metrics, `RunStatus`, and the
 * Relay-style `RunConnection` of the `runs` query. Plain classes; resolvers fill them from `runs.service.ts`.
 */
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, JsonScalar } from '../../graphql/scalars.js';
import { ModelFamily } from '../model-versions/model-family.type.js';
import { ModelVersion } from '../model-versions/model-version.type.js';
import { RunMetrics } from './run-metrics.type.js';

export enum RunStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RunStatus, {
  name: 'RunStatus',
  description: 'QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED (a QUEUED run can also be CANCELLED).',
});

@ObjectType({
  description: 'One finished epoch. Losses are MSE on normalised values.',
  simpleResolvers: true,
})
export class EpochMetric {
  @Field(() => Int, { description: 'Numbered from 1.' }) epoch!: number;
  @Field(() => Float) trainLoss!: number;
  @Field(() => Float) valLoss!: number;
  @Field(() => Int) elapsedMs!: number;
}

@ObjectType({ description: 'A training run of one category.' })
export class TrainingRun {
  @Field(() => ID) id!: string;
  @Field(() => String) category!: string;
  @Field(() => RunStatus) status!: RunStatus;
  @Field(() => String) experimentName!: string;
  @Field(() => JsonScalar) hyperparameters!: Record<string, unknown>;
  @Field(() => String, { nullable: true, description: 'TF.js backend the run trained on.' }) tfBackend!:
    string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) startedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) finishedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the run failed.' }) error!: string | null;
  @Field(() => Int, { description: 'Epochs this run trains for.' }) totalEpochs!: number;
  @Field(() => ModelFamily, { description: 'AUTO (every enabled family) or the one family it fits.' })
  model!: ModelFamily;
  @Field(() => Float, { nullable: true }) secondsPerEpoch!: number | null;
  @Field(() => [EpochMetric]) epochs!: EpochMetric[];
  @Field(() => RunMetrics, { nullable: true }) metrics!: RunMetrics | null;
  @Field(() => ModelVersion, {
    nullable: true,
    description: 'The version the run activated (its champion).',
  })
  modelVersion!: ModelVersion | null;
  @Field(() => [ModelVersion], {
    description: "The run's candidates, one version per family: the champion first, then by backtest MASE.",
  })
  candidates!: ModelVersion[];
  @Field(() => String, { nullable: true }) mlflowRunId!: string | null;
  @Field(() => String, { nullable: true }) mlflowUrl!: string | null;
  @Field(() => String, { nullable: true, description: 'DISABLED, PENDING, SYNCED or FAILED.' })
  mlflowSync!: string | null;
  @Field(() => String, { nullable: true, description: "MLflow's message when the sync FAILED." })
  mlflowError!: string | null;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType()
export class RunEdge {
  @Field(() => String) cursor!: string;
  @Field(() => TrainingRun) node!: TrainingRun;
}

@ObjectType()
export class RunConnection {
  @Field(() => [RunEdge]) edges!: RunEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

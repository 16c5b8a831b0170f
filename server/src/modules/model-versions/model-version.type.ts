/**
 * `ModelVersion`: a trained model of a category (one is active per category and serves `predict`).
 */
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { RunMetrics } from '../runs/run-metrics.type.js';
import { Backtest } from './backtest.type.js';
import { ModelFamily } from './model-family.type.js';

@ObjectType({ description: 'A trained model of a category.' })
export class ModelVersion {
  @Field(() => ID) id!: string;
  @Field(() => String) category!: string;
  @Field(() => ID, { description: 'The run that trained it.' }) runId!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => Boolean, { description: 'Serves predict for its category.' }) active!: boolean;
  @Field(() => Int) windowSize!: number;
  @Field(() => String) tfBackend!: string;
  @Field(() => RunMetrics, { nullable: true }) metrics!: RunMetrics | null;
  @Field(() => Float, { nullable: true, description: 'Nominal coverage of its forecast intervals.' })
  intervalCoverage!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Interval coverage measured on held-out validation errors.',
  })
  intervalValidationCoverage!: number | null;
  @Field(() => String, { description: '"api" or "cli" (imported from DATA_DIR/models).' }) source!: string;
  @Field(() => ModelFamily, { description: 'The model family (never AUTO).' }) family!: ModelFamily;
  @Field(() => Backtest, {
    nullable: true,
    description: 'Rolling-origin backtest; null when the history was too short.',
  })
  backtest!: Backtest | null;
  @Field(() => Boolean, { description: "Its run's pick among the run's candidates (AUTO runs fit several)." })
  champion!: boolean;
  @Field(() => Float, { nullable: true, description: 'Seconds the final fit took.' }) fitSeconds!:
    number | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Why the fit fell back to seasonal naive (failed or diverged): it then serves seasonal naive.',
  })
  fallback!: string | null;
  @Field(() => String, { nullable: true, description: 'URL of the evaluation plot PNG.' }) plotUrl!:
    string | null;
}

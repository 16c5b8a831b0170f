/**
 * `RunMetrics`: a run's validation metrics in sales units, the model against its naive and
 * seasonal-naive baselines. Its own file because both runs and model versions expose it.
 */
import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'Validation metrics in sales units: the model against its baselines.',
  simpleResolvers: true,
})
export class RunMetrics {
  @Field(() => Float) rmse!: number;
  @Field(() => Float) mae!: number;
  @Field(() => Float, { nullable: true, description: 'Model MAE / seasonal-naive MAE; < 1 beats it.' })
  mase!: number | null;
  @Field(() => Float) naiveRmse!: number;
  @Field(() => Float) naiveMae!: number;
  @Field(() => Float) seasonalNaiveRmse!: number;
  @Field(() => Float) seasonalNaiveMae!: number;
}

/**
 * `Backtest` and `BacktestFold` (PRODUCT.md "Models"): a candidate's rolling-origin backtest, summary and
 * folds, with each fold's forecast, interval and actual values (the web app draws the last fold).
 */
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars.js';

@ObjectType({
  description: 'One origin: the forecast of the next horizon days against what happened.',
  simpleResolvers: true,
})
export class BacktestFold {
  @Field(() => DateScalar, { description: 'First forecast day (the origin is the day before).' })
  startDate!: string;
  @Field(() => [DateScalar]) dates!: string[];
  @Field(() => [Float]) actual!: number[];
  @Field(() => [Float]) predicted!: number[];
  @Field(() => [Float], { description: 'Interval calibrated on the other folds.' }) lower!: number[];
  @Field(() => [Float]) upper!: number[];
  @Field(() => Float) mae!: number;
  @Field(() => Float) rmse!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'MAE / in-sample seasonal-naive MAE of the training days.',
  })
  mase!: number | null;
  @Field(() => Float, { nullable: true, description: 'Symmetric MAPE in percent (0–200).' })
  smape!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of actual days inside the interval.' })
  coverage!: number | null;
  @Field(() => String, { nullable: true, description: 'Why this fold fell back to seasonal naive.' })
  fallback!: string | null;
}

@ObjectType({
  description: 'Rolling-origin backtest: k origins over the end of the history, horizon H each.',
  simpleResolvers: true,
})
export class Backtest {
  @Field(() => Int) origins!: number;
  @Field(() => Int) horizon!: number;
  @Field(() => Float, { description: 'Mean of the folds.' }) mae!: number;
  @Field(() => Float, { description: 'Over every forecast day of every fold.' }) rmse!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Mean fold MASE (Hyndman: in-sample seasonal scaling, m = 7); < 1 beats seasonal naive.',
  })
  mase!: number | null;
  @Field(() => Float, { nullable: true }) smape!: number | null;
  @Field(() => Float, { nullable: true, description: 'Leave-one-fold-out coverage of the nominal interval.' })
  coverage!: number | null;
  @Field(() => Float, { description: 'Nominal interval coverage, e.g. 0.9.' }) nominalCoverage!: number;
  @Field(() => Int, { description: 'Folds whose forecast fell back to seasonal naive.' }) fallbacks!: number;
  @Field(() => [BacktestFold]) folds!: BacktestFold[];
}

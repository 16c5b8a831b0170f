/**
 * `predict(input)`: forecast with the category's active model version (scope `predict`).
 * @example mutation { predict(input: { category: "Beauty", series: [812, 640, 955, 701, 688, 1020, 1290, 830, 655, 940, 720, 699, 1105, 1310], horizon: 7 }) { values lower upper dates } }
 */
import { Arg, Ctx, Mutation, Resolver, UseMiddleware } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { RequireScope } from '../../graphql/require-scope.js';
import { Forecast } from './forecast.type.js';
import { PredictInput } from './predict.input.js';

@Resolver(() => Forecast)
export class ForecastResolver {
  @Mutation(() => Forecast, {
    description: 'Forecast the next horizon days from the last windowSize values.',
  })
  @UseMiddleware(RequireScope('predict'))
  predict(
    @Arg('input', () => PredictInput) input: PredictInput,
    @Ctx() { services }: Context,
  ): Promise<Forecast> {
    return services.forecasts.predict({ ...input, horizon: input.horizon ?? 1 });
  }
}

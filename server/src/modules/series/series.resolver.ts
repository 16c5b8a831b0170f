/**
 * `series(category, from, to, rollingWindow)`.
 * @example query { series(category: "Beauty", from: "2024-01-01", rollingWindow: 7) { points { date value rollingAverage } } }
 */
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { SeriesArgs } from './series.args.js';
import { buildSeries } from './series.service.js';
import { Series } from './series.type.js';

@Resolver(() => Series)
export class SeriesResolver {
  @Query(() => Series, { description: "A category's daily sales with a rolling average." })
  series(@Args(() => SeriesArgs) args: SeriesArgs, @Ctx() { services }: Context): Promise<Series> {
    return buildSeries(services.sales, { ...args, rollingWindow: args.rollingWindow ?? 7 });
  }
}

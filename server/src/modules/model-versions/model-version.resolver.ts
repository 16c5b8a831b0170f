/**
 * `modelVersions(category)`: every version of a category, newest first; `activateModelVersion(id)`: make a
 * version the one `predict` serves for its category (pin a candidate, or roll back to an older version).
 * @example query { modelVersions(category: "Beauty") { id family active champion fitSeconds backtest { mase mae coverage } } }
 * @example mutation { activateModelVersion(id: "…") { id active family } }
 */
import { Arg, Ctx, ID, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { badUserInput, notFound } from '../../graphql/errors.js';
import { RequireScope } from '../../graphql/require-scope.js';
import { toModelVersion } from './model-version.mapper.js';
import { ModelVersion } from './model-version.type.js';

@Resolver(() => ModelVersion)
export class ModelVersionResolver {
  @Query(() => [ModelVersion])
  async modelVersions(
    @Arg('category', () => String) category: string,
    @Ctx() { services }: Context,
  ): Promise<ModelVersion[]> {
    if (!(await services.sales.category(category)))
      throw badUserInput(`unknown category "${category}"`, { field: 'category' });
    return (await services.modelVersions.list(category)).map((row) => toModelVersion(row));
  }

  @Mutation(() => ModelVersion, {
    description: "Makes a version its category's active one (served by predict): pin or roll back.",
  })
  @UseMiddleware(RequireScope('train'))
  async activateModelVersion(
    @Arg('id', () => ID) id: string,
    @Ctx() { services }: Context,
  ): Promise<ModelVersion> {
    const row = await services.modelVersions.activate(id);
    if (!row) throw notFound(`no model version with id "${id}"`, { id });
    services.forecasts.invalidate(row.category);
    return toModelVersion(row);
  }
}

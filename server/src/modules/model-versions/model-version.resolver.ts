/**
 * `modelVersions(category)`: every version of a category, newest first.
 * @example query { modelVersions(category: "Beauty") { id active createdAt metrics { mae seasonalNaiveMae } } }
 */
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { badUserInput } from '../../graphql/errors.js';
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
}

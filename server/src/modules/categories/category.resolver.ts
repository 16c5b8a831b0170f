/**
 * `categories`: the configured categories with their data statistics and active model.
 * @example query { categories { name days firstDate lastDate total activeModel { id createdAt } } }
 */
import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { toModelVersion } from '../model-versions/model-version.mapper.js';
import { ModelVersion } from '../model-versions/model-version.type.js';
import { Category } from './category.type.js';

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], { description: 'The configured categories, in config order.' })
  categories(@Ctx() { services }: Context): Omit<Category, 'activeModel'>[] {
    return services.data.categories.map((name) => services.data.stats(name));
  }

  @FieldResolver(() => ModelVersion, { nullable: true })
  async activeModel(@Root() category: Category, @Ctx() { services }: Context): Promise<ModelVersion | null> {
    const row = await services.modelVersions.active(category.name);
    return row && toModelVersion(row);
  }
}

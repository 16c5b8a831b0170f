/**
 * `categories` (a list, as the contract has it) and `categoriesConnection` (the same, paged with
 * cursors and a total): every category in the sales data, within the allow-list, filtered by name and
 * sorted; each with its active model (one query per page, not per category). `category(name:)` is one
 * of them by exact name, for pages that show a picked category's details without listing the catalogue.
 * @example query { categories(search: "beau", orderBy: { field: TOTAL, direction: DESC }, first: 20) { name days lastDate total newDays } }
 * @example query { categoriesConnection(first: 50, after: "NTA") { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }
 * @example query { category(name: "Beauty") { name lastDate activeModel { id windowSize } } }
 */
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { badUserInput } from '../../graphql/errors.js';
import { toModelVersion } from '../model-versions/model-version.mapper.js';
import { ModelVersion } from '../model-versions/model-version.type.js';
import { CategoriesArgs, CategoriesConnectionArgs } from './categories.args.js';
import type { CatalogueRow } from './category-catalogue.js';
import { Category, CategoryConnection } from './category.type.js';

type CategoryParent = CatalogueRow & { activeModel?: ModelVersion | null };

const encodeOffset = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
function decodeOffset(cursor: string): number {
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badUserInput('invalid cursor in "after"', { field: 'after' });
  return Number(match[1]);
}

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], {
    description: 'Categories of the sales data (within data.categories when set), by name unless ordered.',
  })
  async categories(
    @Args(() => CategoriesArgs) args: CategoriesArgs,
    @Ctx() { services }: Context,
  ): Promise<CategoryParent[]> {
    const rows = await services.catalogue.list({
      ...args,
      limit: args.first ?? undefined,
      offset: args.skip ?? 0,
    });
    return withActiveModels(rows, services);
  }

  @Query(() => CategoryConnection, { description: 'Categories, paged with cursors (for large catalogues).' })
  async categoriesConnection(
    @Args(() => CategoriesConnectionArgs) args: CategoriesConnectionArgs,
    @Ctx() { services }: Context,
  ): Promise<CategoryConnection> {
    const offset = args.after ? decodeOffset(args.after) + 1 : 0;
    const first = args.first ?? 50;
    const [rows, totalCount] = await Promise.all([
      services.catalogue.list({ ...args, limit: first + 1, offset }),
      services.catalogue.count(args),
    ]);
    const page = await withActiveModels(rows.slice(0, first), services);
    const edges = page.map((node, i) => ({ cursor: encodeOffset(offset + i), node }));
    return {
      edges,
      totalCount,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  @Query(() => Category, {
    nullable: true,
    description: 'One category by its exact name (within data.categories when set); null when there is none.',
  })
  async category(
    @Arg('name', () => String) name: string,
    @Ctx() { services }: Context,
  ): Promise<CategoryParent | null> {
    const rows = await services.catalogue.list({ name, limit: 1 });
    return (await withActiveModels(rows, services))[0] ?? null;
  }

  @FieldResolver(() => ModelVersion, { nullable: true })
  activeModel(@Root() category: CategoryParent): ModelVersion | null {
    return category.activeModel ?? null;
  }
}

async function withActiveModels(
  rows: CatalogueRow[],
  services: Context['services'],
): Promise<CategoryParent[]> {
  const versions = await services.modelVersions.activeOf(rows.map((row) => row.name));
  return rows.map((row) => {
    const version = versions.get(row.name);
    return { ...row, activeModel: version ? toModelVersion(version) : null };
  });
}

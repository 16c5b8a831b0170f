/**
 * `Category`: a category of the sales data with statistics of its data and its active model, and the
 * `CategoryConnection` of `categoriesConnection`.
 */
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars.js';
import { ModelVersion } from '../model-versions/model-version.type.js';
import { PageInfo } from '../runs/run.type.js';

@ObjectType({ description: 'A product category of the sales data.' })
export class Category {
  @Field(() => String) name!: string;
  @Field(() => Int, { description: 'Days from the first to the last sale (gaps count as 0).' }) days!: number;
  @Field(() => DateScalar, { nullable: true }) firstDate!: string | null;
  @Field(() => DateScalar, { nullable: true }) lastDate!: string | null;
  @Field(() => Float, { description: 'Total sales amount.' }) total!: number;
  @Field(() => ModelVersion, { nullable: true }) activeModel!: ModelVersion | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day of the data the active model was trained on.',
  })
  trainedThrough!: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Days of data newer than what the active model was trained on (null: no active model).',
  })
  newDays!: number | null;
}

@ObjectType()
export class CategoryEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Category) node!: Omit<Category, 'activeModel'>;
}

@ObjectType({ description: 'A page of categories; cursors are opaque.' })
export class CategoryConnection {
  @Field(() => [CategoryEdge]) edges!: CategoryEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

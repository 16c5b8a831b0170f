/**
 * `Category`: a configured category with statistics of its data and its active model.
 */
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars.js';
import { ModelVersion } from '../model-versions/model-version.type.js';

@ObjectType({ description: 'A configured product category.' })
export class Category {
  @Field(() => String) name!: string;
  @Field(() => Int, { description: 'Days from the first to the last sale (gaps count as 0).' }) days!: number;
  @Field(() => DateScalar, { nullable: true }) firstDate!: string | null;
  @Field(() => DateScalar, { nullable: true }) lastDate!: string | null;
  @Field(() => Float, { description: 'Total sales amount.' }) total!: number;
  @Field(() => ModelVersion, { nullable: true }) activeModel!: ModelVersion | null;
}

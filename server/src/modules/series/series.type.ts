/**
 * `Series`: a category's daily sales with a trailing rolling average.
 */
import { Field, Float, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars.js';

// A series is ~1,100 points of 3 fields: plain property reads, no per-field middleware.
@ObjectType({ simpleResolvers: true })
export class SeriesPoint {
  @Field(() => DateScalar) date!: string;
  @Field(() => Float) value!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Mean of this and the previous rollingWindow − 1 days.',
  })
  rollingAverage!: number | null;
}

@ObjectType()
export class Series {
  @Field(() => String) category!: string;
  @Field(() => [SeriesPoint]) points!: SeriesPoint[];
}

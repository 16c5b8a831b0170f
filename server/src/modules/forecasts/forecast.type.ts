/**
 * `Forecast`: the values of the next `horizon` days with their prediction interval.
 */
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars.js';

@ObjectType({ description: 'Forecast values and interval bounds, one per day ahead.' })
export class Forecast {
  @Field(() => String) category!: string;
  @Field(() => ID) modelVersionId!: string;
  @Field(() => [Float]) values!: number[];
  @Field(() => [Float]) lower!: number[];
  @Field(() => [Float]) upper!: number[];
  @Field(() => [DateScalar], {
    nullable: true,
    description: "Days forecast, when the series ends at the data's last day (it equals the latest values).",
  })
  dates!: string[] | null;
  @Field(() => Float, { description: 'Nominal coverage of lower/upper, e.g. 0.9.' })
  intervalCoverage!: number;
}

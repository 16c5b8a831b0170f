/**
 * Arguments of `series` (an ArgsType keeps their declared order in the SDL).
 */
import { ArgsType, Field, Int } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars.js';

@ArgsType()
export class SeriesArgs {
  @Field(() => String) category!: string;
  @Field(() => DateScalar, { nullable: true, description: 'First day, inclusive.' }) from?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Last day, inclusive.' }) to?: string | null;
  @Field(() => Int, { nullable: true, defaultValue: 7, description: 'Days in the rolling average, 1–365.' })
  rollingWindow?: number | null;
}

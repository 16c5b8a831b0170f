/**
 * Arguments of the `trainingProgress` subscription: none (every run), a run, or a category.
 */
import { ArgsType, Field, ID } from 'type-graphql';

@ArgsType()
export class TrainingProgressArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Only this run; the subscription ends after its last event.',
  })
  runId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only runs of this category.' }) category?:
    string | null;
}

/**
 * GraphQL types of sales writes and updates: `SalesWriteResult` (what `recordSales` did) and
 * `SalesUpdate` (one event of `salesUpdated`: a category's data moved on).
 */
import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars.js';
import { TrainingRun } from '../runs/run.type.js';

@ObjectType({ description: 'What one recordSales call wrote.' })
export class SalesWriteResult {
  @Field(() => Int, { description: 'Rows added to the daily totals.' }) accepted!: number;
  @Field(() => Int, {
    description: 'Rows whose (source, transactionId) was already stored: nothing changed.',
  })
  duplicates!: number;
  @Field(() => [String], { description: 'Categories whose totals changed, by name.' })
  categoriesTouched!: string[];
  @Field(() => [TrainingRun], { description: 'Runs the retrain policy queued (config retrain).' })
  queuedRuns!: TrainingRun[];
}

@ObjectType({ description: "A category's sales changed; its dates after the change." })
export class SalesUpdate {
  @Field(() => String) category!: string;
  @Field(() => DateScalar) firstDate!: string;
  @Field(() => DateScalar) lastDate!: string;
  @Field(() => Int, { description: 'Days from the first to the last sale.' }) days!: number;
}

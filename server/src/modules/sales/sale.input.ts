/**
 * `SaleInput` (the contract) and the arguments of `recordSales`. The rows are checked by ml/data/check-sale.ts
 * in sales-writer.ts, not by class-validator: one set of rules for the API and the CSV import, and a
 * per-row report (index, field, code) that a validation library would not give.
 */
import { Field, Float, InputType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars.js';

@InputType({ description: 'One sale, or a return (negative amount).' })
export class SaleInput {
  @Field(() => DateScalar, { description: 'The business day of the sale.' }) date!: string;
  @Field(() => String, { description: 'Trimmed; 1–100 characters.' }) category!: string;
  @Field(() => Float, { description: 'Finite, at most ±1e12; stored to 4 decimals.' }) amount!: number;
  @Field(() => String, {
    nullable: true,
    description:
      "The sending system's id of the sale: a row whose (source, transactionId) was stored before changes nothing.",
  })
  transactionId?: string | null;
}

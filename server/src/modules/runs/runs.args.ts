/**
 * Arguments of the `runs` query: filters and cursor pagination (newest first).
 */
import { IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { RunStatus } from './run.type.js';

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class RunsArgs {
  @Field(() => String, { nullable: true }) category?: string | null;

  @Field(() => RunStatus, { nullable: true }) status?: RunStatus | null;

  @Field(() => Int, { nullable: true, defaultValue: 20, description: `Page size, 1–${MAX_PAGE_SIZE}.` })
  @IsOptional()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  @IsOptional()
  after?: string | null;
}

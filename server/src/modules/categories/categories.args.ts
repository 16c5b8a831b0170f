/**
 * Arguments of `categories` and `categoriesConnection`: a name filter, an order, and paging (an offset
 * for the plain list, cursors for the connection).
 */
import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';

export enum CategoryOrderField {
  NAME = 'NAME',
  TOTAL = 'TOTAL',
  LAST_DATE = 'LAST_DATE',
}
registerEnumType(CategoryOrderField, { name: 'CategoryOrderField' });

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

export const MAX_CATEGORY_PAGE = 1000;

@InputType({ description: 'Sort order; ties are broken by name. Categories without sales sort last.' })
export class CategoryOrder {
  @Field(() => CategoryOrderField) field!: CategoryOrderField;
  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC }) direction!: OrderDirection;
}

@ArgsType()
export class CategoryFilterArgs {
  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name.' })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;

  @Field(() => CategoryOrder, { nullable: true, description: 'Default: by name, ascending.' })
  orderBy?: CategoryOrder | null;
}

@ArgsType()
export class CategoriesArgs extends CategoryFilterArgs {
  @Field(() => Int, {
    nullable: true,
    description: `At most this many (1–${MAX_CATEGORY_PAGE}); default: all.`,
  })
  @IsOptional()
  @Min(1)
  @Max(MAX_CATEGORY_PAGE)
  first?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: 'Categories to skip.' })
  @IsOptional()
  @Min(0)
  skip?: number | null;
}

@ArgsType()
export class CategoriesConnectionArgs extends CategoryFilterArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50, description: `Page size, 1–${MAX_CATEGORY_PAGE}.` })
  @IsOptional()
  @Min(1)
  @Max(MAX_CATEGORY_PAGE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  @IsOptional()
  after?: string | null;
}

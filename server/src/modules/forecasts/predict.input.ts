/**
 * Input of `predict`: the category, its last `windowSize` daily values (sales units) and the horizon.
 * Ranges are declared here; the length check needs the model, so the service does it.
 */
import { ArrayMaxSize, ArrayMinSize, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';

export const MAX_HORIZON = 365;
/** Daily sales beyond this are not sales but a typo or an attack on float precision. */
export const MAX_ABS_VALUE = 1e12;

@InputType({ description: 'A forecast request.' })
export class PredictInput {
  @Field(() => String) category!: string;

  @Field(() => [Float], { description: "The category's last windowSize daily values, oldest first." })
  @ArrayMinSize(1)
  @ArrayMaxSize(366)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  @Min(-MAX_ABS_VALUE, { each: true })
  @Max(MAX_ABS_VALUE, { each: true })
  series!: number[];

  @Field(() => Int, { nullable: true, defaultValue: 1, description: `Days ahead, 1–${MAX_HORIZON}.` })
  @IsOptional()
  @Min(1)
  @Max(MAX_HORIZON)
  horizon?: number | null;
}

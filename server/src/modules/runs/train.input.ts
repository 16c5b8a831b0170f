/**
 * Inputs of `train` and `trainAll`, with their ranges declared by class-validator (TypeGraphQL validates
 * them before the resolver runs; a violation is BAD_USER_INPUT naming the field). Category names are
 * checked against the configuration by the service.
 */
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Max, Min } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';
import { ModelFamily } from '../model-versions/model-family.type.js';

/** Limits of per-run overrides; generous for experiments, but no run that could never finish. */
export const TRAIN_LIMITS = {
  maxEpochs: 1000,
  maxBatchSize: 4096,
  maxWindowSize: 365,
  maxLearningRate: 1,
} as const;

@InputType({ description: 'Hyperparameter overrides shared by train and trainAll; unset means config.yaml.' })
export class TrainAllInput {
  @Field(() => String, {
    nullable: true,
    description: 'MLflow experiment; default training.experiment_name.',
  })
  @IsOptional()
  @Length(1, 200)
  experimentName?: string;

  @Field(() => Int, { nullable: true, description: `1–${TRAIN_LIMITS.maxEpochs}.` })
  @IsOptional()
  @Min(1)
  @Max(TRAIN_LIMITS.maxEpochs)
  epochs?: number;

  @Field(() => Float, { nullable: true, description: `> 0 and ≤ ${TRAIN_LIMITS.maxLearningRate}.` })
  @IsOptional()
  @Min(Number.MIN_VALUE)
  @Max(TRAIN_LIMITS.maxLearningRate)
  learningRate?: number;

  @Field(() => Int, { nullable: true, description: `1–${TRAIN_LIMITS.maxBatchSize}.` })
  @IsOptional()
  @Min(1)
  @Max(TRAIN_LIMITS.maxBatchSize)
  batchSize?: number;

  @Field(() => Int, {
    nullable: true,
    description: `Days per input window, 7–${TRAIN_LIMITS.maxWindowSize}.`,
  })
  @IsOptional()
  @Min(7)
  @Max(TRAIN_LIMITS.maxWindowSize)
  windowSize?: number;

  @Field(() => ModelFamily, {
    nullable: true,
    defaultValue: ModelFamily.AUTO,
    description: 'AUTO: fit every enabled family, backtest them, activate the best; or one family.',
  })
  @IsOptional()
  model?: ModelFamily | null;
}

@InputType({ description: 'Which categories to train, with optional overrides.' })
export class TrainInput extends TrainAllInput {
  @Field(() => [String], { description: 'Configured category names, at least one, no duplicates.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  categories!: string[];

  @Field(() => ModelFamily, {
    nullable: true,
    defaultValue: ModelFamily.CNN_LSTM,
    description: 'The family to train (CNN_LSTM by default), or AUTO for every enabled family.',
  })
  @IsOptional()
  override model?: ModelFamily | null = ModelFamily.CNN_LSTM;
}

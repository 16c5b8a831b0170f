/**
 * `TrainingEvent`, what the `trainingProgress` subscription delivers.
 *
 * Contract: per run, EPOCH events arrive in epoch order, once each; STATUS events mark every status change
 * (RUNNING when training starts, then exactly one terminal SUCCEEDED | FAILED | CANCELLED, the run's last
 * event). A subscriber joining mid-run first receives the stored epochs of the runs it watches (and their
 * current status), then live events; an epoch is never sent twice and none is skipped at the seam.
 * CANDIDATE_STARTED / CANDIDATE_FINISHED: once per family of the run (AUTO runs fit several), the
 * CNN-LSTM's epochs between its two; replayed after the stored epochs, never twice.
 */
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ModelFamily } from '../model-versions/model-family.type.js';
import { RunStatus } from './run.type.js';

export enum TrainingEventType {
  EPOCH = 'EPOCH',
  STATUS = 'STATUS',
  /** A candidate family of the run started fitting. */
  CANDIDATE_STARTED = 'CANDIDATE_STARTED',
  /** A candidate finished (backtest fields set) or failed (`error` set). */
  CANDIDATE_FINISHED = 'CANDIDATE_FINISHED',
}
registerEnumType(TrainingEventType, { name: 'TrainingEventType' });

// simpleResolvers: plain property reads, no TypeGraphQL middleware per field. Each event is executed once
// per subscriber (1,000+ at a time), so per-field overhead is multiplied by the audience.
@ObjectType({
  description: 'An epoch finished (EPOCH) or a run changed status (STATUS).',
  simpleResolvers: true,
})
export class TrainingEvent {
  @Field(() => ID) runId!: string;
  @Field(() => String) category!: string;
  @Field(() => TrainingEventType) type!: TrainingEventType;
  @Field(() => RunStatus, { description: 'The run status when the event was emitted.' }) status!: RunStatus;
  @Field(() => Int, { nullable: true }) epoch!: number | null;
  @Field(() => Int) totalEpochs!: number;
  @Field(() => Float, { nullable: true }) trainLoss!: number | null;
  @Field(() => Float, { nullable: true }) valLoss!: number | null;
  @Field(() => Int, { nullable: true }) elapsedMs!: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'On a FAILED status event or a failed candidate: why.',
  })
  error!: string | null;
  @Field(() => ModelFamily, { nullable: true, description: 'CANDIDATE_* events: the family.' })
  family?: ModelFamily | null;
  @Field(() => ID, { nullable: true, description: 'CANDIDATE_FINISHED: the version it produced.' })
  modelVersionId?: string | null;
  @Field(() => Float, { nullable: true, description: 'CANDIDATE_FINISHED: mean backtest MAE.' })
  backtestMae?: number | null;
  @Field(() => Float, { nullable: true, description: 'CANDIDATE_FINISHED: mean backtest MASE.' })
  backtestMase?: number | null;
  @Field(() => Float, { nullable: true, description: 'CANDIDATE_FINISHED: backtest interval coverage.' })
  backtestCoverage?: number | null;
  @Field(() => Float, { nullable: true, description: 'CANDIDATE_FINISHED: seconds of the final fit.' })
  fitSeconds?: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'CANDIDATE_FINISHED: why it fell back to seasonal naive.',
  })
  fallback?: string | null;
}

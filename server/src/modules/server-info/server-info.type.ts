/**
 * `ServerInfo`: what this server runs on (version, TF.js backend, database kind, MLflow status, with the
 * MLflow sync's backlog and outage).
 */
import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';

@ObjectType()
export class MlflowStatus {
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => Boolean) reachable!: boolean;
  @Field(() => String, { nullable: true }) trackingUri!: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Writes queued for MLflow, not yet acknowledged (0 when disabled; null if unknown).',
  })
  pendingWrites!: number | null;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Since when MLflow has not answered the sync (null while it answers).',
  })
  unreachableSince!: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why the sync cannot reach MLflow (null while it can).',
  })
  lastError!: string | null;
}

@ObjectType()
export class ServerInfo {
  @Field(() => String) version!: string;
  @Field(() => String, { description: 'TF.js backend (training, and forecasts when servingEngine is tfjs).' })
  tfBackend!: string;
  @Field(() => String, {
    description: 'What computes CNN-LSTM forecasts: e.g. "onnxruntime 1.30.0", or "tfjs" (serving.engine).',
  })
  servingEngine!: string;
  @Field(() => String, { description: '"embedded" (PGlite) or "postgres".' }) database!: string;
  @Field(() => MlflowStatus) mlflow!: MlflowStatus;
  @Field(() => String, { description: 'The GraphQL path (HTTP, WebSocket and playground).' })
  graphqlPath!: string;
}

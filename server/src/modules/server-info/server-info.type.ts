/**
 * `ServerInfo`: what this server runs on (version, TF.js backend, database kind, MLflow status).
 */
import { Field, ObjectType } from 'type-graphql';

@ObjectType()
export class MlflowStatus {
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => Boolean) reachable!: boolean;
  @Field(() => String, { nullable: true }) trackingUri!: string | null;
}

@ObjectType()
export class ServerInfo {
  @Field(() => String) version!: string;
  @Field(() => String, { description: 'TF.js backend serving predictions, e.g. wasm or tensorflow.' })
  tfBackend!: string;
  @Field(() => String, { description: '"embedded" (PGlite) or "postgres".' }) database!: string;
  @Field(() => MlflowStatus) mlflow!: MlflowStatus;
  @Field(() => String, { description: 'The GraphQL path (HTTP, WebSocket and playground).' })
  graphqlPath!: string;
}

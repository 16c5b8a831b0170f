/**
 * `serverInfo`: version, TF.js backend, database kind and MLflow status.
 * @example query { serverInfo { version tfBackend database mlflow { enabled reachable trackingUri } } }
 */
import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { ServerInfo } from './server-info.type.js';

@Resolver(() => ServerInfo)
export class ServerInfoResolver {
  @Query(() => ServerInfo)
  serverInfo(@Ctx() { services }: Context): Promise<ServerInfo> {
    return services.serverInfo.info();
  }
}

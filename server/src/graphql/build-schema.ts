/**
 * Builds the executable schema from the resolvers (TypeGraphQL, class-validator on) and, when asked,
 * writes its SDL to `server/schema.graphql` (committed; CI fails when it drifts: `npm run schema:check`).
 */
import 'reflect-metadata';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPubSub } from '@graphql-yoga/subscription';
import type { GraphQLSchema } from 'graphql';
import { buildSchema as buildTypeGraphQLSchema } from 'type-graphql';
import { CategoryResolver } from '../modules/categories/category.resolver.js';
import { ForecastResolver } from '../modules/forecasts/forecast.resolver.js';
import { ModelVersionResolver } from '../modules/model-versions/model-version.resolver.js';
import { RunProgressResolver } from '../modules/runs/run-progress.resolver.js';
import { RunResolver } from '../modules/runs/run.resolver.js';
import { ImportResolver } from '../modules/imports/import.resolver.js';
import { SalesResolver } from '../modules/sales/sales.resolver.js';
import { SeriesResolver } from '../modules/series/series.resolver.js';
import { ServerInfoResolver } from '../modules/server-info/server-info.resolver.js';
import { DateTimeScalar } from './scalars.js';
import { validateArgument } from './validate-args.js';

/** Where the committed SDL lives. */
export const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema.graphql');

export async function buildSchema(options: { emitSchemaFile?: string | false } = {}): Promise<GraphQLSchema> {
  return buildTypeGraphQLSchema({
    resolvers: [
      CategoryResolver,
      SeriesResolver,
      SalesResolver,
      ImportResolver,
      RunResolver,
      RunProgressResolver,
      ModelVersionResolver,
      ForecastResolver,
      ServerInfoResolver,
    ],
    // TypeGraphQL insists on a pubSub when subscriptions exist; ours use `subscribe` with the RunEventHub,
    // so this one stays unused.
    pubSub: createPubSub(),
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // forbidUnknownValues off: our inputs are plain GraphQL objects, class-validator sees them as classes.
    validate: { forbidUnknownValues: false },
    validateFn: validateArgument,
    emitSchemaFile: options.emitSchemaFile ? { path: options.emitSchemaFile, sortedSchema: false } : false,
  });
}

/**
 * `createMetricsPlugin` inside a real ApolloServer (tiny schema, `executeOperation`): durations by
 * operation type and name, error counts by code (resolver, parse and validation errors), bounded labels;
 * and `observeSubscription`'s gauge updates.
 */
import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { createMetrics, type Metrics } from './metrics.js';
import { MAX_OPERATION_NAMES, createMetricsPlugin, observeSubscription } from './metrics.plugin.js';

const typeDefs = `#graphql
  type Query { hello: String!, missing: String }
  type Mutation { touch: Boolean! }
`;
const resolvers = {
  Query: {
    hello: () => 'world',
    missing: () => {
      throw new GraphQLError('no such thing', { extensions: { code: 'NOT_FOUND' } });
    },
  },
  Mutation: { touch: () => true },
};

/** Sample count per label set, read from the metric itself (not the text format). */
async function counts(metric: Metrics['graphqlOperationDuration']): Promise<Record<string, number>> {
  const { values } = await metric.get();
  const out: Record<string, number> = {};
  for (const v of values.filter((v) => v.metricName?.endsWith('_count'))) {
    out[`${v.labels.operation_type}/${v.labels.operation_name}`] = v.value;
  }
  return out;
}

async function errorCounts(metrics: Metrics): Promise<Record<string, number>> {
  const { values } = await metrics.graphqlErrors.get();
  return Object.fromEntries(values.map((v) => [String(v.labels.code), v.value]));
}

describe('createMetricsPlugin', () => {
  let metrics: Metrics;
  let server: ApolloServer;

  beforeAll(async () => {
    metrics = createMetrics({ collectDefault: false });
    server = new ApolloServer({ typeDefs, resolvers, plugins: [createMetricsPlugin(metrics)] });
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('should observe durations by operation type and name when operations run', async () => {
    await server.executeOperation({ query: 'query GetHello { hello }' });
    await server.executeOperation({ query: 'query GetHello { hello }' });
    await server.executeOperation({ query: '{ hello }' });
    await server.executeOperation({ query: 'mutation TouchIt { touch }' });
    expect(await counts(metrics.graphqlOperationDuration)).toMatchObject({
      'query/GetHello': 2,
      'query/anonymous': 1,
      'mutation/TouchIt': 1,
    });
    const { values } = await metrics.graphqlOperationDuration.get();
    const sum = values.find((v) => v.metricName?.endsWith('_sum') && v.labels.operation_name === 'GetHello');
    expect(sum?.value).toBeGreaterThan(0);
  });

  it('should count a resolver error by its extensions.code', async () => {
    await server.executeOperation({ query: 'query GetMissing { missing }' });
    expect((await errorCounts(metrics)).NOT_FOUND).toBe(1);
  });

  it('should count a validation error by its code when a field is unknown', async () => {
    const res = await server.executeOperation({ query: 'query Bad { nope }' });
    expect(res.body.kind === 'single' && res.body.singleResult.errors?.[0]?.extensions?.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    expect((await errorCounts(metrics)).GRAPHQL_VALIDATION_FAILED).toBe(1);
    expect((await counts(metrics.graphqlOperationDuration))['unknown/anonymous']).toBeGreaterThanOrEqual(1);
  });

  it('should count a parse error by its code when the document is malformed', async () => {
    await server.executeOperation({ query: '{ hello ' });
    expect((await errorCounts(metrics)).GRAPHQL_PARSE_FAILED).toBe(1);
  });

  it('should label a name longer than 64 characters as other', async () => {
    await server.executeOperation({ query: `query ${'L'.repeat(65)} { hello }` });
    expect((await counts(metrics.graphqlOperationDuration))['query/other']).toBe(1);
  });
});

describe('createMetricsPlugin label cap', () => {
  it('should label names past the distinct-name cap as other and keep the admitted ones', async () => {
    const metrics = createMetrics({ collectDefault: false });
    const server = new ApolloServer({ typeDefs, resolvers, plugins: [createMetricsPlugin(metrics)] });
    await server.start();
    try {
      for (let i = 0; i < MAX_OPERATION_NAMES + 5; i += 1) {
        await server.executeOperation({ query: `query Op${i} { hello }` });
      }
      await server.executeOperation({ query: 'query Op0 { hello }' });
      const seen = await counts(metrics.graphqlOperationDuration);
      expect(Object.keys(seen)).toHaveLength(MAX_OPERATION_NAMES + 1);
      expect(seen['query/other']).toBe(5);
      expect(seen['query/Op0']).toBe(2);
    } finally {
      await server.stop();
    }
  });
});

describe('observeSubscription', () => {
  it('should move liveSubscriptions up and down when operations start and complete', async () => {
    const metrics = createMetrics({ collectDefault: false });
    const hooks = observeSubscription(metrics);
    hooks.onSubscribe();
    hooks.onSubscribe();
    hooks.onComplete();
    const { values } = await metrics.liveSubscriptions.get();
    expect(values[0]?.value).toBe(1);
  });
});

import { describe, expect, it } from '@jest/globals';
import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type ExecutionArgs } from 'graphql';
import { groupKeyOf, SharedExecution } from './shared-execution.js';
import type { Scope } from '../modules/auth/scopes.js';

/** A schema whose one field counts its executions. */
function countingSchema() {
  const calls = { count: 0 };
  const Event = new GraphQLObjectType({
    name: 'Event',
    fields: {
      name: {
        type: GraphQLString,
        resolve: (event: { name: string }) => {
          calls.count++;
          return event.name;
        },
      },
    },
  });
  const field = { type: Event, resolve: (root: unknown) => root };
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { event: field } }),
    subscription: new GraphQLObjectType({ name: 'Subscription', fields: { event: field } }),
  });
  return { schema, calls };
}

const principal = (...scopes: Scope[]) => ({ kind: 'api-key' as const, scopes: new Set(scopes) });
const QUERY = 'subscription { event { name } }';

describe('SharedExecution', () => {
  const { schema, calls } = countingSchema();
  const args: ExecutionArgs = { schema, document: parse(QUERY) };
  const formatErrors = () => [];

  it('should execute an event once for two subscribers of the same document, variables and scope', () => {
    calls.count = 0;
    const shared = new SharedExecution(formatErrors);
    const key = groupKeyOf({ query: QUERY, variables: { a: 1 }, principal: principal('read') });
    const sameKey = groupKeyOf({ query: QUERY, variables: { a: 1 }, principal: principal('read') });
    const event = { name: 'epoch 1' };
    const first = shared.payloadFor(event, key, args);
    const second = shared.payloadFor(event, sameKey, args);
    expect(first).toBe('{"data":{"event":{"name":"epoch 1"}}}');
    expect(second).toBe(first);
    expect(calls.count).toBe(1);
    expect(shared.stats).toEqual({ executions: 1, reused: 1 });
  });

  it('should execute separately when the scope, variables or document differ', () => {
    calls.count = 0;
    const shared = new SharedExecution(formatErrors);
    const event = { name: 'epoch 2' };
    const keys = [
      groupKeyOf({ query: QUERY, principal: principal('read') }),
      groupKeyOf({ query: QUERY, principal: principal('read', 'train') }),
      groupKeyOf({ query: QUERY, variables: { a: 2 }, principal: principal('read') }),
      groupKeyOf({ query: `${QUERY} `, principal: principal('read') }),
    ];
    expect(new Set(keys).size).toBe(4);
    for (const key of keys) shared.payloadFor(event, key, args);
    expect(calls.count).toBe(4);
  });

  it('should execute each new event again (a result belongs to its event)', () => {
    calls.count = 0;
    const shared = new SharedExecution(formatErrors);
    const key = groupKeyOf({ query: QUERY, principal: principal('read') });
    expect(shared.payloadFor({ name: 'a' }, key, args)).toContain('"a"');
    expect(shared.payloadFor({ name: 'b' }, key, args)).toContain('"b"');
    expect(calls.count).toBe(2);
  });

  it('should format the errors of a result with the server formatter', () => {
    const shared = new SharedExecution((errors) =>
      errors.map((e) => ({ message: `formatted: ${e.message}` })),
    );
    const failing = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { x: { type: GraphQLString } } }),
      subscription: new GraphQLObjectType({
        name: 'Subscription',
        fields: {
          x: {
            type: GraphQLString,
            resolve: () => {
              throw new Error('boom');
            },
          },
        },
      }),
    });
    const payload = shared.payloadFor({}, 'k', { schema: failing, document: parse('subscription { x }') });
    expect(JSON.parse(payload as string)).toEqual({
      data: { x: null },
      errors: [{ message: 'formatted: boom' }],
    });
  });
});

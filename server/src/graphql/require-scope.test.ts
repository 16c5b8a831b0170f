import { describe, expect, it } from '@jest/globals';
import { getMetadataStorage } from 'type-graphql';
import { buildSchema } from './build-schema.js';
import type { ScopeMiddleware } from './require-scope.js';

describe('RequireScope', () => {
  it('should guard every mutation of the schema with a scope', async () => {
    const schema = await buildSchema();
    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {});
    const metadata = getMetadataStorage();
    const scopeOf = (name: string) => {
      const mutation = metadata.mutations.find((m) => m.schemaName === name);
      const guards = metadata.middlewares
        .filter((m) => m.target === mutation?.target && m.fieldName === mutation?.methodName)
        .flatMap((m) => m.middlewares)
        .filter((m): m is ScopeMiddleware => typeof m === 'function' && 'requiredScope' in m);
      return guards[0]?.requiredScope ?? 'MISSING';
    };
    const scopes = Object.fromEntries(mutations.map((name) => [name, scopeOf(name)]));
    expect(mutations.length).toBeGreaterThanOrEqual(4);
    expect(Object.entries(scopes).filter(([, scope]) => scope === 'MISSING')).toEqual([]);
    expect(scopes).toMatchObject({
      predict: 'predict',
      train: 'train',
      trainAll: 'train',
      cancelRun: 'train',
    });
  });
});

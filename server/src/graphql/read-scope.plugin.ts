/**
 * Apollo plugin: queries need the `read` scope (mutations are guarded field by field with RequireScope).
 * Checked once per operation, after it is parsed and validated, so no resolver runs for a caller who may
 * not read; answers 401 (no or invalid credentials) or 403 with the coded error.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context.js';
import { scopeError } from './require-scope.js';

export function createReadScopePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!operation || operation.operation === 'mutation') return;
          const error = scopeError(
            contextValue.principal,
            'read',
            `${operation.operation === 'query' ? 'queries' : 'subscriptions'}`,
          );
          if (!error) return;
          const status = error.extensions.code === 'FORBIDDEN' ? 403 : 401;
          Object.assign(error.extensions, { http: { status } });
          throw error;
        },
      };
    },
  };
}

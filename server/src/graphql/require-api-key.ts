/**
 * TypeGraphQL middleware for state-changing mutations (`train`, `trainAll`, `cancelRun`): when API_KEY
 * is set the caller must have presented it, else UNAUTHENTICATED and nothing runs.
 */
import type { MiddlewareFn } from 'type-graphql';
import type { Context } from './context.js';
import { unauthenticated } from './errors.js';

export const RequireApiKey: MiddlewareFn<Context> = async ({ context }, next) => {
  if (!context.authenticated) throw unauthenticated();
  return next();
};

/**
 * Who may do what, at the operation: `RequireScope(scope)` guards a mutation (scope missing →
 * UNAUTHENTICATED without valid credentials, FORBIDDEN with them, naming the scope and the roles that
 * have it), then counts the call against the scope's rate limit (RATE_LIMITED with `retryAfter`).
 * `scopeError` is the same check for the read scope of queries and subscriptions (read-scope.plugin.ts,
 * ws-auth.ts). Every mutation carries a RequireScope: require-scope.test.ts fails for one that does not.
 * @example @Mutation(() => [TrainingRun]) @UseMiddleware(RequireScope('train')) train(...) {...}
 */
import type { GraphQLError } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import type { Principal } from '../modules/auth/principal.js';
import { rolesWith, SCOPE_MEANING, type Scope } from '../modules/auth/scopes.js';
import type { Context } from './context.js';
import { forbidden, rateLimited, unauthenticated } from './errors.js';

/** A middleware that knows its scope (for the test that every mutation has one). */
export type ScopeMiddleware = MiddlewareFn<Context> & { requiredScope: Scope };

/**
 * Why `principal` may not do what needs `scope`, or undefined when it may.
 * @param what the operation, for the message (e.g. `train`, `queries`).
 */
export function scopeError(principal: Principal, scope: Scope, what: string): GraphQLError | undefined {
  if (principal.scopes.has(scope)) return undefined;
  if (principal.kind === 'invalid')
    return unauthenticated('the API key or session is not valid (unknown, revoked or expired)');
  if (principal.kind === 'anonymous')
    return unauthenticated(
      `credentials needed for ${what}: an API key with the "${scope}" scope (Authorization: Bearer <key>) or a signed-in session`,
    );
  const who = principal.role ? `${principal.label} (${principal.role})` : `key "${principal.label}"`;
  return forbidden(
    `${who} may not use ${what}: it needs the "${scope}" scope (${SCOPE_MEANING[scope]}; roles: ${rolesWith(scope).join(', ')})`,
    scope,
  );
}

/** Guards a resolver with a scope and that scope's rate limit (none for `read`). */
export function RequireScope(scope: Scope): ScopeMiddleware {
  const middleware: MiddlewareFn<Context> = async ({ context, info }, next) => {
    const { principal, services } = context;
    const error = scopeError(principal, scope, info.fieldName);
    if (error) throw error;
    if (scope !== 'read') {
      const retryAfter = await services.auth.rateLimits.consume(scope, principal.rateKey);
      if (retryAfter !== undefined)
        throw rateLimited(`too many ${scope} calls: try again in ${retryAfter} s`, retryAfter);
    }
    return next();
  };
  return Object.assign(middleware, { requiredScope: scope });
}

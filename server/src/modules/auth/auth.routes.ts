/**
 * The `/auth` HTTP routes the web app's server calls for its users (no GraphQL: a session token must
 * never reach a browser through the GraphQL proxy):
 * - `GET /auth/session` → `{ protected, principal }`: is sign-in needed, and who the bearer token is.
 * - `POST /auth/sessions` `{ email, password }` → 201 `{ token, expiresAt, user }`; 401 wrong, 429 too many
 *   attempts for that email (api.rate_limits.sign_in, with Retry-After).
 * - `DELETE /auth/sessions/current` (bearer session token) → 204: signs out.
 * - `POST /auth/ws-tickets` (bearer session token) → 201 `{ ticket, expiresAt }` for graphql-ws.
 * Errors are `{ error: { code, message } }`. Also `requireScopeRoute` for plain HTTP routes (plots).
 */
import express from 'express';
import { tokenFromHeaders } from '../../graphql/context.js';
import type { AuthServices } from './auth-services.js';
import { describePrincipal } from './principal.js';
import type { Scope } from './scopes.js';
import { tokenKind } from './tokens.js';

const fail = (res: express.Response, status: number, code: string, message: string) =>
  void res.status(status).json({ error: { code, message } });

/** The `/auth` router; mount with `app.use(router)`. */
export function createAuthRouter(auth: AuthServices): express.Router {
  const router = express.Router();
  const session = (req: express.Request) => {
    const token = tokenFromHeaders(req.headers);
    return token && tokenKind(token) === 'session' ? token : undefined;
  };
  const wrap =
    (handler: (req: express.Request, res: express.Response) => Promise<void>): express.RequestHandler =>
    (req, res, next) =>
      void handler(req, res).catch(next);
  router.use('/auth', express.json({ limit: '4kb' }), (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.get(
    '/auth/session',
    wrap(async (req, res) => {
      const principal = await auth.authenticator.authenticate({
        token: tokenFromHeaders(req.headers),
        ip: req.ip,
      });
      res.json({
        protected: await auth.authenticator.isProtected(),
        principal: describePrincipal(principal),
      });
    }),
  );

  router.post(
    '/auth/sessions',
    wrap(async (req, res) => {
      const { email, password } = (req.body ?? {}) as { email?: unknown; password?: unknown };
      if (typeof email !== 'string' || typeof password !== 'string')
        return fail(res, 400, 'BAD_USER_INPUT', 'send JSON { "email": "…", "password": "…" }');
      // Per account, not per address: the web app's server is one address for all its users.
      const retryAfter = await auth.rateLimits.consume('sign_in', `email:${email.trim().toLowerCase()}`);
      if (retryAfter !== undefined) {
        res.set('Retry-After', String(retryAfter));
        return fail(res, 429, 'RATE_LIMITED', `too many sign-in attempts: try again in ${retryAfter} s`);
      }
      const signedIn = await auth.sessions.signIn(email, password);
      if (!signedIn) return fail(res, 401, 'UNAUTHENTICATED', 'wrong email or password');
      await auth.rateLimits.reset('sign_in', `email:${signedIn.user.email}`);
      const { token, expiresAt, user } = signedIn;
      res.status(201).json({ token, expiresAt, user: { email: user.email, role: user.role } });
    }),
  );

  router.delete(
    '/auth/sessions/current',
    wrap(async (req, res) => {
      const token = session(req);
      if (token) await auth.sessions.signOut(token);
      res.status(204).end();
    }),
  );

  router.post(
    '/auth/ws-tickets',
    wrap(async (req, res) => {
      const token = session(req);
      const current = token && (await auth.sessions.resolve(token));
      if (!current)
        return fail(
          res,
          401,
          'UNAUTHENTICATED',
          'a ticket needs a live session (Authorization: Bearer <session token>)',
        );
      res.status(201).json(await auth.sessions.mintTicket(current.sessionId));
    }),
  );
  return router;
}

/** Express middleware: the route needs `scope` (401 without valid credentials, 403 without the scope). */
export function requireScopeRoute(auth: AuthServices, scope: Scope): express.RequestHandler {
  return (req, res, next) => {
    auth.authenticator
      .authenticate({ token: tokenFromHeaders(req.headers), ip: req.ip })
      .then((principal) => {
        if (principal.scopes.has(scope)) return next();
        const anonymous = principal.kind === 'anonymous' || principal.kind === 'invalid';
        fail(
          res,
          anonymous ? 401 : 403,
          anonymous ? 'UNAUTHENTICATED' : 'FORBIDDEN',
          `this needs the "${scope}" scope`,
        );
      }, next);
  };
}

/**
 * Turns presented credentials into a `Principal`: the API_KEY (an admin key), a key made with the keys
 * CLI, a session token, or a WebSocket connection's session. The API is protected as soon as any of
 * those can exist (API_KEY set, an unrevoked key, or a user); until then every caller is `open`, as
 * before keys existed. Built once by app.ts; called per HTTP request and per WebSocket operation.
 */
import { timingSafeEqual } from 'node:crypto';
import type { ApiKeysService } from './api-keys.service.js';
import {
  adminKeyPrincipal,
  anonymousPrincipal,
  invalidPrincipal,
  openPrincipal,
  type Principal,
} from './principal.js';
import { ROLE_SCOPES, type Scope } from './scopes.js';
import type { SessionsService, SessionUser } from './sessions.service.js';
import { tokenKind } from './tokens.js';
import type { UsersService } from './users.service.js';

/** What a caller presented. */
export interface Credentials {
  /** `Authorization: Bearer …` or `x-api-key`: API_KEY, an `sfk_` key or an `sfs_` session token. */
  token?: string;
  /** A WebSocket connection's session, from the ticket it redeemed at `connection_init`. */
  sessionId?: string;
  /** The caller's address: anonymous callers are rate-limited by it. */
  ip?: string;
}

export interface AuthenticatorOptions {
  /** API_KEY: valid as an admin key; when set the API is always protected. */
  adminKey?: string;
  apiKeys: ApiKeysService;
  users: UsersService;
  sessions: SessionsService;
  /** How long "is the API protected" is cached; a key made by the CLI counts after at most this. @default 1000 */
  protectionCacheMs?: number;
}

/** Compares a presented secret with API_KEY in constant time. */
export function isAdminKey(expected: string | undefined, presented: string): boolean {
  if (!expected) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class Authenticator {
  private protection?: { value: Promise<boolean>; at: number };

  constructor(private readonly options: AuthenticatorOptions) {}

  /** Whether callers need credentials: API_KEY is set, or an unrevoked key or a user exists. */
  isProtected(): Promise<boolean> {
    if (this.options.adminKey) return Promise.resolve(true);
    const now = Date.now();
    if (!this.protection || now - this.protection.at > (this.options.protectionCacheMs ?? 1000)) {
      const value = Promise.all([this.options.apiKeys.anyActive(), this.options.users.any()]).then(
        ([keys, users]) => keys || users,
      );
      // A failed look-up is not cached: the next caller asks again.
      value.catch(() => (this.protection = undefined));
      this.protection = { value, at: now };
    }
    return this.protection.value;
  }

  /** Forgets the cached protection state (after this process made a key or a user). */
  invalidate(): void {
    this.protection = undefined;
  }

  /** The principal of a request or operation. Never throws for bad credentials: they give `invalid`. */
  async authenticate(credentials: Credentials): Promise<Principal> {
    const ip = credentials.ip ?? 'unknown';
    if (!(await this.isProtected())) return openPrincipal(ip);
    const { token, sessionId } = credentials;
    if (sessionId) return this.fromSession(await this.options.sessions.resolveById(sessionId), ip);
    if (!token) return anonymousPrincipal(ip);
    if (isAdminKey(this.options.adminKey, token)) return adminKeyPrincipal();
    const kind = tokenKind(token);
    if (kind === 'session') return this.fromSession(await this.options.sessions.resolve(token), ip);
    if (kind !== 'key') return invalidPrincipal(ip);
    const key = await this.options.apiKeys.verify(token);
    if (!key) return invalidPrincipal(ip);
    return { kind: 'api-key', scopes: new Set<Scope>(key.scopes), label: key.name, rateKey: `key:${key.id}` };
  }

  private fromSession(session: SessionUser | null, ip: string): Principal {
    if (!session) return invalidPrincipal(ip);
    const { user } = session;
    return {
      kind: 'user',
      scopes: new Set(ROLE_SCOPES[user.role]),
      label: user.email,
      role: user.role,
      rateKey: `user:${user.id}`,
    };
  }
}

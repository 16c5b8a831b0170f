/**
 * Per-client API keys: created (the key is returned once, only its SHA-256 stored), listed, revoked, and
 * looked up by the authenticator on each request, which records when a key was last used. Called by the
 * keys CLI (`npm run keys`) and `authenticator.ts`. GraphQL-free.
 */
import type { PrismaClient } from '../../generated/prisma/client.js';
import { parseScopes, type Scope } from './scopes.js';
import { createToken, hashToken } from './tokens.js';

/** A key as listed: never the key itself. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Thrown for a bad name, a name in use or an unknown key: the CLI prints it as a usage error. */
export class ApiKeyError extends Error {
  override readonly name = 'ApiKeyError';
}

const NAME = /^[\w.@-]{1,64}$/;
// lastUsedAt is written at most this often per key: a busy client must not turn every request into a write.
const TOUCH_EVERY_MS = 60_000;
const SELECT = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export class ApiKeysService {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Creates a key.
   * @returns the key (shown once: it cannot be read back) and its listing.
   * @throws ApiKeyError when the name is malformed or an unrevoked key has it.
   */
  async create(input: {
    name: string;
    scopes: readonly Scope[];
  }): Promise<{ key: string; info: ApiKeyInfo }> {
    if (!NAME.test(input.name))
      throw new ApiKeyError(`key name must be 1-64 letters, digits, or . _ @ - (got "${input.name}")`);
    const scopes = parseScopes(input.scopes.join(','));
    const key = createToken('key');
    try {
      const info = await this.prisma.apiKey.create({
        data: { name: input.name, scopes, keyHash: hashToken(key), prefix: key.slice(0, 12) },
        select: SELECT,
      });
      return { key, info: info as ApiKeyInfo };
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002')
        throw new ApiKeyError(`a key named "${input.name}" exists: revoke it first or pick another name`);
      throw error;
    }
  }

  /** Every key, newest first; revoked ones only when asked. */
  async list(options: { includeRevoked?: boolean } = {}): Promise<ApiKeyInfo[]> {
    const rows = await this.prisma.apiKey.findMany({
      where: options.includeRevoked ? {} : { revokedAt: null },
      orderBy: { createdAt: 'desc' },
      select: SELECT,
    });
    return rows as ApiKeyInfo[];
  }

  /**
   * Revokes the unrevoked key with this id or name; it stops working on the next request.
   * @throws ApiKeyError when no unrevoked key matches.
   */
  async revoke(idOrName: string): Promise<ApiKeyInfo> {
    const byId = /^[0-9a-f-]{36}$/i.test(idOrName) ? [{ id: idOrName }] : [];
    const row = await this.prisma.apiKey.findFirst({
      where: { revokedAt: null, OR: [...byId, { name: idOrName }] },
      select: { id: true },
    });
    if (!row) throw new ApiKeyError(`no active key with id or name "${idOrName}" (npm run keys -- list)`);
    const info = await this.prisma.apiKey.update({
      where: { id: row.id },
      data: { revokedAt: new Date() },
      select: SELECT,
    });
    return info as ApiKeyInfo;
  }

  /** Whether any unrevoked key exists (then the API is protected). */
  async anyActive(): Promise<boolean> {
    return (
      (await this.prisma.apiKey.findFirst({ where: { revokedAt: null }, select: { id: true } })) !== null
    );
  }

  /**
   * The unrevoked key a presented secret belongs to, or null; records its use (at most once a minute,
   * without delaying the caller).
   */
  async verify(key: string): Promise<ApiKeyInfo | null> {
    const row = await this.prisma.apiKey.findUnique({ where: { keyHash: hashToken(key) }, select: SELECT });
    if (!row || row.revokedAt) return null;
    const now = Date.now();
    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      const stale = new Date(now - TOUCH_EVERY_MS);
      void this.prisma.apiKey
        .updateMany({
          where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: stale } }] },
          data: { lastUsedAt: new Date(now) },
        })
        .catch(() => undefined); // bookkeeping only: an outage must not fail the request
    }
    return row as ApiKeyInfo;
  }
}

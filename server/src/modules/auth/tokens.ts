/**
 * Bearer secrets (API keys, session tokens, WebSocket tickets): 32 random bytes, base64url, behind a
 * prefix that says what they are (`sfk_` key, `sfs_` session, `sft_` ticket) so a leaked one is
 * recognisable and the authenticator needs one lookup. Only their SHA-256 is stored: they are random, so
 * a fast hash is enough (passwords, which are not, use argon2 in passwords.ts).
 */
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = { key: 'sfk_', session: 'sfs_', ticket: 'sft_' } as const;
export type TokenKind = keyof typeof TOKEN_PREFIX;

/** A new secret of a kind, e.g. `sfk_3q2…`. */
export function createToken(kind: TokenKind): string {
  return `${TOKEN_PREFIX[kind]}${randomBytes(32).toString('base64url')}`;
}

/** What is stored and looked up: hex SHA-256 of the whole token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The kind a presented token claims to be, from its prefix; undefined for anything else. */
export function tokenKind(token: string): TokenKind | undefined {
  return (Object.keys(TOKEN_PREFIX) as TokenKind[]).find((kind) => token.startsWith(TOKEN_PREFIX[kind]));
}

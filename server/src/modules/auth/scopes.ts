/**
 * What callers may do (PRODUCT.md "Who may do what"): the scopes an operation needs and the scopes each
 * role grants. Keys carry scopes directly; users get their role's. Used by the authenticator, the
 * `RequireScope` middleware, the keys and users CLIs and the `/auth` routes.
 */
import type { Role } from '../../generated/prisma/enums.js';

/** Every scope, in the order they are listed. */
export const SCOPES = ['read', 'predict', 'train', 'import'] as const;
export type Scope = (typeof SCOPES)[number];

/** What each scope allows, for help texts and FORBIDDEN messages. */
export const SCOPE_MEANING: Record<Scope, string> = {
  read: 'queries and subscriptions',
  predict: 'predict',
  train: 'train, trainAll, cancelRun, activateModelVersion',
  import: 'sales imports and recordSales',
};

/** Roles, lower-case as the CLI and the web app spell them. */
export const ROLES = ['viewer', 'trainer', 'admin'] as const;
export type RoleName = (typeof ROLES)[number];

/** viewer: explore, predict, watch runs; trainer: also train, cancel, import; admin: also keys and users. */
export const ROLE_SCOPES: Record<RoleName, readonly Scope[]> = {
  viewer: ['read', 'predict'],
  trainer: ['read', 'predict', 'train', 'import'],
  admin: ['read', 'predict', 'train', 'import'],
};

export const toRoleName = (role: Role): RoleName => role.toLowerCase() as RoleName;
export const toRole = (name: RoleName): Role => name.toUpperCase() as Role;

/** The roles that grant a scope, for messages ("needs the train scope: role trainer or admin"). */
export function rolesWith(scope: Scope): RoleName[] {
  return ROLES.filter((role) => ROLE_SCOPES[role].includes(scope));
}

/**
 * Parses a comma-separated scope list (`read,predict`).
 * @throws Error naming the unknown scope and the valid ones; an empty list is an error.
 */
export function parseScopes(text: string): Scope[] {
  const parts = [...new Set(text.split(',').map((s) => s.trim().toLowerCase()))].filter(Boolean);
  if (!parts.length) throw new Error(`no scope given (valid: ${SCOPES.join(', ')})`);
  const unknown = parts.filter((p) => !(SCOPES as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`unknown scope "${unknown[0]}" (valid: ${SCOPES.join(', ')})`);
  return SCOPES.filter((scope) => parts.includes(scope));
}

/**
 * Parses a role name.
 * @throws Error listing the valid roles.
 */
export function parseRole(text: string): RoleName {
  const role = text.trim().toLowerCase();
  if (!(ROLES as readonly string[]).includes(role))
    throw new Error(`unknown role "${text}" (valid: ${ROLES.join(', ')})`);
  return role as RoleName;
}

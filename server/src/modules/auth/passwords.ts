/**
 * Password hashing with argon2id (@node-rs/argon2: prebuilt binaries inside the npm package, work off the
 * event loop on libuv's pool). Parameters are OWASP's minimum for argon2id (19 MiB, 2 passes) and are
 * stored in each PHC string, so raising them later keeps old hashes verifiable.
 */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Shortest and longest accepted password (NIST SP 800-63B: at least 8; a cap bounds hashing work). */
export const PASSWORD_LENGTH = { min: 8, max: 256 } as const;

/** Checks a new password's length. @returns the problem, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_LENGTH.min) return `must be at least ${PASSWORD_LENGTH.min} characters`;
  if (password.length > PASSWORD_LENGTH.max) return `must be at most ${PASSWORD_LENGTH.max} characters`;
  return undefined;
}

/** argon2id PHC string of a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verified against when the email is unknown, so a wrong email takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;

/**
 * Whether `password` matches `stored`; with `stored` undefined, spends the same time and returns false.
 * A malformed stored hash counts as no match.
 */
export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  const target = stored ?? (await (dummyHash ??= hashPassword('not-a-real-password')));
  if (password.length > PASSWORD_LENGTH.max) return false;
  const ok = await verify(target, password).catch(() => false);
  return stored !== undefined && ok;
}

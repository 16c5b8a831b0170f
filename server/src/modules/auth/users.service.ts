/**
 * People who sign in to the web app: created, listed, given another role or password, removed (by the
 * users CLI), and checked at sign-in (`sessions.service.ts`). Emails are compared lower-cased.
 * Changing a password or removing a user ends their sessions. GraphQL-free.
 */
import type { PrismaClient } from '../../generated/prisma/client.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { toRole, toRoleName, type RoleName } from './scopes.js';

export interface UserInfo {
  id: string;
  email: string;
  role: RoleName;
  createdAt: Date;
}

/** A bad email or password, a duplicate, or an unknown user: the CLI prints it as a usage error. */
export class UserError extends Error {
  override readonly name = 'UserError';
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const SELECT = { id: true, email: true, role: true, createdAt: true } as const;

const toInfo = (row: {
  id: string;
  email: string;
  role: Parameters<typeof toRoleName>[0];
  createdAt: Date;
}) => ({
  ...row,
  role: toRoleName(row.role),
});

/** Lower-cases and checks an email address. @throws UserError */
export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (!EMAIL.test(normalized) || normalized.length > 254)
    throw new UserError(`"${email}" is not an email address`);
  return normalized;
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new UserError(`the password ${problem}`);
}

export class UsersService {
  constructor(private readonly prisma: PrismaClient) {}

  /** @throws UserError for a bad email or password, or an email in use. */
  async create(input: { email: string; password: string; role: RoleName }): Promise<UserInfo> {
    const email = normalizeEmail(input.email);
    checkPassword(input.password);
    const passwordHash = await hashPassword(input.password);
    try {
      const row = await this.prisma.user.create({
        data: { email, passwordHash, role: toRole(input.role) },
        select: SELECT,
      });
      return toInfo(row);
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002')
        throw new UserError(`${email} already has an account`);
      throw error;
    }
  }

  async list(): Promise<UserInfo[]> {
    const rows = await this.prisma.user.findMany({ orderBy: { email: 'asc' }, select: SELECT });
    return rows.map(toInfo);
  }

  /** Whether anyone has an account (then the API is protected). */
  async any(): Promise<boolean> {
    return (await this.prisma.user.findFirst({ select: { id: true } })) !== null;
  }

  /** @throws UserError when there is no such user. */
  async setRole(email: string, role: RoleName): Promise<UserInfo> {
    const id = await this.idOf(email);
    return toInfo(
      await this.prisma.user.update({ where: { id }, data: { role: toRole(role) }, select: SELECT }),
    );
  }

  /** Sets a new password and ends every session of the user. @throws UserError */
  async setPassword(email: string, password: string): Promise<UserInfo> {
    checkPassword(password);
    const id = await this.idOf(email);
    const passwordHash = await hashPassword(password);
    const [row] = await this.prisma.$transaction([
      this.prisma.user.update({ where: { id }, data: { passwordHash }, select: SELECT }),
      this.prisma.session.deleteMany({ where: { userId: id } }),
    ]);
    return toInfo(row);
  }

  /** Removes a user and their sessions. @throws UserError */
  async remove(email: string): Promise<UserInfo> {
    const id = await this.idOf(email);
    return toInfo(await this.prisma.user.delete({ where: { id }, select: SELECT }));
  }

  /** The user whose email and password these are, or null (in the same time either way). */
  async verify(email: string, password: string): Promise<UserInfo | null> {
    let normalized: string;
    try {
      normalized = normalizeEmail(email);
    } catch {
      await verifyPassword(undefined, password);
      return null;
    }
    const row = await this.prisma.user.findUnique({ where: { email: normalized } });
    const ok = await verifyPassword(row?.passwordHash, password);
    return ok && row ? toInfo(row) : null;
  }

  private async idOf(email: string): Promise<string> {
    const row = await this.prisma.user.findUnique({
      where: { email: normalizeEmail(email) },
      select: { id: true },
    });
    if (!row) throw new UserError(`no user ${email} (npm run users -- list)`);
    return row.id;
  }
}

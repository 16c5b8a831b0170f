/**
 * Web app sessions and WebSocket tickets, in Postgres so every API replica sees them. Sign-in checks a
 * password and returns a session token (the web app's server keeps it in an httpOnly cookie); a session
 * mints one-use tickets, valid for seconds, that the browser sends in graphql-ws `connection_init`
 * instead of any secret it could keep. Called by the `/auth` routes and `authenticator.ts`.
 */
import type { PrismaClient } from '../../generated/prisma/client.js';
import { createToken, hashToken } from './tokens.js';
import type { UserInfo, UsersService } from './users.service.js';

export interface SessionsOptions {
  /** How long a session lasts from sign-in. */
  sessionHours: number;
  /** How long a WebSocket ticket may wait to be used. @default 30 */
  ticketSeconds?: number;
}

/** A live session and whose it is. */
export interface SessionUser {
  sessionId: string;
  expiresAt: Date;
  user: UserInfo;
}

export class SessionsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly users: UsersService,
    private readonly options: SessionsOptions,
  ) {}

  /** Checks the password; on success starts a session. @returns null for a wrong email or password. */
  async signIn(email: string, password: string): Promise<(SessionUser & { token: string }) | null> {
    const user = await this.users.verify(email, password);
    if (!user) return null;
    const token = createToken('session');
    const now = Date.now();
    const expiresAt = new Date(now + this.options.sessionHours * 3_600_000);
    const [session] = await this.prisma.$transaction([
      this.prisma.session.create({ data: { tokenHash: hashToken(token), userId: user.id, expiresAt } }),
      this.prisma.session.deleteMany({ where: { expiresAt: { lt: new Date(now) } } }),
    ]);
    return { token, sessionId: session.id, expiresAt, user };
  }

  /** The live session of a token, or null (unknown, expired, or signed out). */
  resolve(token: string): Promise<SessionUser | null> {
    return this.find({ tokenHash: hashToken(token) });
  }

  /** The live session with this id, or null: a WebSocket re-checks it on every operation. */
  resolveById(sessionId: string): Promise<SessionUser | null> {
    return this.find({ id: sessionId });
  }

  /** Ends the session of a token (its tickets too). @returns whether there was one. */
  async signOut(token: string): Promise<boolean> {
    const { count } = await this.prisma.session.deleteMany({ where: { tokenHash: hashToken(token) } });
    return count > 0;
  }

  /** A one-use ticket for a graphql-ws connection of this session. */
  async mintTicket(sessionId: string): Promise<{ ticket: string; expiresAt: Date }> {
    const ticket = createToken('ticket');
    const now = Date.now();
    const expiresAt = new Date(now + (this.options.ticketSeconds ?? 30) * 1000);
    await this.prisma.$transaction([
      this.prisma.wsTicket.create({ data: { tokenHash: hashToken(ticket), sessionId, expiresAt } }),
      this.prisma.wsTicket.deleteMany({ where: { expiresAt: { lt: new Date(now) } } }),
    ]);
    return { ticket, expiresAt };
  }

  /** Uses up a ticket. @returns its session's id, or null when it is unknown, used or expired. */
  async redeemTicket(ticket: string): Promise<string | null> {
    try {
      const row = await this.prisma.wsTicket.delete({ where: { tokenHash: hashToken(ticket) } });
      return row.expiresAt.getTime() > Date.now() ? row.sessionId : null;
    } catch (error) {
      if ((error as { code?: string }).code === 'P2025') return null; // unknown or already used
      throw error;
    }
  }

  private async find(where: { id: string } | { tokenHash: string }): Promise<SessionUser | null> {
    const row = await this.prisma.session.findFirst({
      where: { ...where, expiresAt: { gt: new Date() } },
      select: {
        id: true,
        expiresAt: true,
        user: { select: { id: true, email: true, role: true, createdAt: true } },
      },
    });
    if (!row) return null;
    const role = row.user.role.toLowerCase() as UserInfo['role'];
    return { sessionId: row.id, expiresAt: row.expiresAt, user: { ...row.user, role } };
  }
}

/**
 * POST /api/auth/ws-ticket → `{ ticket }`: a one-use ticket for the browser's graphql-ws
 * `connection_init`, minted by the API for the signed-in session (`{ ticket: null }` without one, e.g.
 * when the API is open). The browser never holds an API key or its session token.
 */
import { mintTicket } from '@/lib/auth/auth-api';
import { isCrossSite, sessionTokenFrom } from '@/lib/auth/session-cookie';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  if (isCrossSite(request)) return Response.json({ ticket: null }, { status: 403 });
  const token = sessionTokenFrom(request);
  const ticket = token ? await mintTicket(token) : null;
  return Response.json({ ticket }, { headers: { 'cache-control': 'no-store' } });
}

/** POST /api/auth/sign-out: ends the session at the API, deletes the cookie, back to the sign-in page. */
import { signOut } from '@/lib/auth/auth-api';
import { isCrossSite, sessionCookie, sessionTokenFrom } from '@/lib/auth/session-cookie';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  if (isCrossSite(request)) return new Response('cross-site sign-out refused', { status: 403 });
  const token = sessionTokenFrom(request);
  if (token) await signOut(token);
  return new Response(null, {
    status: 303,
    headers: {
      location: '/sign-in',
      'set-cookie': sessionCookie(request, '', 0),
      'cache-control': 'no-store',
    },
  });
}

/**
 * POST /api/auth/sign-in (the sign-in page's form: email, password, next): asks the API for a session,
 * keeps its token in the httpOnly cookie and goes to `next`; on failure back to the form with the reason.
 */
import { signIn } from '@/lib/auth/auth-api';
import { isCrossSite, safeNext, sessionCookie } from '@/lib/auth/session-cookie';
import { readLimitedBody } from '@/lib/body-limit';

export const dynamic = 'force-dynamic';

const seeOther = (location: string, cookie?: string) =>
  new Response(null, {
    status: 303,
    headers: { location, 'cache-control': 'no-store', ...(cookie && { 'set-cookie': cookie }) },
  });

export async function POST(request: Request) {
  if (isCrossSite(request)) return new Response('cross-site sign-in refused', { status: 403 });
  const body = await readLimitedBody(request, 8192);
  if (!body.ok) return new Response('request too large', { status: 413 });
  const form = new URLSearchParams(new TextDecoder().decode(body.bytes));
  const next = safeNext(form.get('next'));
  const result = await signIn(form.get('email') ?? '', form.get('password') ?? '');
  if (!result.ok) {
    const query = new URLSearchParams({ error: result.reason, next });
    if (result.retryAfter) query.set('retryAfter', String(result.retryAfter));
    return seeOther(`/sign-in?${query.toString()}`);
  }
  const maxAge = Math.max(0, Math.floor((Date.parse(result.expiresAt) - Date.now()) / 1000));
  return seeOther(next, sessionCookie(request, result.token, maxAge));
}

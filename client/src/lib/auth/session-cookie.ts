/**
 * The web app's session cookie: it holds the API session token of the signed-in user, httpOnly (no
 * script reads it), SameSite=Lax (no cross-site request carries it), Secure behind https. Read by the
 * GraphQL proxy, the ticket route and the layout; written by the sign-in and sign-out routes.
 */

export const SESSION_COOKIE = 'sf_session';

/** The session token in a request's Cookie header, if any. */
export function sessionTokenFrom(request: Request): string | undefined {
  const header = request.headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('=')) || undefined;
  }
  return undefined;
}

/** Whether the browser reached us over https (directly or through a proxy that says so). */
export function isSecure(request: Request): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return (forwarded ?? new URL(request.url).protocol.replace(':', '')) === 'https';
}

/** A Set-Cookie value for the session token (maxAge in seconds; an empty token and 0 delete it). */
export function sessionCookie(request: Request, token: string, maxAge: number): string {
  const secure = isSecure(request) ? '; Secure' : '';
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

/**
 * Whether another site's page sent this request (browsers say so in Sec-Fetch-Site). The auth routes
 * refuse such requests: a cross-site form must not sign anyone in or out.
 */
export function isCrossSite(request: Request): boolean {
  return request.headers.get('sec-fetch-site') === 'cross-site';
}

/**
 * A same-origin path to go to after sign-in; anything else (another host, `//evil`, a scheme) is `/`.
 * @param next the `next` parameter the sign-in page was given.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next.startsWith('/sign-in') || next.startsWith('/api/') ? '/' : next;
}

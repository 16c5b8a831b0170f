/**
 * Next.js proxy (formerly middleware): before any page renders, send a browser without a session to
 * `/sign-in?next=<page>` when the API is protected. Where the API is open (no API_KEY, keys or users) or
 * cannot be asked, pages render as before (they show the API's state themselves). API routes, assets
 * and the sign-in page itself are not matched.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { fetchViewer } from '@/lib/auth/auth-api';
import { SESSION_COOKIE } from '@/lib/auth/session-cookie';

export async function proxy(request: NextRequest) {
  const viewer = await fetchViewer(request.cookies.get(SESSION_COOKIE)?.value);
  if (!viewer?.protected || viewer.user) return NextResponse.next();
  const signIn = request.nextUrl.clone();
  signIn.pathname = '/sign-in';
  signIn.search = new URLSearchParams({ next: request.nextUrl.pathname + request.nextUrl.search }).toString();
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ['/((?!api/|_next/|plots/|sign-in|icon\\.svg|favicon\\.ico).*)'],
};

/**
 * POST/GET /api/graphql: the browser's GraphQL over HTTP, forwarded to the API with the signed-in user's
 * session (graphql-proxy.ts), body-limited and streamed.
 */
import { sessionTokenFrom } from '@/lib/auth/session-cookie';
import { forwardGraphQL } from '@/lib/graphql-proxy';
import { readProxyConfig } from '@/lib/runtime-config';

export const dynamic = 'force-dynamic';

const forward = (request: Request) =>
  forwardGraphQL(request, { ...readProxyConfig(), sessionToken: sessionTokenFrom(request) });

export const POST = forward;
export const GET = forward;

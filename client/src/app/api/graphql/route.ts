/** POST/GET /api/graphql: the browser's GraphQL over HTTP, forwarded to the API with the key (graphql-proxy.ts). */
import { forwardGraphQL } from '@/lib/graphql-proxy';
import { readProxyConfig } from '@/lib/runtime-config';

export const dynamic = 'force-dynamic';

export const POST = (request: Request) => forwardGraphQL(request, readProxyConfig());
export const GET = (request: Request) => forwardGraphQL(request, readProxyConfig());

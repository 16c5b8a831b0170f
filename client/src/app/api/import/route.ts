/**
 * POST /api/import: the Import page's CSV upload (a GraphQL multipart request for `importSales`), streamed
 * to the API with the signed-in user's session like /api/graphql, but with its own ceiling (IMPORT_MAX_MB,
 * see runtime-config.ts) instead of the 200 KB one: the file is piped through, never held in memory here.
 */
import { sessionTokenFrom } from '@/lib/auth/session-cookie';
import { forwardGraphQL } from '@/lib/graphql-proxy';
import { readImportConfig, readProxyConfig } from '@/lib/runtime-config';

export const dynamic = 'force-dynamic';

export const POST = (request: Request) =>
  forwardGraphQL(request, {
    ...readProxyConfig(),
    ...readImportConfig(),
    sessionToken: sessionTokenFrom(request),
  });

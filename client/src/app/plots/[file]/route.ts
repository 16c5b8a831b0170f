/** GET /plots/<model version id>.png: the API's evaluation plots, from this origin, with the user's session. */
import { sessionTokenFrom } from '@/lib/auth/session-cookie';
import { forwardPlot } from '@/lib/graphql-proxy';
import { readProxyConfig } from '@/lib/runtime-config';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: { params: Promise<{ file: string }> }) {
  const { file } = await context.params;
  return forwardPlot(file, { ...readProxyConfig(), sessionToken: sessionTokenFrom(request) });
}

/** GET /plots/<model version id>.png: the API's evaluation plots, from this origin (graphql-proxy.ts). */
import { forwardPlot } from '@/lib/graphql-proxy';
import { readProxyConfig } from '@/lib/runtime-config';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, context: { params: Promise<{ file: string }> }) {
  const { file } = await context.params;
  return forwardPlot(file, readProxyConfig());
}

/** GraphQL over HTTP straight to the API (setup and assertions), with the API key when given. */

export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function gql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  apiKey?: string,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey && { authorization: `Bearer ${apiKey}` }) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** Polls a run until it leaves QUEUED/RUNNING; returns its final status. */
export async function waitForRun(
  url: string,
  id: string,
  options: { apiKey?: string; timeoutMs?: number } = {},
): Promise<string> {
  const { apiKey, timeoutMs = 120_000 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await gql<{ run: { status: string } | null }>(
      url,
      'query($id: ID!) { run(id: $id) { status } }',
      { id },
      apiKey,
    );
    const status = res.data?.run?.status;
    if (status && !['QUEUED', 'RUNNING'].includes(status)) return status;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

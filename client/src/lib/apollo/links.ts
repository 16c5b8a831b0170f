/**
 * The Apollo links. In the browser: queries and mutations over HTTP to this web app's `/api/graphql` (the
 * proxy that adds the user's session server-side), subscriptions over graphql-ws straight to the API
 * (`split` on the operation type) with a one-use ticket from this web app in `connection_init`. During SSR: HTTP to the API (useQuery does not fetch during SSR with the Next.js
 * integration, but the client needs a terminating link).
 */
import { ApolloLink, HttpLink } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { SSRMultipartLink } from '@apollo/client-integration-nextjs';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { DEFAULT_API_URL } from '../runtime-config';

/** Same-origin path of the GraphQL proxy (src/app/api/graphql/route.ts). */
export const BROWSER_GRAPHQL_PATH = '/api/graphql';

/** Same-origin route that mints a graphql-ws ticket for the signed-in user (app/api/auth/ws-ticket). */
export const WS_TICKET_PATH = '/api/auth/ws-ticket';

/**
 * `connection_init` params: a fresh one-use ticket for every (re)connection, or none (open API, no
 * session, web app away: the API then decides what an anonymous socket may do).
 */
export async function wsConnectionParams(): Promise<Record<string, string>> {
  try {
    const res = await fetch(WS_TICKET_PATH, {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const { ticket } = (await res.json()) as { ticket: string | null };
    return ticket ? { ticket } : {};
  } catch {
    return {};
  }
}

/** graphql-ws client that reconnects for as long as the page is open; re-subscribing replays stored epochs. */
export function createWsLink(url: string): GraphQLWsLink {
  return new GraphQLWsLink(
    createClient({
      url,
      connectionParams: wsConnectionParams,
      lazy: true,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      // 1 s, 2 s, 4 s, … capped at 10 s: an API restart is picked up without hammering it.
      retryWait: (retries) => new Promise((r) => setTimeout(r, Math.min(10_000, 1000 * 2 ** retries))),
    }),
  );
}

export function createBrowserLink(wsUrl: string): ApolloLink {
  return ApolloLink.split(
    (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
    createWsLink(wsUrl),
    new HttpLink({ uri: BROWSER_GRAPHQL_PATH }),
  );
}

export function createServerLink(): ApolloLink {
  return ApolloLink.from([
    new SSRMultipartLink({ stripDefer: true }),
    new HttpLink({ uri: process.env.GRAPHQL_API_URL || DEFAULT_API_URL }),
  ]);
}

/**
 * Status codes as the GraphQL-over-HTTP spec asks: a request error (the document does not parse or
 * validate, or variables do not coerce — no `data` in the response) answers 400 when the response is
 * `application/graphql-response+json`, and 200 when a legacy client asked for `application/json`
 * (that media type cannot tell a request error from a transport one). Apollo answers 400 for both.
 * Other statuses Apollo chose (405 for a mutation over GET, 5xx) are left as they are.
 */
import type { ApolloServerPlugin } from '@apollo/server';

export function createHttpStatusPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          const body = response.body;
          if (body.kind !== 'single' || !body.singleResult.errors?.length || 'data' in body.singleResult)
            return;
          const status = response.http.status;
          // Server faults keep their status, and so do 405 (a mutation over GET) and other specific ones.
          if (status !== undefined && status !== 400) return;
          // Apollo answers graphql-response+json whenever the client accepts it (its negotiation prefers it).
          const graphqlResponse = request.http?.headers
            .get('accept')
            ?.includes('application/graphql-response+json');
          response.http.status = graphqlResponse ? 400 : 200;
        },
      };
    },
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../gateway-context.js';
import { bearerChallenge } from './bearer-challenge.js';

/**
 * RFC 6750 challenges on answers that executed: a field refused to a caller without a token (UNAUTHENTICATED) gets
 * `WWW-Authenticate: Bearer realm="guichet"`, one refused to a token lacking the rights (FORBIDDEN) gets
 * `error="insufficient_scope"`. The status stays the GraphQL-over-HTTP one: the operation ran, other fields may hold
 * data. A refused token never gets this far (401 from the context factory, its own challenge).
 */
export function createAuthChallengePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.http.headers.has('www-authenticate')) return;
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          const challenge = challengeFor(errors ?? [], contextValue.principal.role === 'anonymous');
          if (challenge !== undefined) response.http.headers.set('www-authenticate', challenge);
        },
      };
    },
  };
}

function challengeFor(errors: readonly GraphQLFormattedError[], anonymous: boolean): string | undefined {
  const codes = new Set(errors.map((error) => error.extensions?.code));
  if (anonymous && codes.has('UNAUTHENTICATED')) return bearerChallenge();
  if (!anonymous && codes.has('FORBIDDEN')) return bearerChallenge({ code: 'insufficient_scope', description: 'The access token does not grant this operation' });
  return undefined;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { ErrorCode, errorMessages } from '../../schema/index.js';
import { bearerChallenge } from '../auth/bearer-challenge.js';
import type { GatewayContext } from '../gateway-context.js';
import { refuseGraphQL, sendError } from './send-document-error.js';

/**
 * The caller of a documents route, as the GraphQL route would see them, or undefined once the refusal is answered:
 * the token's own typed error (expired, forged…), or 401 with the bearer challenge for no token at all.
 */
export async function signedInCaller(context: (req: IncomingMessage) => Promise<GatewayContext>, req: IncomingMessage, res: ServerResponse): Promise<GatewayContext | undefined> {
  let caller: GatewayContext;
  try {
    caller = await context(req);
  } catch (error) {
    if (error instanceof GraphQLError) {
      refuseGraphQL(res, error);
      return undefined;
    }
    throw error;
  }
  if (caller.principal.role !== 'anonymous') return caller;
  sendError(res, 401, ErrorCode.UNAUTHENTICATED, errorMessages.UNAUTHENTICATED, {}, { 'www-authenticate': bearerChallenge() });
  return undefined;
}

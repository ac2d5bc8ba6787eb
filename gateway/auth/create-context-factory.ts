import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { AuthenticationError, type Principal } from '../../auth/index.js';
import type { Logger } from '../../lib/log/index.js';
import { errorMessages } from '../../schema/index.js';
import type { GatewayContext } from '../gateway-context.js';
import { traceIdOf } from './trace-id.js';

/**
 * Builds each request's context: the caller from the bearer token (none → anonymous, public data only), the
 * trace id. A token that does not verify is UNAUTHENTICATED with HTTP 401 — nothing more is said to the client;
 * the reason goes to the log.
 */
export function createContextFactory(verify: (authorization: string | undefined) => Promise<Principal>, log: Logger) {
  return async (req: IncomingMessage): Promise<GatewayContext> => {
    const traceId = traceIdOf(req);
    try {
      return { principal: await verify(req.headers.authorization), traceId };
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      log.info({ traceId, reason: error.reason }, 'access token refused');
      throw new GraphQLError(errorMessages.UNAUTHENTICATED, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) } } });
    }
  };
}

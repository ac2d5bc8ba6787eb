import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { AuthenticationError, type Principal } from '../../auth/index.js';
import type { Logger } from '../../lib/log/index.js';
import { errorMessages } from '../../schema/index.js';
import type { GatewayContext } from '../gateway-context.js';
import { clientIpOf } from '../rate-limit/index.js';
import { traceIdOf } from '../../lib/trace/index.js';

/**
 * Builds each request's context: the caller from the bearer token (none → anonymous, public data only), the
 * trace id. A token that does not verify is UNAUTHENTICATED with HTTP 401 — nothing more is said to the client;
 * the reason goes to the log.
 */
export interface ContextFactoryOptions {
  readonly verify: (authorization: string | undefined) => Promise<Principal>;
  /** Proxies in front of the gateway that append to X-Forwarded-For. */
  readonly trustedProxyHops: number;
  /** Counts a refused token against the caller's address, so that guessing tokens is rate-limited too. */
  readonly onRefused: (clientIp: string) => Promise<void>;
  readonly log: Logger;
}

export function createContextFactory({ verify, trustedProxyHops, onRefused, log }: ContextFactoryOptions) {
  return async (req: IncomingMessage): Promise<GatewayContext> => {
    const traceId = traceIdOf(req.headers.traceparent);
    const clientIp = clientIpOf(req, trustedProxyHops);
    try {
      return { principal: await verify(req.headers.authorization), clientIp, traceId };
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      log.info({ traceId, reason: error.reason }, 'access token refused');
      await onRefused(clientIp);
      throw new GraphQLError(errorMessages.UNAUTHENTICATED, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) } } });
    }
  };
}

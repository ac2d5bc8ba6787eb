import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { AuthenticationError, type Principal } from '../../auth/index.js';
import type { Logger } from '../../lib/log/index.js';
import { errorMessages } from '../../schema/index.js';
import type { GatewayContext } from '../gateway-context.js';
import { clientIpOf } from '../rate-limit/index.js';
import { traceIdOf } from '../../lib/trace/index.js';
import { CALLER_ATTESTATION_HEADER, type CallerAttestation } from './caller-attestation.js';

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
  /**
   * For requests the gateway makes to itself on a caller's behalf (the supervision room's reads): a valid
   * `x-guichet-caller` names the caller's address, which then takes the socket's (loopback) place.
   */
  readonly attestation?: CallerAttestation;
  readonly log: Logger;
}

export function createContextFactory({ verify, trustedProxyHops, onRefused, attestation, log }: ContextFactoryOptions) {
  return async (req: IncomingMessage): Promise<GatewayContext> => {
    const traceId = traceIdOf(req.headers.traceparent);
    const clientIp = attestation?.verify(req.headers[CALLER_ATTESTATION_HEADER]) ?? clientIpOf(req, trustedProxyHops);
    try {
      return { principal: await verify(req.headers.authorization), clientIp, traceId };
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      log.info({ traceId, reason: error.reason }, 'access token refused');
      await onRefused(clientIp);
      throw unauthenticatedError();
    }
  };
}

/** UNAUTHENTICATED, HTTP 401 with `WWW-Authenticate: Bearer`: nothing more said. */
export function unauthenticatedError(): GraphQLError {
  return new GraphQLError(errorMessages.UNAUTHENTICATED, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) } } });
}

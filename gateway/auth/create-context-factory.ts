import type { IncomingMessage } from 'node:http';
import { AuthenticationError, type Principal } from '../../auth/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { GatewayContext } from '../gateway-context.js';
import { clientIpOf } from '../rate-limit/index.js';
import { traceIdOf } from '../../lib/trace/index.js';
import { CALLER_ATTESTATION_HEADER, type CallerAttestation } from './caller-attestation.js';
import { authUnavailableError, isSigningKeysOutage, tokenRefusalReason, tokenRefusedError } from './token-refusal.js';

/** When a client may try again after the provider's keys could not be fetched (jose refetches at most every 30 s). */
const keysOutageRetryAfterMs = 5_000;

/**
 * Builds each request's context: the caller from the bearer token (none → anonymous, public data only), the
 * trace id. A token that does not verify is UNAUTHENTICATED with HTTP 401 and an RFC 6750 challenge, whatever the
 * operation — a public one included: the client believes it is signed in, and only a refusal tells it to refresh its
 * token (answering as anonymous would hide that). The client learns expired or invalid, no more; the reason goes to
 * the log.
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
      if (isSigningKeysOutage(error.reason)) {
        log.warn({ traceId, reason: error.reason }, 'access token not checked: signing keys unavailable');
        throw authUnavailableError(keysOutageRetryAfterMs);
      }
      log.info({ traceId, reason: error.reason }, 'access token refused');
      await onRefused(clientIp);
      throw tokenRefusedError(tokenRefusalReason(error.reason));
    }
  };
}

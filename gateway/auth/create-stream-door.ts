import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../gateway-context.js';
import { RateLimitedError } from '../rate-limit/index.js';
import type { DoorVerdict, StreamDoor } from '../supervision-room/index.js';
import { CALLER_ATTESTATION_HEADER, type CallerAttestation } from './caller-attestation.js';

export interface StreamDoorOptions {
  /** The gateway's context factory: verifies the token, and counts a refused one against the caller's address. */
  readonly context: (req: IncomingMessage) => Promise<GatewayContext>;
  /** Counts a request without a token against the caller's address (throws RateLimitedError over the budget). */
  readonly onRefused: (clientIp: string) => Promise<void>;
  /** Vouches for the caller's address on the room's reads through the gateway's own `/graphql`. */
  readonly attestation: CallerAttestation;
}

/**
 * The supervision stream's door, from the gateway's own authentication: the same verification and log as `/graphql`,
 * with the caller's real address (X-Forwarded-For behind TRUSTED_PROXY_HOPS), so that every refusal — a junk token
 * or none — is counted against that address's anonymous budget and never opens a read loop. An admitted caller is
 * keyed by subject and client, and its reads carry its address.
 */
export function createStreamDoor({ context, onRefused, attestation }: StreamDoorOptions): StreamDoor {
  return {
    async admit(req) {
      let caller: GatewayContext;
      try {
        caller = await context(req);
        // No token at all is a refused credential here: the stream is for supervisors only.
        if (caller.principal.role === 'anonymous') {
          await onRefused(caller.clientIp);
          return { kind: 'refused', code: 'UNAUTHENTICATED' };
        }
      } catch (error) {
        return refusalOf(error);
      }
      const { principal, clientIp } = caller;
      return {
        kind: 'admitted',
        caller: { principalKey: JSON.stringify([principal.subject, principal.clientId]), readHeaders: () => ({ [CALLER_ATTESTATION_HEADER]: attestation.sign(clientIp) }) },
      };
    },
  };
}

function refusalOf(error: unknown): DoorVerdict {
  if (error instanceof RateLimitedError) return { kind: 'refused', code: 'RATE_LIMITED', retryAfterMs: error.retryAfterMs };
  if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') return { kind: 'refused', code: 'UNAUTHENTICATED' };
  // The provider's keys are out of reach: "come back later" is the door's 429 with Retry-After (the room reconnects).
  if (error instanceof GraphQLError && error.extensions.code === 'AUTH_UNAVAILABLE') return { kind: 'refused', code: 'RATE_LIMITED', retryAfterMs: Number(error.extensions.retryAfterMs) };
  throw error;
}

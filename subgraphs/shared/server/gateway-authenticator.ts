import type { IncomingMessage } from 'node:http';
import { createInternalTokenVerifier, INTERNAL_TOKEN_HEADER } from '../../../auth/index.js';
import { traceIdFromTraceparent } from '../../../lib/trace/index.js';
import type { CallerIdentity } from './start-subgraph-server.js';

/**
 * Accepts only requests carrying a valid internal token signed by the gateway; the token says who the caller is. The
 * trace id comes from the W3C `traceparent` header (the gateway reuses one token per caller for a while, so the token
 * no longer carries it); an older token's own `trace` claim is still honoured.
 */
export function createGatewayAuthenticator(secret: string): (req: IncomingMessage) => Promise<CallerIdentity> {
  const verifier = createInternalTokenVerifier({ secret });
  return async (req) => {
    const token = req.headers[INTERNAL_TOKEN_HEADER];
    if (typeof token !== 'string' || token.length === 0) throw new Error('no internal token');
    const identity = await verifier.verify(token);
    const traceId = identity.traceId ?? traceIdFromTraceparent(req.headers.traceparent);
    return traceId === undefined ? identity : { ...identity, traceId };
  };
}

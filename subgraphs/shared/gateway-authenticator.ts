import type { IncomingMessage } from 'node:http';
import { createInternalTokenVerifier, INTERNAL_TOKEN_HEADER } from '../../auth/index.js';
import type { CallerIdentity } from './start-subgraph-server.js';

/** Accepts only requests carrying a valid internal token signed by the gateway; the token says who the caller is. */
export function createGatewayAuthenticator(secret: string): (req: IncomingMessage) => Promise<CallerIdentity> {
  const verifier = createInternalTokenVerifier({ secret });
  return async (req) => {
    const token = req.headers[INTERNAL_TOKEN_HEADER];
    if (typeof token !== 'string' || token.length === 0) throw new Error('no internal token');
    return verifier.verify(token);
  };
}

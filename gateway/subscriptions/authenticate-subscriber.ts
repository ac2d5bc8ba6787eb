import type { IncomingMessage } from 'node:http';
import { decodeJwt } from 'jose';
import type { GatewayContext } from '../gateway-context.js';
import { selfGraphqlUrl } from '../self-graph/index.js';
import type { SubscriptionCaller } from './subscription-caller.js';

/** The gateway's context factory: verifies the bearer token of a request (throws the same refusals as `/graphql`). */
export type ContextOf = (req: IncomingMessage) => Promise<GatewayContext>;

/**
 * The caller of a stream, authenticated as `/graphql` authenticates a query: `authorization` is the request's header
 * (SSE) or the `connection_init` payload's `Authorization` (WebSocket, where browsers cannot set headers).
 */
export async function authenticateSubscriber(context: ContextOf, req: IncomingMessage, authorization: string | undefined): Promise<SubscriptionCaller> {
  // The upgrade request stands in for the connection: its socket (and so the caller's address) with the payload's token.
  const request: IncomingMessage = Object.create(req, { headers: { value: { ...req.headers, authorization } } });
  const { principal, traceId, clientIp } = await context(request);
  const lastEventId = req.headers['last-event-id'];
  return {
    principal,
    authorization,
    clientIp,
    graphqlUrl: selfGraphqlUrl(req),
    traceId,
    expiresAtMs: principal.role === 'anonymous' || authorization === undefined ? undefined : expiryOf(authorization),
    lastEventId: typeof lastEventId === 'string' && lastEventId !== '' ? lastEventId : undefined,
    ended: new AbortController(),
  };
}

/** `exp` of a token the verifier has just accepted (so it has one). */
function expiryOf(authorization: string): number | undefined {
  const token = authorization.replace(/^Bearer +/i, '');
  const { exp } = decodeJwt(token);
  return exp === undefined ? undefined : exp * 1_000;
}

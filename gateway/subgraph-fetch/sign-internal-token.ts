import { INTERNAL_TOKEN_HEADER, type InternalTokenSigner } from '../../auth/index.js';
import type { RawSubgraphResponse } from './raw-subgraph-response.js';
import type { Step } from './subgraph-call.js';

/** The internal token tells the subgraph who is calling, and that the gateway sent the call; signed once per request. */
export function signInternalToken(signer: InternalTokenSigner): Step<RawSubgraphResponse> {
  return async (call, next) => {
    const operationName = call.incoming.operationName ?? undefined;
    // No trace id in the token, so that one token serves a caller's operation for a while: it travels in `traceparent`.
    call.context.internalToken ??= signer.sign(call.context.principal, operationName ? { operationName } : {});
    call.headers[INTERNAL_TOKEN_HEADER] = await call.context.internalToken;
    return next();
  };
}

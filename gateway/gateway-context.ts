import type { AuditedContext } from '../audit/index.js';
import type { Principal } from '../auth/index.js';

/** Per-request context of the gateway: who is calling, and the trace the request belongs to. */
export interface GatewayContext extends AuditedContext {
  readonly principal: Principal;
  /** The caller's address (behind `TRUSTED_PROXY_HOPS` proxies): the rate-limit bucket of anonymous callers. */
  readonly clientIp: string;
  /** W3C trace id (32 hex), from `traceparent` or fresh. */
  readonly traceId: string;
  /** The internal token for this request's subgraph calls, signed once on first use. */
  internalToken?: Promise<string>;
}

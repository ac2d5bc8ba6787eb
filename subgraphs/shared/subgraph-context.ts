import type { Principal } from '../../auth/index.js';

/** What every subgraph's per-request context carries, whatever the ministry. */
export interface SubgraphContext {
  /** The caller, from the gateway's internal token. */
  readonly principal: Principal;
  readonly operationName?: string;
  readonly traceId?: string;
}

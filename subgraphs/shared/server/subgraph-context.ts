import type { AccessRecorder } from '../../../audit/index.js';
import type { Principal } from '../../../auth/index.js';

/** What every subgraph's per-request context carries, whatever the ministry. */
export interface SubgraphContext {
  /** The caller, from the gateway's internal token. */
  readonly principal: Principal;
  /** Whose personal data this request served, reported to the gateway for the audit trail. */
  readonly access: AccessRecorder;
  readonly operationName?: string;
  readonly traceId?: string;
}

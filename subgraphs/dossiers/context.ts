import { createAccessRecorder, type AuditStore } from '../../audit/index.js';
import type { CallerIdentity, SubgraphContext } from '../shared/index.js';

export interface DossiersContext extends SubgraphContext {
  /** The audit trail, read-only here: citizens list who accessed their data. */
  readonly accessLog: Pick<AuditStore, 'listForNiu'>;
}

export function createDossiersContext(caller: CallerIdentity, accessLog: Pick<AuditStore, 'listForNiu'>): DossiersContext {
  return { ...caller, access: createAccessRecorder(), accessLog };
}

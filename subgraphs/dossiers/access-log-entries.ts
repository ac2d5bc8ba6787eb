import type { AuditRecord } from '../../audit/index.js';
import { ministryNames, type MinistryCode } from '../../schema/index.js';
import { userInputError } from '../shared/index.js';
import type { AccessLogEntry, AccessorRole } from './access-log-entry.js';

/** Most entries one access log answers with. */
export const MAX_ACCESS_LOG_ENTRIES = 200;

/** Checks the `last` argument of an access log (1–200), in French. */
export function assertAccessLogLength(last: number): void {
  if (last < 1 || last > MAX_ACCESS_LOG_ENTRIES) throw userInputError(`Le nombre d’entrées doit être compris entre 1 et ${MAX_ACCESS_LOG_ENTRIES}.`, 'last');
}

/** Audit records as an access log shows them: who (role, ministry, client), how, when — never the accessor's identity. */
export function accessLogEntriesOf(records: readonly AuditRecord[]): AccessLogEntry[] {
  return records.map((r) => ({
    at: r.at,
    kind: r.action === 'write' ? 'WRITE' : 'READ',
    role: r.role.toUpperCase() as AccessorRole,
    ministry: r.ministry && r.ministry in ministryNames ? ministryNames[r.ministry as MinistryCode] : null,
    client: r.clientId,
    operation: r.operationName,
    systems: [...r.systems],
  }));
}

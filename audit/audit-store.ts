import type { AuditEntry, AuditRecord, AuditVerification } from './audit-record.js';
import type { AuditState } from './witnessing/audit-state.js';

export interface ListForNiuOptions {
  /** Most records returned, newest first. Default 20, at most 1000. */
  readonly limit?: number;
  /** Keeps only the records it accepts, before the limit (e.g. leave out the citizen's own reads). */
  readonly where?: (record: AuditRecord) => boolean;
}

/** Where audit records live: append-only, hash-chained, checkable. */
export interface AuditStore {
  /** Seals the entries into the chain, in order, and resolves once they are durable (rejects if they may not be). */
  append(entries: readonly AuditEntry[]): Promise<readonly AuditRecord[]>;
  /** One citizen's records, newest first. */
  listForNiu(niu: string, options?: ListForNiuOptions): Promise<readonly AuditRecord[]>;
  /** Checks the whole chain and its anchor. */
  verify(): Promise<AuditVerification>;
  /** Waits for pending appends, then releases files. */
  close(): Promise<void>;
  /** Where the trail stands with its witness, for a store that has one: whether it accepts records now, and why not. */
  state?(): Promise<AuditState>;
}

export const defaultListLimit = 20;
export const maxListLimit = 1000;

export function listLimitOf(options: ListForNiuOptions | undefined): number {
  const limit = Math.trunc(options?.limit ?? defaultListLimit);
  return Math.min(Math.max(limit, 1), maxListLimit);
}

/** The log and its anchor disagree: the writer will not extend a chain it cannot vouch for. */
export class AuditIntegrityError extends Error {
  constructor(reason: string) {
    super(`audit log integrity: ${reason}; run \`npm run audit:verify\` and investigate before writing again`);
    this.name = 'AuditIntegrityError';
  }
}

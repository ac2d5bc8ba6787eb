import type { RequestRecord } from './request-record.js';

/**
 * Where the operational records live, embedded (SQLite) or shared by every gateway replica (PostgreSQL): the one
 * interface the writer uses; both implementations pass `test-support/record-store-contract.ts`.
 */
export interface RequestRecordStore {
  /** `sqlite` or `postgres`. */
  readonly engine: string;
  /** Writes a batch in one transaction. */
  append(records: readonly RequestRecord[]): Promise<void>;
  /** Deletes records older than `beforeMs` (epoch); resolves with how many. */
  prune(beforeMs: number): Promise<number>;
  /** Most recent first. Default limit 100. */
  recent(options?: { readonly limit?: number; readonly sinceMs?: number }): Promise<RequestRecord[]>;
  byTraceId(traceId: string): Promise<RequestRecord[]>;
  count(): Promise<number>;
  close(): Promise<void>;
}

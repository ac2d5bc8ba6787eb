import type { RawSubgraphResponse } from './raw-subgraph-response.js';

/** A kept subgraph answer and when it stops being fresh (epoch ms). */
export interface StoredAnswer {
  readonly response: RawSubgraphResponse;
  readonly expiresAtMs: number;
}

/**
 * The second level of shared reads, shared by every gateway replica (Redis). Keys come hashed from shared-reads.ts:
 * no principal and no query text reaches the store in clear. Never throws: a store that cannot be reached answers
 * a miss and keeps nothing, so that a client never sees its failure.
 */
export interface SharedReadsStore {
  /** The first live answer under `keys`, in their order, or undefined. */
  get(keys: readonly string[], nowMs: number): Promise<StoredAnswer | undefined>;
  /** Keeps `answer` under `key` until its `expiresAtMs`; `caller` files a PRIVATE answer under its caller, for `dropCaller`. */
  set(key: string, answer: StoredAnswer, nowMs: number, caller?: string): Promise<void>;
  /** Forgets every PRIVATE answer filed under `caller`. */
  dropCaller(caller: string): Promise<void>;
}

import type { StoreHealth } from '../lib/store-health/index.js';
import type { AuditEntry, AuditRecord, AuditVerification } from './audit-record.js';
import type { ChainTip } from './chain.js';
import type { WitnessedTip } from './verify-chain.js';
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

/** A trail a witness can vouch for: the file (one writer) or PostgreSQL (any number of writers, one chain). */
export interface AuditTrail extends AuditStore {
  /** Opens for writing now (checks the chain's end against its anchor); resolves with where the chain ends. */
  open(): Promise<ChainTip>;
  /** The hash of record `seq` as the trail holds it now (the genesis hash for 0), or undefined when it holds none. */
  hashAt(seq: number): Promise<string | undefined>;
  /** `verify()`, and each point a witness signed must be in the trail with the hash it signed. */
  verifyAgainst(witnessed: AsyncIterable<WitnessedTip> | Iterable<WitnessedTip>): Promise<AuditVerification>;
  /**
   * True when other processes append to the same chain (PostgreSQL behind several gateways): the trail grows behind
   * this writer's back, and checkpoints from different writers reach the witness out of order.
   */
  readonly shared?: boolean;
  /** Whether the trail's server answers (a trail on a server), for `/ready` and `/metrics`. */
  readonly health?: StoreHealth;
  /** One cheap round trip to the server, recorded in `health`: lets a trail marked down come back without traffic. */
  probe?(): Promise<void>;
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

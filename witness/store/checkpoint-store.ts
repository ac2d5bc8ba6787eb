import type { JWK } from 'jose';

/** A checkpoint the witness signed, as it keeps it. */
export interface WitnessedCheckpoint {
  readonly log: string;
  /** 1, 2, 3… per log: the witness's own chain of that log's checkpoints. */
  readonly n: number;
  readonly seq: number;
  readonly hash: string;
  readonly witnessedAt: string;
  /** The key that signed it. */
  readonly kid: string;
  /** The signed statement (compact JWS), answered as is. */
  readonly jws: string;
}

/** A checkpoint the witness refused: a writer tried to go back or to fork what was witnessed. */
export interface CheckpointAlarm {
  readonly log: string;
  readonly at: string;
  readonly kind: 'rollback' | 'fork';
  /** What the writer sent. */
  readonly seq: number;
  readonly hash: string;
  /** What the witness had signed last. */
  readonly witnessedSeq: number;
  readonly witnessedHash: string;
  readonly reason: string;
}

/** A public key the witness signed with: kept so that checkpoints outlive a key rotation. */
export interface PublicKeyRecord {
  readonly kid: string;
  readonly publicJwk: JWK;
}

/** Another append got there first, or the checkpoint does not extend the log: nothing was written. */
export class CheckpointConflictError extends Error {
  constructor(reason: string) {
    super(`checkpoint not appended: ${reason}`);
    this.name = 'CheckpointConflictError';
  }
}

/**
 * Where the witness keeps what it signed: append-only. Every method is async so that a server database can implement
 * it (PostgreSQL, written by a role of its own); the SQLite and memory implementations pass the same contract tests
 * (`test-support/checkpoint-store-contract.ts`).
 */
export interface CheckpointStore {
  /** The log's last checkpoint, or undefined. */
  latest(log: string): Promise<WitnessedCheckpoint | undefined>;
  /** Checkpoints with seq > `afterSeq`, ascending, at most `limit`. */
  list(log: string, options: { readonly afterSeq: number; readonly limit: number }): Promise<readonly WitnessedCheckpoint[]>;
  /**
   * Appends atomically if it comes right after the log's last (`n` = last n + 1, or 1) and goes forward (`seq` >
   * last seq); otherwise throws CheckpointConflictError and writes nothing. Never updates nor deletes.
   */
  append(checkpoint: WitnessedCheckpoint): Promise<void>;
  recordAlarm(alarm: CheckpointAlarm): Promise<void>;
  /** Newest first. */
  alarms(log: string, options: { readonly limit: number }): Promise<readonly CheckpointAlarm[]>;
  /** Remembers a signing key's public half (a key already known is left as it is). */
  rememberKey(key: PublicKeyRecord): Promise<void>;
  /** Every key ever remembered, oldest first. */
  publicKeys(): Promise<readonly PublicKeyRecord[]>;
  close(): Promise<void>;
}

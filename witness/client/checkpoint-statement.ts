import { z } from 'zod';

/** `typ` of the JWS protected header: a checkpoint statement cannot be mistaken for a token or another document. */
export const checkpointJwsType = 'guichet-checkpoint+jws';

/** The witness signs with Ed25519 (RFC 8037 `EdDSA`): small, fast, deterministic signatures. */
export const checkpointAlgorithm = 'EdDSA';

/** A log's name at the witness: one writer, one chain, one name. */
export const logIdPattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** A chain tip as a writer reports it. */
export interface Checkpoint {
  /** Which log (`AUDIT_LOG_ID`). */
  readonly log: string;
  /** Sequence number of the last record (0: an empty chain). */
  readonly seq: number;
  /** sha256 hex of that record (64 zeros for an empty chain). */
  readonly hash: string;
}

/**
 * A checkpoint as a writer submits it. `shared`: the log is one chain written by several writers (gateway replicas
 * on PostgreSQL), so their checkpoints may arrive out of order: one behind what was witnessed is answered (with the
 * checkpoint signed at that point, or the latest, which the writer must then find in its trail) instead of refused.
 */
export interface CheckpointSubmission extends Checkpoint {
  readonly shared?: boolean;
}

/**
 * What the witness signs: the checkpoint, when it witnessed it, and its place in the witness's own chain of that
 * log's checkpoints (`n`, 1, 2, 3…, and `prev`, the sha256 of the previous signed checkpoint), so that a dropped
 * or replaced checkpoint shows too.
 */
export interface CheckpointStatement extends Checkpoint {
  /** ISO 8601 instant the witness accepted it. */
  readonly witnessedAt: string;
  readonly n: number;
  /** sha256 hex of the previous signed checkpoint (its compact JWS) of this log; null for the first. */
  readonly prev: string | null;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');

export const checkpointShape = z.object({
  log: z.string().regex(logIdPattern, 'expected a log id: lowercase letters, digits, ".", "_" or "-", at most 64'),
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  hash: hex64,
});

export const statementShape = checkpointShape.extend({
  witnessedAt: z.iso.datetime(),
  n: z.number().int().min(1),
  prev: hex64.nullable(),
});

export const checkpointSubmissionShape = checkpointShape.extend({ shared: z.boolean().optional() });

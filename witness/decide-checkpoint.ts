import type { Checkpoint } from './client/index.js';

/** What the witness does with a checkpoint, given the last one it signed for that log. */
export type CheckpointDecision =
  /** First of its log, or further along: sign and keep it. */
  | { readonly kind: 'extend' }
  /** Exactly the last one again (a retry): answer what was signed, keep nothing new. */
  | { readonly kind: 'repeat' }
  /** A shared log: a point signed before, with the same hash (another writer got further first): answer that one. */
  | { readonly kind: 'earlier' }
  /**
   * A shared log: behind the last, at a point the witness never signed, so it cannot tell a prefix from a fork:
   * answer the last one, which the writer must find in its trail (or stop).
   */
  | { readonly kind: 'superseded' }
  /** Behind what was witnessed: records cut, an older trail put back, a chain restarted at 0. */
  | { readonly kind: 'rollback'; readonly reason: string }
  /** Where it was witnessed, with another hash: the trail was rewritten. */
  | { readonly kind: 'fork'; readonly reason: string };

type Point = Pick<Checkpoint, 'seq' | 'hash'>;

export interface DecideOptions {
  /** The log is one chain written by several writers: checkpoints may arrive out of order. */
  readonly shared?: boolean;
  /** The checkpoint signed at exactly `next.seq`, if any (asked only for a shared log behind its last). */
  readonly signedAtSeq?: Point;
}

/**
 * The witness's one rule: a log only moves forward. `seq` must be at least the last witnessed one, and the same
 * `seq` must carry the same `hash`. A shared log (several writers of one chain) may be told of an earlier point
 * late: it is not a rollback when it agrees with what was signed there, and a fork when it does not. Reasons are
 * for developers and operators (English), and name no content.
 */
export function decideCheckpoint(last: Point | undefined, next: Point, { shared = false, signedAtSeq }: DecideOptions = {}): CheckpointDecision {
  if (last === undefined || next.seq > last.seq) return { kind: 'extend' };
  if (next.seq === last.seq) {
    return next.hash === last.hash ? { kind: 'repeat' } : { kind: 'fork', reason: `seq ${next.seq} was witnessed with another hash: the log was rewritten or forked` };
  }
  if (shared) {
    if (signedAtSeq === undefined || signedAtSeq.seq !== next.seq) return { kind: 'superseded' };
    return signedAtSeq.hash === next.hash ? { kind: 'earlier' } : { kind: 'fork', reason: `seq ${next.seq} was witnessed with another hash: the log was rewritten or forked` };
  }
  return { kind: 'rollback', reason: `seq ${next.seq} is behind seq ${last.seq}, already witnessed: the log went back (records cut, an older copy restored, or a chain restarted)` };
}

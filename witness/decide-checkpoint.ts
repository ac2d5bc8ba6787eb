import type { Checkpoint } from './client/index.js';

/** What the witness does with a checkpoint, given the last one it signed for that log. */
export type CheckpointDecision =
  /** First of its log, or further along: sign and keep it. */
  | { readonly kind: 'extend' }
  /** Exactly the last one again (a retry): answer what was signed, keep nothing new. */
  | { readonly kind: 'repeat' }
  /** Behind what was witnessed: records cut, an older trail put back, a chain restarted at 0. */
  | { readonly kind: 'rollback'; readonly reason: string }
  /** Where it was witnessed, with another hash: the trail was rewritten. */
  | { readonly kind: 'fork'; readonly reason: string };

/**
 * The witness's one rule: a log only moves forward. `seq` must be at least the last witnessed one, and the same
 * `seq` must carry the same `hash`. Reasons are for developers and operators (English), and name no content.
 */
export function decideCheckpoint(last: Pick<Checkpoint, 'seq' | 'hash'> | undefined, next: Pick<Checkpoint, 'seq' | 'hash'>): CheckpointDecision {
  if (last === undefined || next.seq > last.seq) return { kind: 'extend' };
  if (next.seq === last.seq) {
    return next.hash === last.hash ? { kind: 'repeat' } : { kind: 'fork', reason: `seq ${next.seq} was witnessed with another hash: the log was rewritten or forked` };
  }
  return { kind: 'rollback', reason: `seq ${next.seq} is behind seq ${last.seq}, already witnessed: the log went back (records cut, an older copy restored, or a chain restarted)` };
}

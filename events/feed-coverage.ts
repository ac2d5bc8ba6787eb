import type { LegacySystem } from '../schema/index.js';
import type { FeedRead } from './feed-read.js';

export interface FeedCoverageOptions {
  /** An answer is proven only while the feed read proving it is at most this old (this process's clock). */
  readonly maxAgeMs: number;
  /**
   * How far this process's clock may be from the supervision subgraph's: an answer's read instant is widened by it on
   * both sides before it is compared with the feed reads' interval (both processes' clocks meet there).
   */
  readonly clockSkewMs: number;
  /** Default `Date.now`. */
  readonly clock?: () => number;
}

/**
 * Where something read from a system stands against the feed reads received: `proven` (unchanged up to a read at most
 * `maxAgeMs` old), `pending` (no read has covered it yet, or the last one is too old: a coming read may prove it), or
 * `lost` (the reads' unbroken interval began after it was read: nothing can prove it any more).
 */
export type FeedStanding = 'proven' | 'pending' | 'lost';

/** What the feed reads received so far prove, per legacy system. */
export interface FeedCoverage {
  onFeedRead(read: FeedRead): void;
  /**
   * The instant (supervision's clock, epoch ms) up to which `system`'s feed reads prove unchanged whatever was read
   * from it at `readMs` and not named since; undefined when they do not (a gap, no read yet, or the last one too old).
   */
  provenAt(system: LegacySystem, readMs: number): number | undefined;
  /** The same rule, saying also whether a later read may still prove it. */
  standingAt(system: LegacySystem, readMs: number): FeedStanding;
  /** The stream (re)connected or reset: reads may have been missed, proof starts again. */
  reset(): void;
  /** Each system's unbroken interval of feed reads so far (supervision's clock): what an operator watches. */
  intervals(): ReadonlyMap<LegacySystem, { readonly fromMs: number; readonly toMs: number }>;
}

/**
 * The coverage half of the rule that lets Guichet answer from what it read before: each feed read states every change
 * in its own `(sinceMs, readMs]`, so reads forming one unbroken interval `[from, to]` with `from <= R <= to` prove that
 * something read at R and not named since did not change between R and `to`. A read that starts after `to` (one was
 * missed, or the feed's cursor jumped) starts the interval again. Shared by the ministry subgraphs' status answers
 * (subgraphs/shared/freshness) and the gateway's shared reads of a citizen's lists.
 */
export function createFeedCoverage({ maxAgeMs, clockSkewMs, clock = Date.now }: FeedCoverageOptions): FeedCoverage {
  const intervals = new Map<LegacySystem, { fromMs: number; toMs: number }>();
  const standingAt = (system: LegacySystem, readMs: number): FeedStanding => {
    const coverage = intervals.get(system);
    if (coverage === undefined) return 'pending';
    if (coverage.fromMs > readMs - clockSkewMs) return 'lost';
    if (coverage.toMs < readMs + clockSkewMs || clock() - coverage.toMs > maxAgeMs) return 'pending';
    return 'proven';
  };
  return {
    onFeedRead(read) {
      const current = intervals.get(read.system);
      if (current === undefined || read.sinceMs > current.toMs) intervals.set(read.system, { fromMs: read.sinceMs, toMs: read.readMs });
      else intervals.set(read.system, { fromMs: current.fromMs, toMs: Math.max(current.toMs, read.readMs) });
    },
    standingAt,
    provenAt: (system, readMs) => (standingAt(system, readMs) === 'proven' ? intervals.get(system)?.toMs : undefined),
    reset() {
      intervals.clear();
    },
    intervals: () => new Map(intervals),
  };
}

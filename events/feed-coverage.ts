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

/** What the feed reads received so far prove, per legacy system. */
export interface FeedCoverage {
  onFeedRead(read: FeedRead): void;
  /**
   * The instant (supervision's clock, epoch ms) up to which `system`'s feed reads prove unchanged whatever was read
   * from it at `readMs` and not named since; undefined when they do not (a gap, no read yet, or the last one too old).
   */
  provenAt(system: LegacySystem, readMs: number): number | undefined;
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
  return {
    onFeedRead(read) {
      const current = intervals.get(read.system);
      if (current === undefined || read.sinceMs > current.toMs) intervals.set(read.system, { fromMs: read.sinceMs, toMs: read.readMs });
      else intervals.set(read.system, { fromMs: current.fromMs, toMs: Math.max(current.toMs, read.readMs) });
    },
    provenAt(system, readMs) {
      const coverage = intervals.get(system);
      if (coverage === undefined) return undefined;
      if (coverage.fromMs > readMs - clockSkewMs || coverage.toMs < readMs + clockSkewMs) return undefined;
      if (clock() - coverage.toMs > maxAgeMs) return undefined;
      return coverage.toMs;
    },
    reset() {
      intervals.clear();
    },
    intervals: () => new Map(intervals),
  };
}

import { LRUCache } from 'lru-cache';
import { createFeedCoverage, type DossierEvent, type FeedRead, type FeedStanding } from '../../events/index.js';
import type { LegacySystem } from '../../schema/index.js';

export interface FeedProofOptions {
  /** An answer is served again only while the feed read proving it is at most this old. */
  readonly maxAgeMs: number;
  /** How far this process's clock may be from the supervision subgraph's (see createFeedCoverage). */
  readonly clockSkewMs: number;
  /** Owners whose last change is remembered; beyond, the oldest are forgotten and every answer older than them too. */
  readonly maxOwners: number;
  /** Default `Date.now`. */
  readonly clock?: () => number;
}

/** An answer kept by the gateway: when it was asked for, from which system, whose dossiers it holds. */
export interface FeedProvenAnswer {
  /** This process's clock when the request left for the subgraph. */
  readonly readMs: number;
  readonly system: LegacySystem;
  readonly owners: readonly string[];
  /**
   * When the subgraph served part of it from records it kept on the feed's proof: the earliest instant they are
   * proven at (the supervision subgraph's clock). The answer is proven from there, not from `readMs`.
   */
  readonly provenAtMs?: number;
}

// A NIU: the only owner the change feeds name. A company's answers (`company:<NIF>`) are never kept on their proof.
const niuPattern = /^\d{12}$/;

/**
 * The proof an answer resting on the feeds needs, or undefined when it cannot have one: no system, no owner, or an
 * owner the feeds never name.
 */
export function feedProvenAnswerOf(system: LegacySystem | undefined, owners: readonly string[], readMs: number, provenAtMs?: number): FeedProvenAnswer | undefined {
  if (system === undefined || owners.length === 0 || !owners.every((owner) => niuPattern.test(owner))) return undefined;
  return provenAtMs === undefined ? { readMs, system, owners } : { readMs, system, owners, provenAtMs };
}

/** What the proof rests on now, for the gateway's metrics. */
export interface FeedProofStats {
  /** Per system: the unbroken interval of feed reads received (the supervision subgraph's clock). */
  readonly systems: ReadonlyMap<LegacySystem, { readonly fromMs: number; readonly toMs: number }>;
  /** Owners whose last change is remembered, and how many were forgotten to stay within `maxOwners`. */
  readonly owners: number;
  readonly ownersForgotten: number;
}

/**
 * Where something resting on several feed-proven parts stands: lost if one is (or there is no proof to ask), pending if
 * one awaits its feed read, proven if all are.
 */
export function standingOfAll(feedProof: FeedProof | undefined, answers: readonly FeedProvenAnswer[]): FeedStanding {
  let standing: FeedStanding = 'proven';
  for (const answer of answers) {
    const one = feedProof?.standing(answer) ?? 'lost';
    if (one === 'lost') return 'lost';
    if (one === 'pending') standing = 'pending';
  }
  return standing;
}

export interface FeedProof {
  /** This process's clock: taken when a read leaves, it is the answer's `readMs`. */
  now(): number;
  /**
   * Whether `answer` is still what its system holds: `proven` when no feed read nor event has named its owners since it
   * was asked for (or since its `provenAtMs`, if earlier) and the system's feed reads prove it unchanged up to a read at most `maxAgeMs` old; `pending` when
   * nothing named them but no read has covered it yet (or the last is too old); `lost` when it can never be proven.
   */
  standing(answer: FeedProvenAnswer): FeedStanding;
  onFeedRead(read: FeedRead): void;
  onEvent(event: DossierEvent): void;
  stats(): FeedProofStats;
  /** The stream (re)connected or reset: what was proven rests on reads this process may have missed. */
  forgetAll(): void;
}

/**
 * The rule by which the gateway's shared reads answer a citizen's dossiers again without asking the ministry: the same
 * coverage as the ministry subgraphs' status answers (events/feed-coverage.ts), invalidated per owner rather than per
 * reference, since a list changes when any of its owner's dossiers does — or a new one appears. A name is remembered
 * with this process's clock when it arrives, so that a change named after the answer was asked for (even one made
 * before, whose read arrived late) drops it: conservative, never stale.
 */
export function createFeedProof({ maxAgeMs, clockSkewMs, maxOwners, clock = Date.now }: FeedProofOptions): FeedProof {
  const coverage = createFeedCoverage({ maxAgeMs, clockSkewMs, clock });
  // Owner → when last named here. An owner forgotten (least recently named) is treated as named at `forgottenMs`.
  let forgottenMs = Number.NEGATIVE_INFINITY;
  let ownersForgotten = 0;
  const named = new LRUCache<string, number>({
    max: maxOwners,
    dispose: (at, _owner, reason) => {
      if (reason !== 'evict') return;
      forgottenMs = Math.max(forgottenMs, at);
      ownersForgotten += 1;
    },
  });
  // Nothing kept before this instant is proven (a reconnection, a reset).
  let provenFromMs = clock();
  const name = (owner: string) => named.set(owner, clock());

  return {
    now: clock,
    standing({ readMs: askedMs, system, owners, provenAtMs }) {
      // Data a subgraph served on the feed's proof is as old as that proof: the earliest this process's clock can
      // have said at that instant, so that a change named here after it (which the subgraph had not heard of) drops it.
      const readMs = provenAtMs === undefined ? askedMs : Math.min(askedMs, provenAtMs - clockSkewMs);
      if (owners.length === 0 || readMs < provenFromMs || readMs <= forgottenMs) return 'lost';
      for (const owner of owners) if ((named.peek(owner) ?? Number.NEGATIVE_INFINITY) >= readMs) return 'lost';
      return coverage.standingAt(system, readMs);
    },
    onFeedRead(read) {
      for (const owner of read.owners) name(owner);
      coverage.onFeedRead(read);
    },
    onEvent(event) {
      name(event.ownerNiu);
    },
    forgetAll() {
      coverage.reset();
      provenFromMs = clock() + 1;
    },
    stats: () => ({ systems: coverage.intervals(), owners: named.size, ownersForgotten }),
  };
}

import { LRUCache } from 'lru-cache';
import type { AccessSnapshot } from '../../audit/index.js';
import { createSizedCache } from '../../lib/cache/index.js';
import type { FeedStanding } from '../../events/index.js';
import { standingOfAll, type FeedProof, type FeedProvenAnswer } from '../feed-proof/index.js';

/** A whole response kept for one caller, and what it rests on. */
export interface KeptResponse {
  /**
   * The response's `data` in JSON: a flat string costs the heap about its length (the object tree, several times
   * that), so the budget in bytes is what it takes; parsed again on each hit.
   */
  readonly json: string;
  /** What it takes, counted against the budget: the JSON and the entry around it. */
  readonly bytes: number;
  /** The caller's hash (`callerHashOf`): their mutation drops it. */
  readonly caller: string;
  /** The personal data its first answer touched: on the audit trail again each time it is served. */
  readonly access: AccessSnapshot;
  /** Its parts resting on the change feeds: served again only while every one is proven. */
  readonly proofs: readonly FeedProvenAnswer[];
  /** When the request that built it started (the feed proof's clock): nothing changed before is missing from it. */
  readonly readMs: number;
  /** `readMs` plus the shortest max-age of its parts. */
  readonly expiresAtMs: number;
  /** What the first answer allowed downstream (0: `no-store`, as for anything resting on the feeds). */
  readonly downstreamMaxAgeSeconds: number;
}

export interface PrivateResponsesOptions {
  readonly maxEntries: number;
  readonly maxBytes: number;
  /** Without it, a response with a part resting on the feeds is never kept. */
  readonly feedProof?: FeedProof;
  /** Default `Date.now` (the feed proof's clock when there is one). */
  readonly clock?: () => number;
}

export interface PrivateResponseStats {
  /** Served from here. */
  readonly hits: number;
  /** Looked up, and not here (or no longer proven). */
  readonly misses: number;
  /** Looked up, and kept but not proven yet: the feed read that may prove it has not arrived. */
  readonly pending: number;
  /** Kept. */
  readonly kept: number;
  readonly entries: number;
  readonly bytes: number;
}

export interface PrivateResponses {
  /** False when switched off (no entry or no byte allowed): nothing is looked up or tracked. */
  readonly enabled: boolean;
  /** Whether a response resting on the change feeds can be proven here at all. */
  readonly provesFeeds: boolean;
  /** The clock `readMs` is taken on. */
  now(): number;
  /** The response kept under `key`, if it is still what its sources hold; otherwise forgets it. */
  lookup(key: string): KeptResponse | undefined;
  /**
   * Keeps `response`, unless its caller's own mutation started after it began (it may be from before), or an earlier
   * response under `key` still stands: the coming feed read proves that one first.
   */
  keep(key: string, response: KeptResponse): void;
  /** Forgets every response kept for this caller (their mutation: read-your-writes). */
  dropCaller(caller: string): void;
  stats(): PrivateResponseStats;
}

/**
 * The gateway's private response cache: a whole answer kept for the one caller who got it, served again to that
 * caller only while every part still stands — each subgraph's max-age, and for a citizen's dossiers the change feeds'
 * proof (gateway/feed-proof). This process only, never in Redis: each replica proves only what it followed itself.
 */
export function createPrivateResponses({ maxEntries, maxBytes, feedProof, clock = feedProof?.now ?? Date.now }: PrivateResponsesOptions): PrivateResponses {
  const enabled = maxEntries > 0 && maxBytes > 0;
  const byCaller = new Map<string, Set<string>>();
  const cache = createSizedCache<KeptResponse>({
    maxEntries: enabled ? maxEntries : 0,
    maxSize: enabled ? maxBytes : 0,
    sizeOf: (response) => response.bytes,
    onRemove: (response, key) => {
      const keys = byCaller.get(response.caller);
      keys?.delete(key);
      if (keys?.size === 0) byCaller.delete(response.caller);
    },
    clock,
  });
  // Caller → when their last mutation started here. A response begun before it may predate the write: not kept. A
  // caller forgotten (least recently dropped) counts as dropped at `forgottenMs`.
  let forgottenMs = Number.NEGATIVE_INFINITY;
  const dropped = new LRUCache<string, number>({
    max: Math.max(1, maxEntries),
    dispose: (at, _caller, reason) => {
      if (reason === 'evict') forgottenMs = Math.max(forgottenMs, at);
    },
  });
  const droppedSince = (caller: string, readMs: number) => readMs <= forgottenMs || (dropped.peek(caller) ?? Number.NEGATIVE_INFINITY) >= readMs;
  const standingOf = (response: KeptResponse): FeedStanding => (droppedSince(response.caller, response.readMs) ? 'lost' : standingOfAll(feedProof, response.proofs));
  let hits = 0;
  let misses = 0;
  let pending = 0;
  let kept = 0;

  return {
    enabled,
    provesFeeds: feedProof !== undefined,
    now: clock,
    lookup(key) {
      const response = cache.get(key);
      const standing = response === undefined ? 'lost' : standingOf(response);
      if (standing === 'pending') pending += 1;
      if (standing === 'lost') {
        if (response !== undefined) cache.delete(key);
        misses += 1;
      }
      if (standing !== 'proven') return undefined;
      hits += 1;
      return response;
    },
    keep(key, response) {
      if (!enabled || droppedSince(response.caller, response.readMs) || response.expiresAtMs <= clock()) return;
      // Replacing a standing answer with each newer one would never let the feeds catch up with a caller who asks more
      // often than they are read (a phone polling every few seconds): nothing would ever be served whole.
      const current = cache.peek(key);
      if (current !== undefined && current.readMs <= response.readMs && standingOf(current) !== 'lost') return;
      // Stored first: replacing an entry under the same key unfiles the old one (onRemove).
      cache.set(key, response, { expiresAtMs: response.expiresAtMs });
      let keys = byCaller.get(response.caller);
      if (keys === undefined) byCaller.set(response.caller, (keys = new Set()));
      keys.add(key);
      kept += 1;
    },
    dropCaller(caller) {
      if (!enabled) return;
      dropped.set(caller, clock());
      for (const key of [...(byCaller.get(caller) ?? [])]) cache.delete(key);
    },
    stats: () => ({ hits, misses, pending, kept, entries: cache.size, bytes: cache.totalSize }),
  };
}

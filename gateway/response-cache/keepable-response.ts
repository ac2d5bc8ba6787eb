import type { FeedProvenAnswer } from '../feed-proof/index.js';
import { feedProvenAnswerOf } from '../feed-proof/index.js';
import type { ResponsePart } from '../subgraph-fetch/index.js';

/** How long a whole response may be kept for its caller, and on which proofs. */
export interface Keepable {
  readonly expiresAtMs: number;
  readonly proofs: readonly FeedProvenAnswer[];
}

export interface KeepableOptions {
  /** When the request started (the feed proof's clock). */
  readonly readMs: number;
  /** Whether parts resting on the change feeds can be proven in this process. */
  readonly provesFeeds: boolean;
  /** Never longer than this, whatever the parts allow (`SUBGRAPH_CACHE_MAX_AGE_S`). */
  readonly maxAgeSeconds: number;
}

/**
 * Whether a response built from these subgraph answers may be kept for its caller: only if it had at least one part,
 * every part allowed caching (the least max-age wins), not all of them PUBLIC (those are the public response cache's),
 * and every part resting on the change feeds names owners the feeds can prove. Undefined otherwise.
 */
export function keepableResponse(parts: readonly ResponsePart[], { readMs, provesFeeds, maxAgeSeconds }: KeepableOptions): Keepable | undefined {
  if (parts.length === 0 || parts.every((part) => part.scope === 'PUBLIC')) return undefined;
  let seconds = maxAgeSeconds;
  const proofs = new Map<string, FeedProvenAnswer>();
  for (const part of parts) {
    seconds = Math.min(seconds, part.maxAgeSeconds);
    if (seconds <= 0) return undefined;
    if (part.feed === undefined) continue;
    const proof = provesFeeds ? feedProvenAnswerOf(part.feed.system, part.feed.owners, readMs, part.feed.provenAtMs) : undefined;
    if (proof === undefined) return undefined;
    // Several parts on the same system and owners (a list, then its page) need one proof: the oldest one's.
    const same = `${proof.system}\u0000${[...proof.owners].sort().join(',')}`;
    const earlier = proofs.get(same)?.provenAtMs;
    proofs.set(same, earlier === undefined || (proof.provenAtMs !== undefined && proof.provenAtMs < earlier) ? proof : { ...proof, provenAtMs: earlier });
  }
  return { expiresAtMs: readMs + seconds * 1_000, proofs: [...proofs.values()] };
}

/**
 * Set by a subgraph on an answer whose cacheable part is a citizen's dossiers (cache class `feed`): whoever keeps it
 * (the gateway's shared reads) may serve it again only while the change feeds prove those dossiers unchanged.
 */
export const FEED_PROOF_HEADER = 'guichet-cache-proof';

/** The citizens whose dossiers such an answer lists (comma-separated NIUs), besides those its access report names. */
export const FEED_OWNERS_HEADER = 'guichet-cache-owners';

/**
 * Set on such an answer when part of it was served from a subgraph's kept records on the feed's proof: the earliest
 * instant those are proven at (epoch ms, the supervision subgraph's clock). The answer is as old as that, whatever
 * the request's own instant: whoever keeps it proves it from there, so that a change the subgraph had not yet heard
 * of when it answered still drops it.
 */
export const FEED_PROVEN_AT_HEADER = 'guichet-cache-proven-at';

/** The instant a `guichet-cache-proven-at` header states; undefined when absent or not a whole number of ms. */
export function feedProvenAtOf(header: string | undefined): number | undefined {
  if (header === undefined || !/^\d{1,15}$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

/**
 * Set (`request`) on an answer bound to its own request (a listing carrying seals, a sealed lookup): whoever keeps
 * subgraph answers must not keep it alone; a whole response built from it may be kept for its caller, on the proof.
 */
export const CACHE_BOUND_HEADER = 'guichet-cache-bound';

/** The owners a header names (`undefined` or empty: none). */
export function feedOwnersOf(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((owner) => owner.trim())
    .filter((owner) => owner.length > 0);
}

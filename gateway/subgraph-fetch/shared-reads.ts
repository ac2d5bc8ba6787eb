import { createSizedCache } from '../../lib/cache/index.js';
import { cacheHintOf } from './cache-hint.js';
import type { RawSubgraphResponse } from './raw-subgraph-response.js';

export interface SharedReadsOptions {
  /** Join identical reads of the same caller already in flight instead of sending them again. */
  readonly dedupe: boolean;
  /** Answers the subgraph marked cacheable (`Cache-Control: max-age`), kept at most this many; 0 = no cache. */
  readonly cacheMaxEntries: number;
  /** …and at most this many bytes of bodies in all. */
  readonly cacheMaxBytes: number;
  /** …and never longer than this, whatever the subgraph said. */
  readonly cacheMaxAgeSeconds: number;
  readonly now?: () => number;
}

/** One read of a subgraph: which subgraph, who asks (the whole principal, serialised) and the exact request body. */
export interface SharedReadKey {
  readonly subgraph: string;
  readonly callerKey: string;
  readonly body: string;
}

export interface SharedReadStats {
  /** Answered from the cache. */
  readonly hits: number;
  /** Joined an identical read in flight. */
  readonly joined: number;
  /** Sent to the subgraph. */
  readonly sent: number;
  readonly cachedEntries: number;
  readonly cachedBytes: number;
}

export interface SharedReads {
  /** The answer to `key`: from the cache, from an identical read in flight, or from `send()`. */
  read(key: SharedReadKey, send: () => Promise<RawSubgraphResponse>): Promise<RawSubgraphResponse>;
  stats(): SharedReadStats;
}

interface CachedAnswer {
  readonly response: RawSubgraphResponse;
  readonly expiresAtMs: number;
}

/**
 * Reads shared between gateway requests, for queries only (the caller decides): the subgraph's own cache hints say
 * what may be kept and for whom — PUBLIC answers (the catalogue) are shared by every caller, PRIVATE ones (a citizen's
 * identity and acts) only by the same principal. Nothing else is kept: no hint, a non-200, or an answer with errors.
 * A kept answer goes back with `max-age` lowered to what is left of it, so nothing downstream keeps it longer.
 */
export function createSharedReads({ dedupe, cacheMaxEntries, cacheMaxBytes, cacheMaxAgeSeconds, now = Date.now }: SharedReadsOptions): SharedReads {
  const inFlight = new Map<string, Promise<RawSubgraphResponse>>();
  const caching = cacheMaxEntries > 0 && cacheMaxBytes > 0 && cacheMaxAgeSeconds > 0;
  const cache = createSizedCache<CachedAnswer>({ maxEntries: caching ? cacheMaxEntries : 0, maxSize: caching ? cacheMaxBytes : 0, sizeOf: (entry) => entry.response.body.length, clock: now });
  let hits = 0;
  let joined = 0;
  let sent = 0;

  const lookup = (key: string, at: number): RawSubgraphResponse | undefined => {
    // Most recently used once read; dropped once expired.
    const entry = cache.get(key, at);
    if (entry === undefined) return undefined;
    const left = Math.max(1, Math.floor((entry.expiresAtMs - at) / 1_000));
    const scope = entry.response.headers['cache-control']?.includes('public') ? 'public' : 'private';
    return { ...entry.response, headers: { ...entry.response.headers, 'cache-control': `max-age=${left}, ${scope}` } };
  };

  const store = (key: SharedReadKey, response: RawSubgraphResponse, at: number) => {
    if (response.status !== 200 || response.body.length > cacheMaxBytes) return;
    const hint = cacheHintOf(response.headers['cache-control']);
    const ttlSeconds = Math.min(hint.maxAgeSeconds, cacheMaxAgeSeconds);
    // Apollo sends no hint with errors; this is the belt to those braces (a false positive only skips caching).
    if (ttlSeconds <= 0 || response.body.includes('"errors"')) return;
    const cacheKey = hint.scope === 'PUBLIC' ? publicKey(key) : privateKey(key);
    const expiresAtMs = at + ttlSeconds * 1_000;
    // The least recently used go first beyond either bound.
    cache.set(cacheKey, { response, expiresAtMs }, { expiresAtMs });
  };

  return {
    read(key, send) {
      if (caching) {
        const at = now();
        const cached = lookup(publicKey(key), at) ?? lookup(privateKey(key), at);
        if (cached !== undefined) {
          hits += 1;
          return Promise.resolve(cached);
        }
      }
      const flightKey = privateKey(key);
      if (dedupe) {
        const pending = inFlight.get(flightKey);
        if (pending !== undefined) {
          joined += 1;
          return pending;
        }
      }
      sent += 1;
      const answer = send().then((response) => {
        if (caching) store(key, response, now());
        return response;
      });
      if (dedupe) {
        inFlight.set(flightKey, answer);
        const done = () => inFlight.delete(flightKey);
        answer.then(done, done);
      }
      return answer;
    },
    stats: () => ({ hits, joined, sent, cachedEntries: cache.size, cachedBytes: cache.totalSize }),
  };
}

// A principal serialises as a JSON object, so it can never read as the word `public`.
const publicKey = ({ subgraph, body }: SharedReadKey) => `${subgraph}\u0000public\u0000${body}`;
const privateKey = ({ subgraph, callerKey, body }: SharedReadKey) => `${subgraph}\u0000${callerKey}\u0000${body}`;

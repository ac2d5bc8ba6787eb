import { createHash, randomUUID } from 'node:crypto';
import { CACHE_BOUND_HEADER, FEED_OWNERS_HEADER, FEED_PROOF_HEADER, FEED_PROVEN_AT_HEADER, feedOwnersOf, feedProvenAtOf } from '../../lib/cache-proof/index.js';
import { createSizedCache } from '../../lib/cache/index.js';
import { ministryOfSubgraph, type LegacySystem } from '../../schema/index.js';
import { feedProvenAnswerOf, type FeedProof, type FeedProvenAnswer } from '../feed-proof/index.js';
import type { EventBus } from '../../lib/events/index.js';
import { cacheHintOf } from './cache-hint.js';
import type { RawSubgraphResponse } from './raw-subgraph-response.js';
import type { SharedReadsStore, StoredAnswer } from './shared-reads-store.js';

/**
 * What the processes of one gateway share for their reads: the replicas of a scaled gateway (`REDIS_URL`), or the
 * workers of one (`WORKERS` > 1, through the primary: invalidations only).
 */
export interface SharedReadsAcrossReplicas {
  /** The second level (Redis): an answer kept by one replica serves the next one's poll. None between workers. */
  readonly store?: SharedReadsStore;
  /** Where a caller's private answers are dropped on every process after a mutation. */
  readonly bus: EventBus;
}

export interface SharedReadsOptions {
  /** Join identical reads of the same caller already in flight instead of sending them again. */
  readonly dedupe: boolean;
  /** Answers the subgraph marked cacheable (`Cache-Control: max-age`), kept at most this many; 0 = no cache. */
  readonly cacheMaxEntries: number;
  /** …and at most this many bytes of bodies in all. */
  readonly cacheMaxBytes: number;
  /** …and never longer than this, whatever the subgraph said. */
  readonly cacheMaxAgeSeconds: number;
  /** Scaled mode; undefined (a single gateway): this process's cache only, never invalidated before max-age. */
  readonly acrossReplicas?: SharedReadsAcrossReplicas;
  /**
   * What proves a citizen's dossiers unchanged (the change feeds, gateway/feed-proof): without it, answers a subgraph
   * marks as resting on the feeds (`guichet-cache-proof: feed`) are never kept.
   */
  readonly feedProof?: FeedProof;
  readonly now?: () => number;
}

/** One read of a subgraph: which subgraph, who asks (the whole principal, serialised) and the exact request body. */
export interface SharedReadKey {
  readonly subgraph: string;
  readonly callerKey: string;
  readonly body: string;
}

export interface SharedReadStats {
  /** Answered from this process's cache. */
  readonly hits: number;
  /** Answered from the replicas' shared store (scaled mode). */
  readonly remoteHits?: number;
  /** Of `hits`: a citizen's dossiers the change feeds proved unchanged. */
  readonly provenHits?: number;
  /** Joined an identical read in flight. */
  readonly joined: number;
  /** Sent to the subgraph. */
  readonly sent: number;
  readonly cachedEntries: number;
  readonly cachedBytes: number;
}

export interface SharedReads {
  /** The answer to `key`: from the cache, from an identical read in flight, from the replicas' store, or from `send()`. */
  read(key: SharedReadKey, send: () => Promise<RawSubgraphResponse>): Promise<RawSubgraphResponse>;
  /**
   * Forgets the PRIVATE answers kept for this caller, here and (scaled mode) in the shared store and on every other
   * replica: called after the caller's mutation, which may have changed them. Never throws.
   */
  dropCaller(callerKey: string): Promise<void>;
  /**
   * Told of every caller whose private answers are dropped, here or (scaled mode) by another replica, with the
   * caller's hash (`callerHashOf`): what else keeps that caller's answers drops them too.
   */
  onDropCaller(listener: (callerHash: string) => void): void;
  stats(): SharedReadStats;
  /** Stops listening to the other replicas. */
  close(): void;
}

interface CachedAnswer extends StoredAnswer {
  /** The caller's hash, for a PRIVATE answer (see dropCaller). */
  readonly caller: string | undefined;
  /** A citizen's dossiers: served again only while the feeds prove them unchanged. */
  readonly proof?: FeedProvenAnswer;
}

/** The proof a feed answer needs, or undefined when it cannot have one (no owner, an owner the feeds never name). */
function feedProvenAnswer(response: RawSubgraphResponse, system: LegacySystem | undefined, readMs: number): FeedProvenAnswer | undefined {
  return feedProvenAnswerOf(system, feedOwnersOf(response.headers[FEED_OWNERS_HEADER]), readMs, feedProvenAtOf(response.headers[FEED_PROVEN_AT_HEADER]));
}

/** The channel on which replicas tell each other to drop a caller's private answers. */
export const sharedReadsInvalidationChannel = 'guichet:shared-reads:drop-caller';

/**
 * Reads shared between gateway requests, for queries only (the caller decides): the subgraph's own cache hints say
 * what may be kept and for whom — PUBLIC answers (the catalogue) are shared by every caller, PRIVATE ones (a citizen's
 * identity and acts) only by the same principal. Nothing else is kept: no hint, a non-200, or an answer with errors.
 * A kept answer goes back with `max-age` lowered to what is left of it, so nothing downstream keeps it longer.
 *
 * Scaled mode adds a second level shared by the replicas (`acrossReplicas.store`): looked up after this process's
 * cache and after joining a read in flight, filled with every answer kept here, for what is left of its max-age. A
 * caller's mutation drops their private answers everywhere (`dropCaller`, over `acrossReplicas.bus`): with one
 * gateway a citizen who just filed saw their own list unchanged until max-age at worst from the process that
 * answered; with several, each replica would keep its own stale copy.
 */
export function createSharedReads({ dedupe, cacheMaxEntries, cacheMaxBytes, cacheMaxAgeSeconds, acrossReplicas, feedProof, now = Date.now }: SharedReadsOptions): SharedReads {
  const inFlight = new Map<string, Promise<RawSubgraphResponse>>();
  const caching = cacheMaxEntries > 0 && cacheMaxBytes > 0 && cacheMaxAgeSeconds > 0;
  // Each caller's private entries here, by the caller's hash, so that dropCaller finds them.
  const byCaller = new Map<string, Map<string, CachedAnswer>>();
  const unfile = (entry: CachedAnswer, cacheKey: string) => {
    if (entry.caller === undefined) return;
    const filed = byCaller.get(entry.caller);
    // Replaced since (the same key kept again): the newer entry stays filed.
    if (filed?.get(cacheKey) !== entry) return;
    filed.delete(cacheKey);
    if (filed.size === 0) byCaller.delete(entry.caller);
  };
  const cache = createSizedCache<CachedAnswer>({
    maxEntries: caching ? cacheMaxEntries : 0,
    maxSize: caching ? cacheMaxBytes : 0,
    sizeOf: (entry) => entry.response.body.length,
    onRemove: unfile,
    clock: now,
  });
  const remote = caching ? acrossReplicas?.store : undefined;
  // Invalidations travel whether or not this process keeps answers: the private responses listen to them too.
  const bus = acrossReplicas?.bus;
  // Reads whose last answer the subgraph did not allow caching (no max-age): not looked up in Redis for a minute, so that
  // the uncacheable majority of reads (a citizen's own dossiers) does not pay a round trip to miss. Costs, at worst, a
  // minute of missed remote hits if the subgraph's hint changes.
  const uncacheable = createSizedCache<true>({ maxEntries: remote === undefined ? 0 : cacheMaxEntries, maxAgeMs: 60_000, clock: now });
  // This replica's own messages come back to it: recognised by this prefix, and skipped.
  const origin = randomUUID();
  let hits = 0;
  let remoteHits = 0;
  let provenHits = 0;
  let joined = 0;
  let sent = 0;

  const withMaxAgeLeft = (entry: StoredAnswer, at: number): RawSubgraphResponse => {
    const left = Math.max(1, Math.floor((entry.expiresAtMs - at) / 1_000));
    const scope = entry.response.headers['cache-control']?.includes('public') ? 'public' : 'private';
    return { ...entry.response, headers: { ...entry.response.headers, 'cache-control': `max-age=${left}, ${scope}` } };
  };

  const keep = (cacheKey: string, answer: StoredAnswer, caller: string | undefined, proof?: FeedProvenAnswer) => {
    const entry: CachedAnswer = { ...answer, caller, ...(proof ? { proof } : {}) };
    if (caller !== undefined) {
      let filed = byCaller.get(caller);
      if (filed === undefined) byCaller.set(caller, (filed = new Map()));
      filed.set(cacheKey, entry);
    }
    // The least recently used go first beyond either bound.
    cache.set(cacheKey, entry, { expiresAtMs: answer.expiresAtMs });
  };

  const lookup = (key: string, at: number): RawSubgraphResponse | undefined => {
    // Most recently used once read; dropped once expired.
    const entry = cache.get(key, at);
    if (entry === undefined) return undefined;
    if (entry.proof !== undefined) {
      const standing = feedProof?.standing(entry.proof) ?? 'lost';
      if (standing !== 'proven') {
        // Pending: the coming feed read may prove it (see store).
        if (standing === 'lost') cache.delete(key);
        return undefined;
      }
      provenHits += 1;
    }
    return withMaxAgeLeft(entry, at);
  };

  const store = async (key: SharedReadKey, names: KeyNames, response: RawSubgraphResponse, at: number, readMs: number | undefined) => {
    // Bound to its request (seals that open only there): only a whole response built from it may be kept.
    if (response.status !== 200 || response.body.length > cacheMaxBytes || response.headers[CACHE_BOUND_HEADER] !== undefined) return;
    const hint = cacheHintOf(response.headers['cache-control']);
    const ttlSeconds = Math.min(hint.maxAgeSeconds, cacheMaxAgeSeconds);
    // Apollo sends no hint with errors; this is the belt to those braces (a false positive only skips caching).
    if (ttlSeconds <= 0 || response.body.includes('"errors"')) {
      if (hint.maxAgeSeconds <= 0) uncacheable.set(names.public, true);
      return;
    }
    uncacheable.delete(names.public);
    const answer: StoredAnswer = { response, expiresAtMs: at + ttlSeconds * 1_000 };
    if (response.headers[FEED_PROOF_HEADER] !== undefined) {
      // This process's only, filed under its caller whatever the mode (their own mutation drops it at once): each
      // replica follows the feeds itself, and proves only what it read.
      const proof = feedProof === undefined || readMs === undefined ? undefined : feedProvenAnswer(response, ministryOfSubgraph(key.subgraph)?.system.code, readMs);
      if (proof === undefined || hint.scope !== 'PRIVATE') return;
      // An earlier answer still standing stays, or a caller asking more often than the feeds are read would never be
      // answered from here (each answer replaced by a newer one before a read covers it).
      const current = cache.peek(names.private, at)?.proof;
      if (current !== undefined && current.readMs <= proof.readMs && (feedProof?.standing(current) ?? 'lost') !== 'lost') return;
      keep(names.private, answer, callerHashOf(key.callerKey), proof);
      return;
    }
    if (hint.scope === 'PUBLIC') {
      keep(names.public, answer, undefined);
      await remote?.set(remotePublicKey(key), answer, at);
      return;
    }
    // Filed by caller only where dropCaller is used (several processes).
    const caller = bus === undefined ? undefined : callerHashOf(key.callerKey);
    keep(names.private, answer, caller);
    if (remote !== undefined && caller !== undefined) await remote.set(remotePrivateKey(key, caller), answer, at, caller);
  };

  const fromRemote = async (store: SharedReadsStore, key: SharedReadKey, names: KeyNames): Promise<RawSubgraphResponse | undefined> => {
    const caller = callerHashOf(key.callerKey);
    const at = now();
    const found = await store.get([remotePublicKey(key), remotePrivateKey(key, caller)], at);
    if (found === undefined || found.expiresAtMs <= at) return undefined;
    const scope = cacheHintOf(found.response.headers['cache-control']).scope;
    // Kept here too, for what is left of it: the next poll on this replica costs no round trip.
    keep(scope === 'PUBLIC' ? names.public : names.private, found, scope === 'PUBLIC' ? undefined : caller);
    remoteHits += 1;
    return withMaxAgeLeft(found, at);
  };

  const dropListeners: ((callerHash: string) => void)[] = [];
  const dropLocal = (caller: string) => {
    for (const listener of dropListeners) listener(caller);
    const filed = byCaller.get(caller);
    if (filed === undefined) return;
    byCaller.delete(caller);
    for (const cacheKey of filed.keys()) cache.delete(cacheKey);
  };

  const unsubscribe = bus?.subscribe(
    sharedReadsInvalidationChannel,
    (message) => {
      const [from, caller] = message.split(' ', 2);
      if (from !== origin && caller !== undefined) dropLocal(caller);
    },
    // Drops may have been missed while this replica could not hear the others: forget every private answer.
    {
      onGap: () => {
        for (const caller of [...byCaller.keys()]) dropLocal(caller);
      },
    },
  );

  return {
    read(key, send) {
      // Each built once: both hold the whole request body, and every Map they are looked up in hashes them.
      const names: KeyNames = { public: publicKey(key), private: privateKey(key) };
      if (caching) {
        const at = now();
        const cached = lookup(names.public, at) ?? lookup(names.private, at);
        if (cached !== undefined) {
          hits += 1;
          return Promise.resolve(cached);
        }
      }
      const flightKey = names.private;
      if (dedupe) {
        const pending = inFlight.get(flightKey);
        if (pending !== undefined) {
          joined += 1;
          return pending;
        }
      }
      const answer = (async () => {
        const shared = remote === undefined || uncacheable.get(names.public) ? undefined : await fromRemote(remote, key, names);
        if (shared !== undefined) return shared;
        sent += 1;
        // Before it leaves: a change named from then on may not be in the answer.
        const readMs = feedProof?.now();
        const response = await send();
        if (caching) await store(key, names, response, now(), readMs);
        return response;
      })();
      if (dedupe) {
        inFlight.set(flightKey, answer);
        const done = () => inFlight.delete(flightKey);
        answer.then(done, done);
      }
      return answer;
    },
    async dropCaller(callerKey) {
      const caller = callerHashOf(callerKey);
      dropLocal(caller);
      await remote?.dropCaller(caller);
      await bus?.publish(sharedReadsInvalidationChannel, `${origin} ${caller}`).catch(() => undefined);
    },
    onDropCaller: (listener) => void dropListeners.push(listener),
    stats: () => ({ hits, remoteHits, provenHits, joined, sent, cachedEntries: cache.size, cachedBytes: cache.totalSize }),
    close: () => unsubscribe?.(),
  };
}

/** A read's keys in this process's cache: shared by every caller, and the caller's own (also the in-flight key). */
interface KeyNames {
  readonly public: string;
  readonly private: string;
}

// A principal serialises as a JSON object, so it can never read as the word `public`.
const publicKey = ({ subgraph, body }: SharedReadKey) => `${subgraph}\u0000public\u0000${body}`;
const privateKey = ({ subgraph, callerKey, body }: SharedReadKey) => `${subgraph}\u0000${callerKey}\u0000${body}`;

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
/** The caller as the shared store and the other replicas know it: a hash of the principal (which holds no token). */
export const callerHashOf = (callerKey: string) => sha256(callerKey);
// Subgraph names are `[a-z-]+` (the registry); hashes are base64url: `:` cannot occur in either.
const remotePublicKey = ({ subgraph, body }: SharedReadKey) => `${subgraph}:public:${sha256(body)}`;
const remotePrivateKey = ({ subgraph, body }: SharedReadKey, caller: string) => `${subgraph}:${caller}:${sha256(body)}`;

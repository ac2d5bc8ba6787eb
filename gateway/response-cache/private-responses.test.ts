import { describe, expect, it } from 'vitest';
import type { LegacySystem } from '../../schema/index.js';
import type { FeedProof, FeedProvenAnswer } from '../feed-proof/index.js';
import type { ResponsePart } from '../subgraph-fetch/index.js';
import { keepableResponse } from './keepable-response.js';
import { createPrivateResponses, type KeptResponse } from './private-responses.js';

/**
 * A feed proof the test decides: an owner is "named" at a time (lost = a name since the answer's read); a system can
 * be awaiting its next feed read (pending); otherwise proven.
 */
function fakeProof(clock: () => number) {
  const named = new Map<string, number>();
  const awaiting = new Set<string>();
  const proof: FeedProof = {
    now: clock,
    standing: ({ readMs, system, owners }) => {
      if (!owners.every((owner) => (named.get(owner) ?? Number.NEGATIVE_INFINITY) < readMs)) return 'lost';
      return awaiting.has(system) ? 'pending' : 'proven';
    },
    onFeedRead: () => undefined,
    onEvent: () => undefined,
    forgetAll: () => undefined,
    stats: () => ({ systems: new Map(), owners: 0, ownersForgotten: 0 }),
  };
  return { proof, name: (owner: string) => named.set(owner, clock()), awaitRead: (system: string) => awaiting.add(system), readArrives: (system: string) => awaiting.delete(system) };
}

const niu = (n: number) => String(100_000_000_000 + n);
const kept = (caller: string, readMs: number, proofs: FeedProvenAnswer[] = [], maxAgeS = 60): KeptResponse => ({
  json: JSON.stringify({ dossier: { reference: `CEET-${caller}` } }),
  bytes: 600,
  caller,
  access: [{ niu: niu(1), action: 'read', systems: ['ceet'], subgraphs: ['electricity'] }],
  proofs,
  readMs,
  expiresAtMs: readMs + maxAgeS * 1_000,
  downstreamMaxAgeSeconds: 0,
});

describe('private responses (the store)', () => {
  const setUp = (maxEntries = 100) => {
    let now = 1_000_000;
    const clock = () => now;
    const feed = fakeProof(clock);
    const responses = createPrivateResponses({ maxEntries, maxBytes: 1_000_000, feedProof: feed.proof, clock });
    return { responses, feed, advance: (ms: number) => (now += ms), now: () => now };
  };

  it('serves a kept response under its key only, until it expires', () => {
    const { responses, advance, now } = setUp();
    responses.keep('k1', kept('alice', now()));
    expect(responses.lookup('k1')?.caller).toBe('alice');
    expect(responses.lookup('k2')).toBeUndefined();
    advance(60_000);
    expect(responses.lookup('k1')).toBeUndefined();
    expect(responses.stats()).toMatchObject({ hits: 1, misses: 2, kept: 1 });
  });

  it('keeps a response awaiting its feed read: not served, not replaced by newer ones, served once the read proves it', () => {
    const { responses, feed, advance, now } = setUp();
    const proofAt = (readMs: number) => [{ readMs, system: 'ceet' as LegacySystem, owners: [niu(1)] }];
    feed.awaitRead('ceet');
    const first = now();
    responses.keep('k', kept('alice', first, proofAt(first)));
    // A phone asking every few hundred milliseconds, faster than the feeds are read: each answer built again is kept
    // only if nothing earlier still stands.
    for (let i = 0; i < 5; i += 1) {
      advance(300);
      expect(responses.lookup('k')).toBeUndefined();
      responses.keep('k', kept('alice', now(), proofAt(now())));
    }
    expect(responses.stats()).toMatchObject({ hits: 0, pending: 5, misses: 0, kept: 1 });
    feed.readArrives('ceet');
    expect(responses.lookup('k')?.readMs).toBe(first);
    // Once one of its owners is named, it is lost: forgotten, and the next answer takes its place.
    advance(100);
    feed.name(niu(1));
    advance(100);
    expect(responses.lookup('k')).toBeUndefined();
    responses.keep('k', kept('alice', now(), proofAt(now())));
    expect(responses.lookup('k')?.readMs).toBe(now());
  });

  it('serves a response resting on the feeds only while every proof holds, and forgets it once one fails', () => {
    const { responses, feed, advance, now } = setUp();
    const read = now();
    responses.keep(
      'k',
      kept('alice', read, [
        { readMs: read, system: 'ceet', owners: [niu(1)] },
        { readMs: read, system: 'rnec', owners: [niu(1), niu(2)] },
      ]),
    );
    advance(1_000);
    expect(responses.lookup('k')).toBeDefined();
    feed.name(niu(2));
    expect(responses.lookup('k')).toBeUndefined();
    // Forgotten: a proof that held again (it cannot here) would not bring it back.
    expect(responses.stats().entries).toBe(0);
  });

  it('a caller’s mutation drops their responses, not another caller’s', () => {
    const { responses, advance, now } = setUp();
    responses.keep('a1', kept('alice', now()));
    responses.keep('a2', kept('alice', now()));
    responses.keep('b1', kept('bob', now()));
    advance(10);
    responses.dropCaller('alice');
    expect(responses.lookup('a1')).toBeUndefined();
    expect(responses.lookup('a2')).toBeUndefined();
    expect(responses.lookup('b1')).toBeDefined();
  });

  it('does not keep a response begun before its caller’s mutation ended (it may predate the write)', () => {
    const { responses, advance, now } = setUp();
    const begun = now();
    advance(5);
    responses.dropCaller('alice');
    advance(5);
    responses.keep('late', kept('alice', begun));
    expect(responses.stats()).toMatchObject({ kept: 0, entries: 0 });
    expect(responses.lookup('late')).toBeUndefined();
    responses.keep('after', kept('alice', now()));
    expect(responses.lookup('after')).toBeDefined();
  });

  it('remembers mutations beyond its bound conservatively: a forgotten caller counts as dropped when forgotten', () => {
    const { responses, advance, now } = setUp(2);
    const begun = now();
    advance(5);
    for (const caller of ['c1', 'c2', 'c3']) responses.dropCaller(caller);
    advance(5);
    responses.keep('k', kept('c1', begun));
    expect(responses.lookup('k')).toBeUndefined();
  });

  it('keeps nothing when switched off', () => {
    const responses = createPrivateResponses({ maxEntries: 0, maxBytes: 1_000 });
    expect(responses.enabled).toBe(false);
    responses.keep('k', kept('alice', Date.now()));
    expect(responses.lookup('k')).toBeUndefined();
  });
});

describe('keepableResponse: which whole responses may be kept (generated parts)', () => {
  const systems: (LegacySystem | undefined)[] = ['ceet', 'rnec', 'urbanisme', 'mines', undefined];
  const ownersChoices: string[][] = [[niu(1)], [niu(1), niu(2)], [], ['company:1234567890123'], [niu(3), 'company:1234567890123']];
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const partOf = (): ResponsePart => {
    // Some parts were served from a subgraph's kept records, proven at an instant before the request's.
    const provenAt = random() < 0.4 ? { provenAtMs: 5_000_000 - Math.floor(random() * 3_000) } : {};
    const feed = random() < 0.5 ? { system: pick(systems), owners: pick(ownersChoices), ...provenAt } : undefined;
    return { subgraph: 'x', maxAgeSeconds: pick([0, 1, 30, 60, 300]), scope: random() < 0.2 ? 'PUBLIC' : 'PRIVATE', ...(feed ? { feed } : {}) };
  };
  const worlds = Array.from({ length: 300 }, (_, i) => ({ i, parts: Array.from({ length: 1 + Math.floor(random() * 6) }, partOf), provesFeeds: random() < 0.85 }));

  it.each(worlds)('world $i', ({ parts, provesFeeds }) => {
    const readMs = 5_000_000;
    const keepable = keepableResponse(parts, { readMs, provesFeeds, maxAgeSeconds: 120 });
    const feedParts = parts.filter((p) => p.feed !== undefined);
    const provable = (p: ResponsePart) => provesFeeds && p.feed?.system !== undefined && p.feed.owners.length > 0 && p.feed.owners.every((o) => /^\d{12}$/.test(o));
    const shouldKeep = !parts.every((p) => p.scope === 'PUBLIC') && parts.every((p) => p.maxAgeSeconds > 0) && feedParts.every(provable);
    expect(keepable !== undefined).toBe(shouldKeep);
    if (keepable === undefined) return;
    expect(keepable.expiresAtMs).toBe(readMs + Math.min(120, ...parts.map((p) => p.maxAgeSeconds)) * 1_000);
    // Every part resting on the feeds is covered by a proof on its system naming at least its owners, proven from no
    // later than the part's own instant when a subgraph said one.
    const asOld = (proof: FeedProvenAnswer, part: ResponsePart) => part.feed?.provenAtMs === undefined || (proof.provenAtMs !== undefined && proof.provenAtMs <= part.feed.provenAtMs);
    for (const part of feedParts)
      expect(keepable.proofs.some((proof) => proof.system === part.feed?.system && part.feed.owners.every((o) => proof.owners.includes(o)) && proof.readMs === readMs && asOld(proof, part))).toBe(
        true,
      );
    expect(keepable.proofs.length).toBeLessThanOrEqual(feedParts.length);
  });
});

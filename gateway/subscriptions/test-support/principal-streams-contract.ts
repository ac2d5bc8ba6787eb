import { describe, expect, it } from 'vitest';
import type { PrincipalStreams, StreamClaim } from '../principal-streams/index.js';

/** A fresh counter per test (a Redis one on its own key prefix: tests do not share principals). */
export type PrincipalStreamsFactory = () => PrincipalStreams | Promise<PrincipalStreams>;

/** A small deterministic generator (mulberry32): the same sequence of claims and releases on every run and store. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * What every PrincipalStreams must do, seen from one process: count each principal apart, refuse at the cap, free one
 * place per release (a second release of the same claim frees nothing), and stay exact under concurrent claims. The
 * memory and the Redis counters both run it; the Redis one's cross-replica behaviour has tests of its own.
 */
export function describePrincipalStreamsContract(name: string, factory: PrincipalStreamsFactory): void {
  describe(`${name}: PrincipalStreams contract`, () => {
    it.each([1, 2, 5])('grants %i per principal, refuses the next, and counts principals apart', async (max) => {
      const streams = await factory();
      const granted = async (principal: string) => (await streams.claim(principal, max)) !== undefined;
      for (let i = 0; i < max; i += 1) expect(await granted('alice')).toBe(true);
      expect(await granted('alice')).toBe(false);
      for (let i = 0; i < max; i += 1) expect(await granted('bob')).toBe(true);
      expect(await granted('bob')).toBe(false);
      await streams.close();
    });

    it('frees one place per release, once, whichever claim is released', async () => {
      const streams = await factory();
      const claims = [await streams.claim('p', 3), await streams.claim('p', 3), await streams.claim('p', 3)];
      expect(claims.every((c) => c !== undefined)).toBe(true);
      claims[1]!.release();
      claims[1]!.release();
      expect(await streams.claim('p', 3)).toBeDefined();
      expect(await streams.claim('p', 3)).toBeUndefined();
      claims[0]!.release();
      claims[2]!.release();
      expect(await streams.claim('p', 3)).toBeDefined();
      expect(await streams.claim('p', 3)).toBeDefined();
      expect(await streams.claim('p', 3)).toBeUndefined();
      await streams.close();
    });

    it.each([1, 3, 8])('grants exactly %i of 24 concurrent claims (check and add are one step)', async (max) => {
      const streams = await factory();
      const results = await Promise.all(Array.from({ length: 24 }, () => streams.claim('rush', max)));
      expect(results.filter((r) => r !== undefined)).toHaveLength(max);
      await streams.close();
    });

    it.each([11, 42, 2026])('follows a model through a random run of claims and releases (seed %i)', async (seed) => {
      const streams = await factory();
      const next = random(seed);
      const principals = ['a', 'b', 'c'];
      const max = 1 + Math.floor(next() * 4);
      const held = new Map<string, StreamClaim[]>(principals.map((p) => [p, []]));
      for (let step = 0; step < 120; step += 1) {
        const principal = principals[Math.floor(next() * principals.length)]!;
        const mine = held.get(principal)!;
        if (mine.length > 0 && next() < 0.4) {
          mine.splice(Math.floor(next() * mine.length), 1)[0]!.release();
          continue;
        }
        const claim = await streams.claim(principal, max);
        expect(claim !== undefined, `step ${step}: ${principal} holds ${mine.length} of ${max}`).toBe(mine.length < max);
        if (claim) mine.push(claim);
      }
      await streams.close();
    });

    it('closes with claims still open, and with releases in flight', async () => {
      const streams = await factory();
      const claim = await streams.claim('closing', 2);
      await streams.claim('closing', 2);
      claim?.release();
      await expect(streams.close()).resolves.toBeUndefined();
    });
  });
}

import { describe, expect, it } from 'vitest';
import type { FeedRead } from '../../events/index.js';
import { createFeedProof, type FeedProof, type FeedProvenAnswer } from './feed-proof.js';

const isProven = (proof: FeedProof, answer: FeedProvenAnswer) => proof.standing(answer) === 'proven';

/** A small deterministic generator: the same seed gives the same world. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const owners = ['100000000001', '100000000002', '100000000003', '100000000004'];

/**
 * A generated world both worlds below share: owners' dossiers change at random instants, and the CEET feed is read
 * every 200 ms with a 100 ms overlap, each read listing the owners changed in its `(since, read]`.
 */
function feedWorld(draw: () => number) {
  const changes = new Map<string, number[]>(owners.map((o) => [o, []]));
  let cursorMs = 0;
  return {
    versionAt: (owner: string, at: number) => (changes.get(owner) ?? []).filter((t) => t <= at).length,
    /** Maybe a change at `now`, and the feed read made at `now` if one is due. */
    tick(now: number): FeedRead | undefined {
      if (draw() < 0.004) changes.get(owners[Math.floor(draw() * owners.length)]!)!.push(now);
      if (now % 200 !== 0) return undefined;
      const sinceMs = Math.max(0, cursorMs - 100);
      const listed = owners.filter((o) => (changes.get(o) ?? []).some((t) => t > sinceMs && t <= now));
      cursorMs = now;
      return { system: 'ceet', sinceMs, readMs: now, references: listed.map((o) => `CEET-${o}`), owners: listed };
    },
  };
}

describe('createFeedProof', () => {
  // A generated world: owners' dossiers change at random instants; the feed is read every 200 ms with a 100 ms overlap,
  // some reads never reach the gateway (a gap unless the next overlaps), the stream sometimes reconnects; answers are
  // read at random instants. Whenever the rule serves an answer, it must be what the owner's dossiers were at the last
  // feed read the gateway received (the asOf it promises): never a change older than that missing.
  it.each(Array.from({ length: 40 }, (_, seed) => seed))('never serves an answer a feed read received shows changed (world %i)', (seed) => {
    const draw = random(seed + 1);
    const clock = { now: 0 };
    const proof = createFeedProof({ maxAgeMs: 300, clockSkewMs: 0, maxOwners: seed % 3 === 0 ? 2 : 100, clock: () => clock.now });
    const world = feedWorld(draw);
    const { versionAt } = world;
    const answers: { owner: string; readMs: number; version: number; lost?: boolean }[] = [];
    let pending = 0;
    let lastReceivedReadMs: number | undefined;
    let served = 0;
    for (clock.now = 1; clock.now < 20_000; clock.now += 1) {
      const now = clock.now;
      const read = world.tick(now);
      if (read !== undefined) {
        if (draw() < 0.85) {
          proof.onFeedRead(read);
          lastReceivedReadMs = now;
        }
      }
      if (draw() < 0.002) {
        proof.forgetAll();
        lastReceivedReadMs = undefined;
      }
      if (draw() < 0.02) {
        const owner = owners[Math.floor(draw() * owners.length)]!;
        answers.push({ owner, readMs: now, version: versionAt(owner, now) });
      }
      if (now % 50 === 0) {
        for (const answer of answers) {
          const standing = proof.standing({ readMs: answer.readMs, system: 'ceet', owners: [answer.owner] });
          // Lost is for good: stores forget such an answer, and keep a pending one for the read that may prove it.
          if (answer.lost) expect(standing).toBe('lost');
          if (standing === 'lost') answer.lost = true;
          if (standing === 'pending') pending += 1;
          if (standing !== 'proven') continue;
          served += 1;
          expect(lastReceivedReadMs).toBeDefined();
          expect(versionAt(answer.owner, lastReceivedReadMs!)).toBe(answer.version);
          expect(now - lastReceivedReadMs!).toBeLessThanOrEqual(300);
        }
      }
    }
    // The rule is not vacuous: it serves answers in every world, and some wait for a read first.
    expect(served).toBeGreaterThan(0);
    expect(pending).toBeGreaterThan(0);
  });

  // The same rule when a ministry subgraph answers from a record it kept on its own proof, while its stream runs behind
  // the gateway's: it hears each feed read up to 700 ms later. Asked just after the gateway heard a read naming the owner,
  // it still serves its old record — proven at its own last read, which it says (`provenAtMs`). Judged from that instant
  // the answer is dropped; judged from the request's (what the gateway did before), some of them would be served stale.
  it.each(Array.from({ length: 20 }, (_, seed) => seed))('proves a kept record a lagging subgraph served from its provenAt, never from the request (world %i)', (seed) => {
    const draw = random(seed + 101);
    const clock = { now: 0 };
    const options = { maxAgeMs: 600, clockSkewMs: 0, maxOwners: 100, clock: () => clock.now };
    const proof = createFeedProof(options);
    const world = feedWorld(draw);
    const { versionAt } = world;
    // The subgraph: the reads on their way to it, the last it heard, its kept records.
    const inTransit: { deliverAt: number; read: FeedRead }[] = [];
    let subgraphReadMs: number | undefined;
    const kept = new Map<string, { version: number; readMs: number }>();
    const answers: { owner: string; readMs: number; provenAtMs?: number; version: number; lost?: boolean; lostWithout?: boolean }[] = [];
    let lastReceivedReadMs: number | undefined;
    let served = 0;
    let staleWithoutProvenance = 0;
    for (clock.now = 1; clock.now < 20_000; clock.now += 1) {
      const now = clock.now;
      const read = world.tick(now);
      if (read !== undefined) {
        proof.onFeedRead(read);
        lastReceivedReadMs = now;
        inTransit.push({ deliverAt: now + Math.floor(draw() * 700), read });
      }
      // In order, as one stream delivers them.
      while (inTransit.length > 0 && inTransit[0]!.deliverAt <= now) {
        const { read } = inTransit.shift()!;
        for (const owner of read.owners) kept.delete(owner);
        subgraphReadMs = read.readMs;
      }
      if (draw() < 0.03) {
        const owner = owners[Math.floor(draw() * owners.length)]!;
        const record = kept.get(owner);
        if (record !== undefined && subgraphReadMs !== undefined && subgraphReadMs >= record.readMs) {
          answers.push({ owner, readMs: now, provenAtMs: subgraphReadMs, version: record.version });
        } else {
          const version = versionAt(owner, now);
          kept.set(owner, { version, readMs: now });
          answers.push({ owner, readMs: now, version });
        }
      }
      if (now % 50 === 0) {
        for (const answer of answers) {
          const { owner, readMs, provenAtMs } = answer;
          if (!answer.lostWithout) {
            const without = proof.standing({ readMs, system: 'ceet', owners: [owner] });
            if (without === 'lost') answer.lostWithout = true;
            if (without === 'proven' && versionAt(owner, lastReceivedReadMs!) !== answer.version) staleWithoutProvenance += 1;
          }
          if (answer.lost) continue;
          const standing = proof.standing({ readMs, system: 'ceet', owners: [owner], ...(provenAtMs === undefined ? {} : { provenAtMs }) });
          if (standing === 'lost') answer.lost = true;
          if (standing !== 'proven') continue;
          served += 1;
          expect(versionAt(owner, lastReceivedReadMs!)).toBe(answer.version);
        }
      }
    }
    expect(served).toBeGreaterThan(0);
    // The world does hold the race: without the subgraph's instant, the gateway would have served a stale answer.
    expect(staleWithoutProvenance).toBeGreaterThan(0);
  });

  it('an event naming an owner drops their answers; another system’s coverage proves nothing here', () => {
    const clock = { now: 1_000 };
    const proof = createFeedProof({ maxAgeMs: 3_000, clockSkewMs: 0, maxOwners: 10, clock: () => clock.now });
    const [a, b] = owners as [string, string];
    clock.now = 1_001;
    proof.onFeedRead({ system: 'ceet', sinceMs: 900, readMs: 1_100, references: [], owners: [] });
    const answer = { readMs: 1_050, system: 'ceet' as const, owners: [a] };
    clock.now = 1_200;
    expect(isProven(proof, answer)).toBe(true);
    expect(isProven(proof, { ...answer, system: 'urbanisme' })).toBe(false);
    expect(isProven(proof, { ...answer, owners: [] })).toBe(false);
    proof.onEvent({ ownerNiu: b } as Parameters<typeof proof.onEvent>[0]);
    expect(isProven(proof, answer)).toBe(true);
    proof.onEvent({ ownerNiu: a } as Parameters<typeof proof.onEvent>[0]);
    expect(isProven(proof, answer)).toBe(false);
    // Too old a proof: the last read is more than maxAgeMs behind.
    const later = { readMs: 1_300, system: 'ceet' as const, owners: [b] };
    proof.onFeedRead({ system: 'ceet', sinceMs: 1_000, readMs: 1_400, references: [], owners: [] });
    expect(isProven(proof, later)).toBe(true);
    clock.now = 4_401;
    expect(isProven(proof, later)).toBe(false);
  });

  it('says what it rests on: each system’s unbroken interval, owners remembered and forgotten', () => {
    const clock = { now: 1_000 };
    const proof = createFeedProof({ maxAgeMs: 3_000, clockSkewMs: 0, maxOwners: 2, clock: () => clock.now });
    expect(proof.stats()).toEqual({ systems: new Map(), owners: 0, ownersForgotten: 0 });
    proof.onFeedRead({ system: 'ceet', sinceMs: 900, readMs: 1_100, references: [], owners: [owners[0]!] });
    proof.onFeedRead({ system: 'ceet', sinceMs: 1_050, readMs: 1_300, references: [], owners: [owners[1]!, owners[2]!] });
    // A read starting after the interval's end (one missed) starts it again.
    proof.onFeedRead({ system: 'rnec', sinceMs: 500, readMs: 800, references: [], owners: [] });
    proof.onFeedRead({ system: 'rnec', sinceMs: 900, readMs: 1_200, references: [], owners: [] });
    expect(proof.stats()).toEqual({
      systems: new Map([
        ['ceet', { fromMs: 900, toMs: 1_300 }],
        ['rnec', { fromMs: 900, toMs: 1_200 }],
      ]),
      owners: 2,
      ownersForgotten: 1,
    });
    proof.forgetAll();
    expect(proof.stats().systems.size).toBe(0);
  });
});

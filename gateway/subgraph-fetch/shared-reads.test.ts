import type { FeedStanding } from '../../events/index.js';
import { describe, expect, it } from 'vitest';
import type { RawSubgraphResponse } from './raw-subgraph-response.js';
import { callerHashOf, createSharedReads, type SharedReadsOptions } from './shared-reads.js';

const answer = (cacheControl: string | undefined, body = '{"data":{"x":1}}', status = 200): RawSubgraphResponse => ({
  status,
  headers: cacheControl === undefined ? {} : { 'cache-control': cacheControl },
  body: Buffer.from(body),
});

function setup(overrides: Partial<SharedReadsOptions> = {}) {
  let clock = 1_000_000;
  const reads = createSharedReads({ dedupe: true, cacheMaxEntries: 100, cacheMaxBytes: 1_000_000, cacheMaxAgeSeconds: 300, now: () => clock, ...overrides });
  let calls = 0;
  const read = (callerKey: string, response: RawSubgraphResponse, body = 'q', subgraph = 'dossiers') =>
    reads.read({ subgraph, callerKey, body }, async () => {
      calls += 1;
      return response;
    });
  return { reads, read, calls: () => calls, advance: (ms: number) => (clock += ms) };
}

describe('shared reads', () => {
  it('shares a PUBLIC answer with every caller until its max-age, lowering max-age to what is left', async () => {
    const { read, calls, advance } = setup();
    await read('alice', answer('max-age=300, public'));
    advance(100_000);
    const cached = await read('bob', answer('max-age=300, public'));
    expect(calls()).toBe(1);
    expect(cached.headers['cache-control']).toBe('max-age=200, public');
    advance(200_000);
    await read('bob', answer('max-age=300, public'));
    expect(calls()).toBe(2);
  });

  it('keeps a PRIVATE answer for its own caller only', async () => {
    const { read, calls } = setup();
    await read('alice', answer('max-age=60, private'));
    await read('alice', answer('max-age=60, private'));
    expect(calls()).toBe(1);
    await read('bob', answer('max-age=60, private'));
    expect(calls()).toBe(2);
  });

  it('keeps nothing without a hint, with no-store, with errors, or for a non-200', async () => {
    const { read, calls } = setup();
    for (const response of [answer(undefined), answer('no-store'), answer('max-age=60, public', '{"errors":[{"message":"x"}],"data":null}'), answer('max-age=60, public', '{}', 500)]) {
      await read('alice', response, JSON.stringify(response.headers) + response.status + response.body.length);
      await read('alice', response, JSON.stringify(response.headers) + response.status + response.body.length);
    }
    expect(calls()).toBe(8);
  });

  it('never keeps an answer longer than its own ceiling, nor per subgraph beyond its own key', async () => {
    const { read, calls, advance } = setup({ cacheMaxAgeSeconds: 10 });
    await read('alice', answer('max-age=300, public'));
    await read('alice', answer('max-age=300, public'), 'q', 'electricity');
    expect(calls()).toBe(2);
    advance(10_000);
    await read('alice', answer('max-age=300, public'));
    expect(calls()).toBe(3);
  });

  it('holds its bounds in entries and bytes, dropping the least recently used', async () => {
    const { read, calls, reads } = setup({ cacheMaxEntries: 2 });
    await read('a', answer('max-age=60, public'), 'q1');
    await read('a', answer('max-age=60, public'), 'q2');
    await read('a', answer('max-age=60, public'), 'q1');
    await read('a', answer('max-age=60, public'), 'q3');
    expect(reads.stats().cachedEntries).toBe(2);
    await read('a', answer('max-age=60, public'), 'q1');
    expect(calls()).toBe(3);
    await read('a', answer('max-age=60, public'), 'q2');
    expect(calls()).toBe(4);
    const small = setup({ cacheMaxBytes: 40 });
    await small.read('a', answer('max-age=60, public', 'x'.repeat(30)), 'q1');
    await small.read('a', answer('max-age=60, public', 'y'.repeat(30)), 'q2');
    expect(small.reads.stats()).toMatchObject({ cachedEntries: 1, cachedBytes: 30 });
  });

  it('joins an identical read of the same caller in flight, not another caller’s, and not when turned off', async () => {
    for (const dedupe of [true, false]) {
      const reads = createSharedReads({ dedupe, cacheMaxEntries: 0, cacheMaxBytes: 0, cacheMaxAgeSeconds: 0 });
      let calls = 0;
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const send = async () => {
        calls += 1;
        await gate;
        return answer(undefined);
      };
      const pending = [
        reads.read({ subgraph: 's', callerKey: 'alice', body: 'q' }, send),
        reads.read({ subgraph: 's', callerKey: 'alice', body: 'q' }, send),
        reads.read({ subgraph: 's', callerKey: 'bob', body: 'q' }, send),
      ];
      release();
      await Promise.all(pending);
      expect(calls).toBe(dedupe ? 2 : 3);
      expect(reads.stats().joined).toBe(dedupe ? 1 : 0);
      // Once answered, the next read goes out again (de-duplication is not a cache).
      await reads.read({ subgraph: 's', callerKey: 'alice', body: 'q' }, send);
      expect(calls).toBe(dedupe ? 3 : 4);
    }
  });

  it('shares a failure with the reads that joined it, and forgets it', async () => {
    const reads = createSharedReads({ dedupe: true, cacheMaxEntries: 10, cacheMaxBytes: 1_000, cacheMaxAgeSeconds: 60 });
    let calls = 0;
    const failing = async (): Promise<RawSubgraphResponse> => {
      calls += 1;
      await Promise.resolve();
      throw new Error('down');
    };
    const both = await Promise.allSettled([reads.read({ subgraph: 's', callerKey: 'a', body: 'q' }, failing), reads.read({ subgraph: 's', callerKey: 'a', body: 'q' }, failing)]);
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(reads.read({ subgraph: 's', callerKey: 'a', body: 'q' }, failing)).rejects.toThrow('down');
    expect(calls).toBe(2);
  });
});

describe('shared reads of a citizen’s dossiers (cache class feed)', () => {
  const niu = '100000000001';
  const feedAnswer = (owners: string | undefined, cacheControl = 'max-age=300, private'): RawSubgraphResponse => ({
    status: 200,
    headers: { 'cache-control': cacheControl, 'guichet-cache-proof': 'feed', ...(owners === undefined ? {} : { 'guichet-cache-owners': owners }) },
    body: Buffer.from('{"data":{"_entities":[]}}'),
  });
  // A proof whose verdict the test sets, recording what it was asked.
  const proofStub = (now = () => 42) => {
    let verdict: FeedStanding = 'proven';
    const asked: { readMs: number; system: string; owners: readonly string[] }[] = [];
    return {
      set: (value: FeedStanding) => (verdict = value),
      asked,
      proof: {
        now,
        standing: (answer: { readMs: number; system: string; owners: readonly string[] }) => {
          asked.push(answer);
          return verdict;
        },
        onFeedRead: () => undefined,
        onEvent: () => undefined,
        forgetAll: () => undefined,
        stats: () => ({ systems: new Map(), owners: 0, ownersForgotten: 0 }),
      },
    };
  };

  it('serves a kept answer only while the proof holds, asking it with the read instant, the system and the owners', async () => {
    const stub = proofStub();
    const { read, calls } = setup({ feedProof: stub.proof });
    await read('alice', feedAnswer(niu), 'q', 'electricity');
    await read('alice', feedAnswer(niu), 'q', 'electricity');
    expect(calls()).toBe(1);
    expect(stub.asked.at(-1)).toEqual({ readMs: 42, system: 'ceet', owners: [niu] });
    stub.set('lost');
    await read('alice', feedAnswer(niu), 'q', 'electricity');
    expect(calls()).toBe(2);
  });

  it('asks the proof with the instant the subgraph says its kept records are proven at, when it says one', async () => {
    const stub = proofStub();
    const { read } = setup({ feedProof: stub.proof });
    const answer = feedAnswer(niu);
    await read('alice', { ...answer, headers: { ...answer.headers, 'guichet-cache-proven-at': '40' } }, 'q', 'electricity');
    await read('alice', answer, 'q', 'electricity');
    expect(stub.asked.at(-1)).toEqual({ readMs: 42, system: 'ceet', owners: [niu], provenAtMs: 40 });
  });

  it('an answer awaiting its feed read is neither served nor dropped nor replaced by newer ones; served once proven', async () => {
    let clock = 100;
    const stub = proofStub(() => (clock += 1));
    const { read, calls } = setup({ feedProof: stub.proof });
    stub.set('pending');
    await read('alice', feedAnswer(niu), 'q', 'electricity');
    await read('alice', feedAnswer(niu), 'q', 'electricity');
    await read('alice', feedAnswer(niu), 'q', 'electricity');
    expect(calls()).toBe(3);
    const asked = stub.asked.length;
    stub.set('proven');
    await read('alice', feedAnswer(niu), 'q', 'electricity');
    expect(calls()).toBe(3);
    // The first answer kept is the one served, not a later one.
    expect(stub.asked.slice(asked)).toEqual([{ readMs: stub.asked[0]!.readMs, system: 'ceet', owners: [niu] }]);
    expect(new Set(stub.asked.map((answer) => answer.readMs)).size).toBe(1);
  });

  it.each<[string, RawSubgraphResponse, string, boolean]>([
    ['no owner named', feedAnswer(undefined), 'electricity', false],
    ['a company among the owners', feedAnswer(`${niu},company:1234567890`), 'electricity', false],
    ['a subgraph with no legacy system', feedAnswer(niu), 'dossiers', false],
    ['a PUBLIC hint', feedAnswer(niu, 'max-age=300, public'), 'electricity', false],
    ['no max-age', feedAnswer(niu, 'no-store'), 'electricity', false],
    ['two owners, both citizens', feedAnswer(`${niu},100000000002`), 'building-permits', true],
    ['bound to its request (a listing, a sealed lookup)', { ...feedAnswer(niu), headers: { ...feedAnswer(niu).headers, 'guichet-cache-bound': 'request' } }, 'electricity', false],
  ])('keeps it or not: %s', async (_name, response, subgraph, kept) => {
    const { read, calls } = setup({ feedProof: proofStub().proof });
    await read('alice', response, 'q', subgraph);
    await read('alice', response, 'q', subgraph);
    expect(calls()).toBe(kept ? 1 : 2);
  });

  it('tells whoever listens of every caller dropped, by the caller’s hash', async () => {
    const { reads } = setup({ feedProof: proofStub().proof });
    const heard: string[] = [];
    reads.onDropCaller((caller) => heard.push(caller));
    await reads.dropCaller(JSON.stringify({ subject: 'alice' }));
    expect(heard).toEqual([callerHashOf(JSON.stringify({ subject: 'alice' }))]);
  });

  it('keeps nothing without a proof, and the caller’s mutation drops what was kept (one gateway, no Redis)', async () => {
    const without = setup();
    await without.read('alice', feedAnswer(niu), 'q', 'electricity');
    await without.read('alice', feedAnswer(niu), 'q', 'electricity');
    expect(without.calls()).toBe(2);

    const { reads, read, calls } = setup({ feedProof: proofStub().proof });
    await read('alice', feedAnswer(niu), 'q', 'electricity');
    await read('bob', feedAnswer(niu), 'q', 'electricity');
    await reads.dropCaller('alice');
    await read('alice', feedAnswer(niu), 'q', 'electricity');
    await read('bob', feedAnswer(niu), 'q', 'electricity');
    expect(calls()).toBe(3);
    expect(reads.stats().provenHits).toBe(1);
  });
});

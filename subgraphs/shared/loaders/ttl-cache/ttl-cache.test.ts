import { describe, expect, it, vi } from 'vitest';
import { cachedBatch } from './cached-batch.js';
import { cachedCall } from './cached-call.js';
import { createTtlCache } from './ttl-cache.js';

function fakeClock(start = 1_000_000) {
  let now = start;
  return { clock: () => now, advance: (ms: number) => (now += ms) };
}

describe('createTtlCache', () => {
  it('serves a value until its time to live is over, then forgets it', () => {
    const time = fakeClock();
    const cache = createTtlCache<string>({ ttlMs: 60_000, maxEntries: 10, clock: time.clock });
    cache.set('a', 'A');
    expect(cache.get('a')).toBe('A');
    time.advance(59_999);
    expect(cache.get('a')).toBe('A');
    time.advance(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = createTtlCache<number>({ ttlMs: 60_000, maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // b is now the least recently used
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });

  it('is off at ttlMs 0, and refuses nonsense', () => {
    const cache = createTtlCache<number>({ ttlMs: 0, maxEntries: 2 });
    cache.set('a', 1);
    expect([cache.get('a'), cache.size, cache.enabled]).toEqual([undefined, 0, false]);
    expect(() => createTtlCache({ ttlMs: -1, maxEntries: 2 })).toThrow(RangeError);
    expect(() => createTtlCache({ ttlMs: 10, maxEntries: 0 })).toThrow(RangeError);
  });

  it('invalidates one key or all', () => {
    const cache = createTtlCache<number>({ ttlMs: 60_000, maxEntries: 5 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.invalidate('a');
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, 2]);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});

describe('cachedBatch', () => {
  const fetcher = () =>
    vi.fn(
      async (keys: readonly string[]) =>
        new Map<string, string | Error>(keys.flatMap((k): [string, string | Error][] => (k === 'absent' ? [] : k === 'broken' ? [[k, new Error('down')]] : [[k, k.toUpperCase()]]))),
    );

  it('asks the system only for the keys it does not hold, in one call', async () => {
    const fetchMany = fetcher();
    const read = cachedBatch(fetchMany, createTtlCache<string>({ ttlMs: 60_000, maxEntries: 100 }));
    expect(await read(['a', 'b'])).toEqual(
      new Map([
        ['a', 'A'],
        ['b', 'B'],
      ]),
    );
    expect(await read(['a', 'b', 'c'])).toEqual(
      new Map([
        ['a', 'A'],
        ['b', 'B'],
        ['c', 'C'],
      ]),
    );
    expect(fetchMany.mock.calls).toEqual([[['a', 'b']], [['c']]]);
    await read(['c', 'a']);
    expect(fetchMany).toHaveBeenCalledTimes(2);
  });

  it('never stores an error or an absent key: both are asked again', async () => {
    const fetchMany = fetcher();
    const read = cachedBatch(fetchMany, createTtlCache<string>({ ttlMs: 60_000, maxEntries: 100 }));
    const first = await read(['broken', 'absent', 'a']);
    expect(first.get('broken')).toBeInstanceOf(Error);
    expect(first.has('absent')).toBe(false);
    await read(['broken', 'absent', 'a']);
    expect(fetchMany.mock.calls).toEqual([[['broken', 'absent', 'a']], [['broken', 'absent']]]);
  });

  it('asks again once the entries expire', async () => {
    const time = fakeClock();
    const fetchMany = fetcher();
    const read = cachedBatch(fetchMany, createTtlCache<string>({ ttlMs: 1_000, maxEntries: 100, clock: time.clock }));
    await read(['a']);
    time.advance(1_000);
    await read(['a']);
    expect(fetchMany).toHaveBeenCalledTimes(2);
  });

  it('is the bare call when the cache is off', async () => {
    const fetchMany = fetcher();
    expect(cachedBatch(fetchMany, createTtlCache<string>({ ttlMs: 0, maxEntries: 1 }))).toBe(fetchMany);
  });
});

describe('cachedCall', () => {
  it('stores a value, not a rejection', async () => {
    let fail = true;
    const fetchOne = vi.fn(async (key: string) => {
      if (fail) throw new Error('down');
      return [key];
    });
    const read = cachedCall(fetchOne, createTtlCache<string[]>({ ttlMs: 60_000, maxEntries: 10 }));
    await expect(read('n')).rejects.toThrow('down');
    fail = false;
    expect(await read('n')).toEqual(['n']);
    expect(await read('n')).toEqual(['n']);
    expect(fetchOne).toHaveBeenCalledTimes(2);
  });
});

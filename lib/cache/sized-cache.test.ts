import { describe, expect, it } from 'vitest';
import { createSizedCache } from './sized-cache.js';

function fakeClock(start = 1_000_000) {
  let now = start;
  return { clock: () => now, advance: (ms: number) => (now += ms) };
}

describe('createSizedCache', () => {
  it('keeps at most maxEntries, dropping the least recently used; peek leaves recency alone', () => {
    const cache = createSizedCache<number>({ maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // b is now the least recently used
    cache.set('c', 3);
    expect([cache.peek('a'), cache.peek('b'), cache.peek('c')]).toEqual([1, undefined, 3]);
    expect(cache.peek('a')).toBe(1); // a stays the least recently used
    cache.set('d', 4);
    expect([cache.peek('a'), cache.peek('c'), cache.peek('d'), cache.size]).toEqual([undefined, 3, 4, 2]);
  });

  it('serves an entry until maxAgeMs or its own end, from that very instant on, and drops it then', () => {
    const time = fakeClock();
    const cache = createSizedCache<string>({ maxEntries: 10, maxAgeMs: 60_000, clock: time.clock });
    cache.set('a', 'A');
    cache.set('b', 'B', { expiresAtMs: time.clock() + 10 });
    time.advance(9);
    expect([cache.get('a'), cache.get('b')]).toEqual(['A', 'B']);
    time.advance(1);
    expect(cache.get('b')).toBeUndefined();
    time.advance(59_989);
    expect(cache.peek('a')).toBe('A');
    expect(cache.peek('a', time.clock() + 1)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('holds a size budget, keeps nothing larger than it, and counts what it holds', () => {
    const cache = createSizedCache<string>({ maxSize: 10, sizeOf: (value) => value.length });
    cache.set('a', 'xxxx');
    cache.set('b', 'yyyy');
    cache.set('c', 'zzzz');
    expect([cache.peek('a'), cache.size, cache.totalSize]).toEqual([undefined, 2, 8]);
    cache.set('huge', 'w'.repeat(11));
    expect([cache.peek('huge'), cache.size]).toEqual([undefined, 2]);
    cache.set('empty', '');
    expect(cache.totalSize).toBe(9);
  });

  it('tells of every entry that leaves', () => {
    const left: string[] = [];
    const cache = createSizedCache<number>({ maxEntries: 2, onRemove: (value, key) => left.push(`${key}=${value}`) });
    cache.set('a', 1);
    cache.set('a', 2);
    cache.set('b', 3);
    cache.set('c', 4);
    cache.delete('b');
    cache.clear();
    expect(left).toEqual(['a=1', 'a=2', 'b=3', 'c=4']);
  });

  it('sweeps expired entries from the least recently stored end, up to the first live one', () => {
    const cache = createSizedCache<number>({ maxEntries: 10 });
    cache.set('a', 1, { expiresAtMs: 10 });
    cache.set('b', 2, { expiresAtMs: 30 });
    cache.set('c', 3, { expiresAtMs: 20 });
    cache.dropExpiredOldest(25);
    expect([cache.size, cache.peek('b', 0), cache.peek('c', 0)]).toEqual([2, 2, 3]);
    cache.dropExpiredOldest(30);
    expect(cache.size).toBe(0);
  });

  it('keeps nothing at maxEntries or maxSize 0, and refuses bounds that cannot work', () => {
    for (const cache of [createSizedCache<number>({ maxEntries: 0 }), createSizedCache<number>({ maxSize: 0, sizeOf: () => 1 })]) {
      cache.set('a', 1);
      expect([cache.get('a'), cache.size]).toEqual([undefined, 0]);
    }
    expect(() => createSizedCache({})).toThrow(RangeError);
    expect(() => createSizedCache({ maxEntries: 1.5 })).toThrow(RangeError);
    expect(() => createSizedCache({ maxSize: 10 })).toThrow(RangeError);
    expect(() => createSizedCache({ maxEntries: 1, maxAgeMs: 0 })).toThrow(RangeError);
  });
});

import diagnostics from 'node:diagnostics_channel';
import fc from 'fast-check';
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

/** A reference of the cache's contract: entries in order of use (least recent first), each with its end. */
class CacheModel {
  constructor(private readonly maxEntries = Infinity) {}
  order: { key: string; value: string; expiresAtMs: number }[] = [];
  left: string[] = [];
  private at(key: string) {
    return this.order.findIndex((e) => e.key === key);
  }
  private drop(index: number) {
    const [entry] = this.order.splice(index, 1);
    if (entry) this.left.push(`${entry.key}=${entry.value}`);
  }
  read(key: string, atMs: number, touch: boolean): string | undefined {
    const i = this.at(key);
    const entry = this.order[i];
    if (!entry) return undefined;
    if (atMs >= entry.expiresAtMs) {
      this.drop(i);
      return undefined;
    }
    if (touch) this.order.push(...this.order.splice(i, 1));
    return entry.value;
  }
  set(key: string, value: string, expiresAtMs: number) {
    const i = this.at(key);
    if (i >= 0) this.drop(i);
    else if (this.order.length === this.maxEntries) this.drop(0);
    this.order.push({ key, value, expiresAtMs });
  }
  delete(key: string) {
    const i = this.at(key);
    if (i >= 0) this.drop(i);
  }
  sweep(atMs: number) {
    while (this.order[0] && atMs >= this.order[0].expiresAtMs) this.drop(0);
  }
  clear() {
    while (this.order.length > 0) this.drop(0);
  }
}

type CacheOp = { op: 'set'; key: string; value: string; life: number | undefined } | { op: 'get' | 'peek' | 'delete'; key: string } | { op: 'advance'; ms: number } | { op: 'sweep' | 'clear' };

describe('createSizedCache against a reference, on generated sequences', () => {
  // Few keys, so that the cache often holds one entry or none: where lru-cache would empty its whole table.
  const key = fc.constantFrom('a', 'b', 'c');
  const op: fc.Arbitrary<CacheOp> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('set' as const), key, value: fc.string({ maxLength: 6 }), life: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('get' as const, 'peek' as const, 'delete' as const), key }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 40 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('sweep' as const, 'clear' as const) }) },
  );

  it('answers, counts and tells of leaving entries as the reference does, and never makes lru-cache empty its table', () => {
    // lru-cache publishes each delete here, with itself: a delete while it holds one entry empties its whole table.
    const channel = diagnostics.channel('lru-cache:metrics');
    let lastEntryDeletes = 0;
    const listen = (message: unknown) => {
      const { op: kind, cache } = message as { op?: string; cache?: { size: number } };
      if (kind === 'delete' && cache?.size === 1) lastEntryDeletes += 1;
    };
    channel.subscribe(listen);
    try {
      fc.assert(
        fc.property(fc.constantFrom(0, 1, 2, 1_000), fc.array(op, { maxLength: 60 }), (maxEntries, ops) => {
          const bySize = maxEntries === 0;
          const time = fakeClock(0);
          const left: string[] = [];
          const onRemove = (value: string, k: string) => left.push(`${k}=${value}`);
          const cache = bySize
            ? createSizedCache<string>({ maxSize: 1_000, sizeOf: (v) => v.length, clock: time.clock, onRemove })
            : createSizedCache<string>({ maxEntries, clock: time.clock, onRemove });
          const model = new CacheModel(bySize ? Infinity : maxEntries);
          lastEntryDeletes = 0;
          for (const step of ops) {
            const now = time.clock();
            switch (step.op) {
              case 'set':
                cache.set(step.key, step.value, step.life === undefined ? {} : { expiresAtMs: now + step.life });
                model.set(step.key, step.value, step.life === undefined ? Infinity : now + step.life);
                break;
              case 'get':
              case 'peek':
                expect(cache[step.op](step.key)).toBe(model.read(step.key, now, step.op === 'get'));
                break;
              case 'delete':
                cache.delete(step.key);
                model.delete(step.key);
                break;
              case 'advance':
                time.advance(step.ms);
                break;
              case 'sweep':
                cache.dropExpiredOldest();
                model.sweep(now);
                break;
              case 'clear':
                cache.clear();
                model.clear();
                break;
            }
            expect(cache.size).toBe(model.order.length);
            if (bySize) expect(cache.totalSize).toBe(model.order.reduce((sum, e) => sum + Math.max(1, e.value.length), 0));
            expect(left).toEqual(model.left);
          }
          expect(lastEntryDeletes).toBe(0);
        }),
        { numRuns: 400 },
      );
    } finally {
      channel.unsubscribe(listen);
    }
  });
});

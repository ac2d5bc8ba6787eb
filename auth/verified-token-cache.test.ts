import { describe, expect, it } from 'vitest';
import { createVerifiedTokenCache } from './verified-token-cache.js';

describe('verified token cache', () => {
  it('gives back a verified token until it expires, then forgets it', () => {
    const cache = createVerifiedTokenCache<string>({ maxEntries: 10 });
    cache.set('t1', 'alice', 1_000);
    expect(cache.get('t1', 999)).toBe('alice');
    expect(cache.get('t1', 1_000)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.get('unknown', 0)).toBeUndefined();
  });

  it('holds its bound by dropping the oldest entry', () => {
    const cache = createVerifiedTokenCache<number>({ maxEntries: 2 });
    cache.set('a', 1, 10_000);
    cache.set('b', 2, 10_000);
    cache.set('c', 3, 10_000);
    expect(cache.size).toBe(2);
    expect(cache.get('a', 0)).toBeUndefined();
    expect([cache.get('b', 0), cache.get('c', 0)]).toEqual([2, 3]);
  });

  it('keeps nothing when its bound is 0', () => {
    const cache = createVerifiedTokenCache<number>({ maxEntries: 0 });
    cache.set('a', 1, 10_000);
    expect(cache.get('a', 0)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { createMemoryRateLimitStore } from './memory-rate-limit-store.js';
import { describeRateLimitStoreContract } from './test-support/rate-limit-store-contract.js';

const rule = { limit: 2, windowMs: 60_000 };

describe('memory rate-limit store', () => {
  it('counts per key', async () => {
    const store = createMemoryRateLimitStore();
    expect((await store.hit('a', rule, 0)).allowed).toBe(true);
    expect((await store.hit('a', rule, 0)).allowed).toBe(true);
    expect(await store.hit('a', rule, 0)).toEqual({ allowed: false, retryAfterMs: 30_000, remaining: 0, resetMs: 60_000 });
    expect((await store.hit('b', rule, 0)).allowed).toBe(true);
  });

  it('forgets keys whose state has expired', async () => {
    const store = createMemoryRateLimitStore();
    for (let i = 0; i < 50; i++) await store.hit(`caller-${i}`, rule, i);
    expect(store.size()).toBe(50);
    // One request holds its key for windowMs / limit = 30 s.
    await store.hit('late', rule, 30_000 + 25);
    expect(store.size()).toBe(1 + 50 - 26);
    await store.hit('later', rule, 200_000);
    expect(store.size()).toBe(1);
  });

  it('keeps at most maxKeys, forgetting the least recently counted', async () => {
    const store = createMemoryRateLimitStore({ maxKeys: 3 });
    for (const key of ['a', 'b', 'c']) await store.hit(key, rule, 0);
    await store.hit('a', rule, 1); // a is now the most recent
    await store.hit('d', rule, 2);
    expect(store.size()).toBe(3);
    // b was forgotten: it starts afresh (2 allowed); a was kept (its second request is its last).
    expect((await store.hit('a', rule, 3)).allowed).toBe(false);
    expect((await store.hit('b', rule, 3)).remaining).toBe(1);
  });
});

describeRateLimitStoreContract('memory store', () => createMemoryRateLimitStore());

import { createSizedCache } from '../../lib/cache/index.js';
import { gcra } from './gcra.js';
import type { RateLimitStore } from './rate-limit-store.js';

export interface MemoryRateLimitStoreOptions {
  /** Most keys kept; beyond, the least recently counted key is forgotten (that caller starts afresh). Default 100000. */
  readonly maxKeys?: number;
}

export interface MemoryRateLimitStore extends RateLimitStore {
  /** Keys currently held (for tests and metrics). */
  size(): number;
}

/**
 * In-process store (one gateway instance; several instances each count separately — use a shared store then).
 * Memory is bounded (lib/cache): a key whose TAT has passed holds nothing a fresh key would not, so it expires then;
 * keys are kept in order of last count, so expired keys gather at the least recently used end and each count sweeps
 * them from there, in amortized constant time. Over `maxKeys`, the least recently counted live keys go too.
 */
export function createMemoryRateLimitStore({ maxKeys = 100_000 }: MemoryRateLimitStoreOptions = {}): MemoryRateLimitStore {
  const tats = createSizedCache<number>({ maxEntries: maxKeys });
  return {
    async hit(key, rule, nowMs) {
      // `peek`: only a counted request moves its key.
      const { tatMs, ...decision } = gcra(tats.peek(key, nowMs), nowMs, rule);
      if (decision.allowed) tats.set(key, tatMs, { expiresAtMs: tatMs });
      tats.dropExpiredOldest(nowMs);
      return decision;
    },
    size: () => tats.size,
  };
}

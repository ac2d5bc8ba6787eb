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
 * Memory is bounded: a key whose TAT has passed holds nothing a fresh key would not, so it is dropped; keys are kept
 * in order of last count (re-inserted on each), so expired keys gather at the front and each count sweeps them from
 * there, in amortized constant time. Over `maxKeys`, the oldest live keys go too.
 */
export function createMemoryRateLimitStore({ maxKeys = 100_000 }: MemoryRateLimitStoreOptions = {}): MemoryRateLimitStore {
  const tats = new Map<string, number>();
  const sweep = (nowMs: number) => {
    for (const [key, tat] of tats) {
      if (tat > nowMs && tats.size <= maxKeys) break;
      tats.delete(key);
    }
  };
  return {
    async hit(key, rule, nowMs) {
      const { tatMs, ...decision } = gcra(tats.get(key), nowMs, rule);
      if (decision.allowed) {
        tats.delete(key);
        tats.set(key, tatMs);
      }
      sweep(nowMs);
      return decision;
    },
    size: () => tats.size,
  };
}

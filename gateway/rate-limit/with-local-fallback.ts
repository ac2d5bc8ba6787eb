import type { StoreHealth } from '../../lib/store-health/index.js';
import type { RateLimitStore } from './rate-limit-store.js';

export interface LocalFallbackOptions {
  /** The shared store (Redis). */
  readonly shared: RateLimitStore;
  /** This process's own store, used while the shared one cannot be reached. */
  readonly local: RateLimitStore;
  /**
   * How many processes share a caller's traffic while the shared store is down (gateway replicas × workers): each
   * then allows `limit / share` (at least 1), so that the caller's total stays near its limit.
   */
  readonly share: number;
  /** False while the shared store is known to be unreachable (its connection is down): no time lost trying it. */
  readonly sharedAvailable: () => boolean;
  readonly health: StoreHealth;
}

/**
 * The rate limiter's degradation when Redis cannot be reached: neither fail open (no limit at all for as long as Redis
 * is down — the moment an abusive client would choose) nor fail closed (the whole portal refused because a counter is
 * missing), but each process limiting on its own with its share of the limit. A hit that fails on the shared store is
 * counted locally instead; the next hit tries the shared store again as soon as its connection is back, so the
 * limiter recovers by itself. Buckets restart empty on either side of the switch: a caller may get up to one extra
 * burst per switch.
 */
export function withLocalFallback({ shared, local, share, sharedAvailable, health }: LocalFallbackOptions): RateLimitStore {
  const localHit: RateLimitStore['hit'] = (key, rule, nowMs) => local.hit(key, { ...rule, limit: Math.max(1, Math.floor(rule.limit / share)) }, nowMs);
  return {
    async hit(key, rule, nowMs) {
      if (!sharedAvailable()) {
        health.failed(new Error('Redis connection not ready'));
        return localHit(key, rule, nowMs);
      }
      try {
        return await health.track(() => shared.hit(key, rule, nowMs));
      } catch {
        return localHit(key, rule, nowMs);
      }
    },
  };
}

import type { RateDecision, RateRule } from './gcra.js';

/**
 * Where rate-limit state lives. One atomic operation, not get/set: two gateways sharing a Redis must not both read
 * the same state and both let a request through. A Redis implementation runs the same GCRA step (gcra.ts) as one
 * Lua script (`EVALSHA`, state `SET key tat PX ttl`), as redis-cell and go-redis/redis_rate do.
 */
export interface RateLimitStore {
  /** Counts one request against `key` under `rule` at `nowMs` (refused requests are not counted). */
  hit(key: string, rule: RateRule, nowMs: number): Promise<RateDecision>;
}

import type { Redis } from '../../lib/redis/index.js';
import type { RateDecision } from './gcra.js';
import { gcraScript, gcraScriptSha } from './gcra-script.js';
import type { RateLimitStore } from './rate-limit-store.js';

export interface RedisRateLimitStoreOptions {
  readonly redis: Redis;
  /** Put before every bucket's key. Default `guichet:rate:`. */
  readonly keyPrefix?: string;
  /** Counts one round trip to Redis (`guichet_redis_commands_total{store="rate-limit"}`). */
  readonly onCommand?: () => void;
}

/**
 * Rate limits shared by every gateway replica: each hit is one `EVALSHA` of the GCRA step (gcra-script.ts), so a
 * caller gets its limit in total whichever replica serves it. The script is loaded by the first `EVAL` after a
 * `NOSCRIPT` (a fresh or restarted Redis), then called by its SHA. Times are the gateway's (`nowMs`): replicas' clocks
 * must agree (NTP); a skew of d ms moves a caller's next allowed request by at most d ms.
 */
export function createRedisRateLimitStore({ redis, keyPrefix = 'guichet:rate:', onCommand = () => undefined }: RedisRateLimitStoreOptions): RateLimitStore {
  return {
    async hit(key, { limit, windowMs }, nowMs) {
      const args = [1, `${keyPrefix}${key}`, nowMs, limit, windowMs] as const;
      let reply: unknown;
      onCommand();
      try {
        reply = await redis.evalsha(gcraScriptSha, ...args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        onCommand();
        reply = await redis.eval(gcraScript, ...args);
      }
      return decisionOf(reply);
    },
  };
}

function decisionOf(reply: unknown): RateDecision {
  if (!Array.isArray(reply) || reply.length !== 4 || !reply.every((n) => typeof n === 'number')) throw new Error(`unexpected GCRA script reply: ${JSON.stringify(reply)}`);
  const [allowed, retryAfterMs, remaining, resetMs] = reply as [number, number, number, number];
  return { allowed: allowed === 1, retryAfterMs, remaining, resetMs };
}

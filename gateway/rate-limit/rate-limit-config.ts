import { z } from 'zod';
import { envInt } from '../../lib/config/index.js';
import type { RateLimits } from './rate-limiter.js';

/** `portail-web=20000,app-mobile=20000` → per-client limits. */
const clientOverrides = z
  .string()
  .default('')
  .transform((value, context) => {
    const overrides: Record<string, number> = {};
    for (const entry of value
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e.length > 0)) {
      const match = /^([^=\s]+)=(\d+)$/.exec(entry);
      if (!match?.[1] || match[2] === undefined) {
        context.addIssue({ code: 'custom', message: `expected client=requestsPerMinute, comma-separated (at "${entry}")` });
        return z.NEVER;
      }
      overrides[match[1]] = Number(match[2]);
    }
    return overrides;
  });

export const rateLimitEnvSchema = z.object({
  RATE_LIMIT_USER_PER_MINUTE: envInt(120, 0),
  RATE_LIMIT_CLIENT_PER_MINUTE: envInt(3000, 0),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: envInt(60, 0),
  RATE_LIMIT_CLIENT_OVERRIDES: clientOverrides,
  RATE_LIMIT_MAX_KEYS: envInt(100_000, 1),
  /** Reverse proxies in front of the gateway that append to X-Forwarded-For. */
  TRUSTED_PROXY_HOPS: envInt(0, 0, 10),
  /** With REDIS_URL: gateway replicas a caller's requests are spread over, each limiting alone while Redis is down. */
  RATE_LIMIT_FALLBACK_REPLICAS: envInt(2, 1, 1_000),
});

export type RateLimitEnv = z.infer<typeof rateLimitEnvSchema>;

export interface RateLimitOptions {
  readonly limits: RateLimits;
  readonly maxKeys: number;
  readonly trustedProxyHops: number;
  /**
   * Scaled mode only: the gateway replicas behind the load balancer. While Redis is down each process limits alone
   * with `limit / (fallbackReplicas × workers)`. Default 2.
   */
  readonly fallbackReplicas: number;
}

export function rateLimitOptionsFromEnv(env: RateLimitEnv): RateLimitOptions {
  return {
    limits: {
      userPerMinute: env.RATE_LIMIT_USER_PER_MINUTE,
      clientPerMinute: env.RATE_LIMIT_CLIENT_PER_MINUTE,
      anonymousPerMinute: env.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      clientOverrides: env.RATE_LIMIT_CLIENT_OVERRIDES,
    },
    maxKeys: env.RATE_LIMIT_MAX_KEYS,
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    fallbackReplicas: env.RATE_LIMIT_FALLBACK_REPLICAS,
  };
}

import type { Principal } from '../../auth/principal.js';
import type { RateDecision, RateRule } from './gcra.js';
import type { RateLimitStore } from './rate-limit-store.js';

/** Requests per minute; 0 means no limit for that kind of caller. */
export interface RateLimits {
  /** Per person (`principal.subject`), whatever the client. Default 120. */
  readonly userPerMinute: number;
  /** Per OAuth client (`principal.clientId`), all its users together. Default 3000. */
  readonly clientPerMinute: number;
  /** Per client IP for callers without a token. Default 60. */
  readonly anonymousPerMinute: number;
  /** Per-client exceptions to `clientPerMinute` (a first-party portal serves many more people than an integrator). */
  readonly clientOverrides?: Readonly<Record<string, number>>;
}

/** Which bucket refused the request. */
export type RateLimitScope = 'user' | 'client' | 'anonymous';

/** One bucket a request was counted in, as the `RateLimit-Policy` and `RateLimit` headers report it. */
export interface RateLimitPolicyState {
  readonly scope: RateLimitScope;
  readonly limit: number;
  readonly windowMs: number;
  readonly remaining: number;
  readonly resetMs: number;
}

export interface RateLimitVerdict extends RateDecision {
  readonly limitedBy?: RateLimitScope;
  /** Every bucket checked, in order (the refusing one last); empty when no limit applies to this caller. */
  readonly policies: readonly RateLimitPolicyState[];
}

export interface RateLimiter {
  /** Counts one request of this caller and says whether it may proceed. */
  check(principal: Principal, clientIp: string): Promise<RateLimitVerdict>;
}

export interface RateLimiterOptions {
  readonly store: RateLimitStore;
  readonly limits: RateLimits;
  /** Clock (tests use a fake one). Default `Date.now`. */
  readonly now?: () => number;
}

const minuteMs = 60_000;
const unlimited: RateLimitVerdict = { allowed: true, retryAfterMs: 0, remaining: Number.POSITIVE_INFINITY, resetMs: 0, policies: [] };

/**
 * Buckets per caller: anonymous → its IP; a person (citizen, agent, supervisor) → their subject, and their client;
 * an integrator (client credentials: the subject is the client) → its client only. Buckets are checked in that
 * order and the first refusal wins; a refused request is not counted in the bucket that refused it.
 */
export function createRateLimiter({ store, limits, now = Date.now }: RateLimiterOptions): RateLimiter {
  const buckets = (principal: Principal, clientIp: string): [RateLimitScope, string, number][] => {
    if (principal.role === 'anonymous') return [['anonymous', `ip:${clientIp}`, limits.anonymousPerMinute]];
    const client: [RateLimitScope, string, number] = ['client', `client:${principal.clientId}`, limits.clientOverrides?.[principal.clientId] ?? limits.clientPerMinute];
    return principal.role === 'integrator' ? [client] : [['user', `user:${principal.subject}`, limits.userPerMinute], client];
  };
  return {
    async check(principal, clientIp) {
      const nowMs = now();
      let verdict = unlimited;
      const policies: RateLimitPolicyState[] = [];
      for (const [scope, key, limit] of buckets(principal, clientIp)) {
        if (limit <= 0) continue;
        const rule: RateRule = { limit, windowMs: minuteMs };
        const decision = await store.hit(key, rule, nowMs);
        policies.push({ scope, limit, windowMs: minuteMs, remaining: decision.remaining, resetMs: decision.resetMs });
        if (!decision.allowed) return { ...decision, limitedBy: scope, policies };
        if (decision.remaining < verdict.remaining) verdict = { ...decision, policies };
      }
      return { ...verdict, policies };
    },
  };
}

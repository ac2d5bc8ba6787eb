import type { RateLimitPolicyState } from './rate-limiter.js';

/**
 * The `RateLimit-Policy` and `RateLimit` fields of draft-ietf-httpapi-ratelimit-headers-10 (Structured Field lists,
 * one item per bucket the request was counted in, named by its scope): `"user";q=120;w=60` and `"user";r=57;t=2`.
 * `t` is the whole seconds until the bucket is full again (GCRA refills continuously: one request comes back every
 * `w/q` seconds, so `r` grows before `t` is reached). An app paces itself on the item with the smallest `r`.
 */
export function rateLimitHeaders(policies: readonly RateLimitPolicyState[]): Record<string, string> {
  if (policies.length === 0) return {};
  return {
    'ratelimit-policy': policies.map((p) => `"${p.scope}";q=${p.limit};w=${Math.ceil(p.windowMs / 1000)}`).join(', '),
    ratelimit: policies.map((p) => `"${p.scope}";r=${p.remaining};t=${Math.ceil(p.resetMs / 1000)}`).join(', '),
  };
}

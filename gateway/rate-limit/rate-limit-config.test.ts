import { describe, expect, it } from 'vitest';
import { rateLimitEnvSchema, rateLimitOptionsFromEnv } from './rate-limit-config.js';

describe('rate limit configuration', () => {
  it('gives the documented defaults', () => {
    expect(rateLimitOptionsFromEnv(rateLimitEnvSchema.parse({}))).toEqual({
      limits: { userPerMinute: 120, clientPerMinute: 3000, anonymousPerMinute: 60, clientOverrides: {} },
      maxKeys: 100_000,
      trustedProxyHops: 0,
      fallbackReplicas: 2,
    });
  });

  it('reads limits, per-client overrides and proxy hops', () => {
    const options = rateLimitOptionsFromEnv(rateLimitEnvSchema.parse({ RATE_LIMIT_USER_PER_MINUTE: '0', RATE_LIMIT_CLIENT_OVERRIDES: 'portail-web=20000, app-mobile=15000', TRUSTED_PROXY_HOPS: '1' }));
    expect(options.limits).toMatchObject({ userPerMinute: 0, clientOverrides: { 'portail-web': 20_000, 'app-mobile': 15_000 } });
    expect(options.trustedProxyHops).toBe(1);
  });

  it('refuses malformed values', () => {
    expect(rateLimitEnvSchema.safeParse({ RATE_LIMIT_CLIENT_OVERRIDES: 'portail-web:20' }).error?.issues[0]?.message).toContain('expected client=requestsPerMinute');
    expect(rateLimitEnvSchema.safeParse({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '-1' }).success).toBe(false);
  });
});

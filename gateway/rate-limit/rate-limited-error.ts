import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode, errorMessages } from '../../schema/index.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import type { RateLimitPolicyState } from './rate-limiter.js';

/**
 * HTTP 429 with `Retry-After` (whole seconds, at least 1) and the `RateLimit-Policy`/`RateLimit` fields of the
 * buckets counted (`policies`) for HTTP clients, `retryAfterMs` for GraphQL ones.
 */
export class RateLimitedError extends GraphQLError {
  override readonly name = 'RateLimitedError';
  constructor(
    readonly retryAfterMs: number,
    policies: readonly RateLimitPolicyState[] = [],
  ) {
    const headers = new HeaderMap([['retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000)))], ['cache-control', 'no-store'], ...Object.entries(rateLimitHeaders(policies))]);
    super(errorMessages.RATE_LIMITED, { extensions: { code: ErrorCode.RATE_LIMITED, retryAfterMs, http: { status: 429, headers } } });
  }
}

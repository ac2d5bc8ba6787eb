import type { ApolloServerPlugin } from '@apollo/server';
import type { Principal } from '../../auth/principal.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import { RateLimitedError } from './rate-limited-error.js';
import type { RateLimiter } from './rate-limiter.js';

/** What the rate-limit plugin needs of the gateway's Apollo context. */
export interface RateLimitContext {
  readonly principal: Principal;
  /** The caller's address (see clientIpOf): the bucket of anonymous callers. */
  readonly clientIp: string;
}

export interface RateLimitPluginsOptions {
  readonly limiter: RateLimiter;
  /** Called when the store fails; the request then proceeds (failing open: a rate-limit outage must not close the portal). */
  readonly onStoreError?: (error: unknown) => void;
}

/**
 * Rate limiting per user, per client and per anonymous IP (see `createRateLimiter`), one plugin. Put it first among
 * the refusals: a refused request should cost nothing else.
 *
 * Counts each GraphQL request in `requestDidStart`, before parsing or any subgraph call, and refuses one over the
 * limit with 429 + `Retry-After` and `RATE_LIMITED` + `retryAfterMs`; every answer it counted, refused or not, carries
 * `RateLimit-Policy` and `RateLimit` (rate-limit-headers.ts). An Apollo plugin rather than an HTTP guard:
 * the caller is known only once the context (the verified token) exists. Apollo answers 500 to anything thrown this
 * early unless `unexpectedErrorProcessingRequest` throws in turn, which turns our error into the response.
 */
export function createRateLimitPlugins({ limiter, onStoreError = () => undefined }: RateLimitPluginsOptions): ApolloServerPlugin<RateLimitContext>[] {
  const plugin: ApolloServerPlugin<RateLimitContext> = {
    async unexpectedErrorProcessingRequest({ error }) {
      if (error instanceof RateLimitedError) throw error;
    },
    async requestDidStart({ contextValue }) {
      let verdict;
      try {
        verdict = await limiter.check(contextValue.principal, contextValue.clientIp);
      } catch (error) {
        onStoreError(error);
        return;
      }
      if (!verdict.allowed) throw new RateLimitedError(verdict.retryAfterMs, verdict.policies);
      // Every answer the limiter counted says where the caller stands, so that an app can pace itself before a 429.
      const headers = rateLimitHeaders(verdict.policies);
      return {
        async willSendResponse({ response }) {
          for (const [name, value] of Object.entries(headers)) response.http.headers.set(name, value);
        },
      };
    },
  };
  return [plugin];
}

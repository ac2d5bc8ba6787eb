import type { ApolloServerPlugin } from '@apollo/server';
import { createMemoryRateLimitStore } from './memory-rate-limit-store.js';
import type { RateLimitOptions } from './rate-limit-config.js';
import { createRateLimitPlugin, type RateLimitContext } from './rate-limit-plugin.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { createRateLimiter } from './rate-limiter.js';

export interface RateLimitPlugins {
  /** Add to ApolloServer's `plugins`, first: a refused request should cost nothing else. */
  readonly plugins: ApolloServerPlugin<RateLimitContext>[];
}

export interface RateLimitPluginsExtras {
  /** Default: in memory, bounded by `options.maxKeys`. A shared store when several gateways run. */
  readonly store?: RateLimitStore;
  /** Clock, for tests. Default `Date.now`. */
  readonly now?: () => number;
  /** Told when the store fails (the request then proceeds). */
  readonly onStoreError?: (error: unknown) => void;
}

/** Rate limiting per user, per client and per anonymous IP, as an Apollo plugin. */
export function createRateLimitPlugins(options: RateLimitOptions, { store, now, onStoreError }: RateLimitPluginsExtras = {}): RateLimitPlugins {
  const limiter = createRateLimiter({ store: store ?? createMemoryRateLimitStore({ maxKeys: options.maxKeys }), limits: options.limits, now });
  return { plugins: [createRateLimitPlugin({ limiter, onStoreError })] };
}

import type { RouteHandler } from '../../lib/http/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { AdmissionOptions } from './admission-config.js';
import { createAdmissionLimiter, type AdmissionLimiter, type AdmissionStats } from './admission-limiter.js';
import { admitRequests } from './admit-requests.js';
import { watchEventLoopDelay } from './event-loop-delay.js';

export interface GatewayAdmission {
  /** Wraps the GraphQL route (the only one admission applies to: never `/health`, `/ready` or `/metrics`). */
  guard(handler: RouteHandler): RouteHandler;
  /** For `/ready`: this process is saturated (a load balancer should send work elsewhere). */
  saturated(): boolean;
  stats(): AdmissionStats;
  readonly limiter: AdmissionLimiter;
  /** Stops watching the event loop. */
  close(): void;
}

/**
 * This process's admission control: the limiter, fed by a watch of the event loop delay when `eventLoopDelayMs` is
 * set. Each process (each worker when `WORKERS` > 1) admits on its own: it is its own event loop that saturates.
 */
export function createAdmission(options: AdmissionOptions & { readonly requestDeadlineMs: number }, log: Logger): GatewayAdmission {
  const limiter = createAdmissionLimiter(options);
  let wasSaturated = false;
  const stopWatching =
    options.eventLoopDelayMs > 0
      ? watchEventLoopDelay((delayMs) => {
          limiter.observeEventLoopDelay(delayMs);
          // One line per change of state, not per refusal: the metrics count those.
          const saturated = limiter.saturated();
          if (saturated !== wasSaturated) log.warn({ ...limiter.stats(), saturated }, saturated ? 'gateway saturated: refusing beyond capacity' : 'gateway no longer saturated');
          wasSaturated = saturated;
        })
      : () => undefined;
  return {
    guard: (handler) => admitRequests(handler, { limiter, requestDeadlineMs: options.requestDeadlineMs }),
    saturated: () => limiter.saturated(),
    stats: () => limiter.stats(),
    limiter,
    close: stopWatching,
  };
}

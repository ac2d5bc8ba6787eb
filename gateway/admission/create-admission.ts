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
  let quietSaturation = false;
  const stopWatching =
    options.eventLoopDelayMs > 0
      ? watchEventLoopDelay((delayMs) => {
          limiter.observeEventLoopDelay(delayMs);
          // One line per change of state, not per refusal: the metrics count those.
          const saturated = limiter.saturated();
          if (saturated !== wasSaturated) {
            const stats = limiter.stats();
            // A delay with no request waiting is the process's own work (composing a supergraph at start-up or on a
            // reload), not load: worth knowing, not a warning an operator should act on.
            const idle = stats.inFlight === 0 && stats.queued === 0;
            if (!saturated) log[quietSaturation ? 'info' : 'warn']({ ...stats, saturated }, 'gateway no longer saturated');
            else if (idle) log.info({ ...stats, saturated }, 'gateway event loop delayed with no request waiting (e.g. composing the supergraph): /ready says saturated until it recovers');
            else log.warn({ ...stats, saturated }, 'gateway saturated: refusing beyond capacity');
            quietSaturation = saturated && idle;
          }
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

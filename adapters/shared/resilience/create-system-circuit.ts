import { CircuitState, ConsecutiveBreaker, SamplingBreaker, circuitBreaker, handleWhen, noop, type CircuitBreakerPolicy, type NoopPolicy } from 'cockatiel';
import { isAdapterError } from '../adapter-error.js';
import type { LegacySystem } from '../legacy-system.js';
import { isBackendFailure } from './is-backend-failure.js';
import type { CircuitStateName, PolicyEvents } from './policy-events.js';
import { resilienceDefaults, type BreakerOptions } from './resilience-options.js';

/** One system's circuit breaker, shared by every call to that system, and what it can say about itself. */
export interface SystemCircuit {
  /** The cockatiel policy to compose; a no-op when the breaker is off. */
  readonly policy: CircuitBreakerPolicy | NoopPolicy;
  state(): CircuitStateName;
  /** While open: how long until a probe is let through. */
  retryAfterMs(): number | undefined;
}

export function createSystemCircuit(system: LegacySystem, options: BreakerOptions | false, events: PolicyEvents): SystemCircuit {
  if (options === false) return { policy: noop, state: () => 'closed', retryAfterMs: () => undefined };
  const halfOpenAfterMs = options.halfOpenAfterMs ?? resilienceDefaults.breaker.halfOpenAfterMs;
  const breaker =
    options.mode === 'sampling'
      ? new SamplingBreaker({ threshold: options.failureRatio, duration: options.windowMs, minimumRps: options.minimumRps ?? resilienceDefaults.breaker.minimumRps })
      : new ConsecutiveBreaker(options.threshold ?? resilienceDefaults.breaker.threshold);
  const policy = circuitBreaker(handleWhen(isBackendFailure), { halfOpenAfter: halfOpenAfterMs, breaker });

  // cockatiel keeps its opening time to itself: ours, for Retry-After and the lazy half-open below.
  let openedAt = 0;
  policy.onBreak((reason) => {
    openedAt = Date.now();
    const error = 'error' in reason ? reason.error : undefined;
    events.record({ kind: 'break', system, halfOpenAt: openedAt + halfOpenAfterMs, code: isAdapterError(error) ? error.code : undefined });
  });
  policy.onHalfOpen(() => events.record({ kind: 'half-open', system }));
  policy.onReset(() => events.record({ kind: 'reset', system }));

  const remainingMs = () => openedAt + halfOpenAfterMs - Date.now();
  return {
    policy,
    state() {
      switch (policy.state) {
        case CircuitState.Closed:
          return 'closed';
        case CircuitState.HalfOpen:
          return 'half-open';
        case CircuitState.Open:
          // cockatiel half-opens on the next call once the break is over; until then we already say so.
          return remainingMs() > 0 ? 'open' : 'half-open';
        case CircuitState.Isolated:
          return 'open';
      }
    },
    retryAfterMs() {
      if (policy.state !== CircuitState.Open) return undefined;
      const remaining = remainingMs();
      return remaining > 0 ? remaining : undefined;
    },
  };
}

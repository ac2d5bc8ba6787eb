import type { AdapterErrorCode } from '../adapter-error.js';
import type { LegacySystem } from '../legacy-system.js';
import { createEventHub, type EventHub } from '../observation/event-hub.js';

/**
 * `closed`: calls flow. `open`: calls are refused with CIRCUIT_OPEN without reaching the system. `half-open`: the
 * break is over and the next call is a probe (or one is in flight); its outcome closes or reopens the circuit.
 */
export type CircuitStateName = 'closed' | 'open' | 'half-open';

/** What a call policy reports; every event names its system. */
export type PolicyEvent =
  | { readonly kind: 'retry'; readonly system: LegacySystem; readonly operation: string; readonly attempt: number; readonly delayMs: number; readonly code: AdapterErrorCode }
  | { readonly kind: 'break'; readonly system: LegacySystem; readonly halfOpenAt: number; readonly code: AdapterErrorCode | undefined }
  | { readonly kind: 'half-open'; readonly system: LegacySystem }
  | { readonly kind: 'reset'; readonly system: LegacySystem }
  | { readonly kind: 'rejection'; readonly system: LegacySystem; readonly operation: string; readonly reason: 'circuit-open' | 'bulkhead-full' }
  | { readonly kind: 'timeout'; readonly system: LegacySystem; readonly operation: string; readonly scope: 'attempt' | 'deadline' | 'request' };

/** Counters of one system since start (or `reset()`), plus its circuit as last reported. */
export interface PolicyCounters {
  readonly retries: number;
  readonly breaks: number;
  readonly halfOpens: number;
  readonly resets: number;
  readonly rejections: { readonly circuitOpen: number; readonly bulkheadFull: number };
  /** `request`: cut (or not sent) because the request it served ran out of time (see `lib/deadline`). */
  readonly timeouts: { readonly attempt: number; readonly deadline: number; readonly request: number };
  readonly circuit: CircuitStateName;
}

export type PolicyListener = (event: PolicyEvent) => void;

/**
 * The registry metrics and supervision read: call policies `record`, readers `subscribe` (a Prometheus exporter,
 * a log line) or take a `snapshot`. Kept free of any metrics library; a later exporter maps it.
 */
export interface PolicyEvents extends EventHub<PolicyEvent> {
  /** Counters per system that reported anything. */
  snapshot(): Partial<Record<LegacySystem, PolicyCounters>>;
  /** Back to zero (tests). */
  reset(): void;
}

interface MutableCounters {
  retries: number;
  breaks: number;
  halfOpens: number;
  resets: number;
  circuitOpen: number;
  bulkheadFull: number;
  attemptTimeouts: number;
  deadlineTimeouts: number;
  requestTimeouts: number;
  /** The last circuit transition, and when an open circuit lets a probe through. */
  circuit: CircuitStateName;
  halfOpenAt: number;
}

const zero = (): MutableCounters => ({
  retries: 0,
  breaks: 0,
  halfOpens: 0,
  resets: 0,
  circuitOpen: 0,
  bulkheadFull: 0,
  attemptTimeouts: 0,
  deadlineTimeouts: 0,
  requestTimeouts: 0,
  circuit: 'closed',
  halfOpenAt: 0,
});

export function createPolicyEvents(now: () => number = Date.now): PolicyEvents {
  const counters = new Map<LegacySystem, MutableCounters>();
  const hub = createEventHub<PolicyEvent>('policy event', 'PolicyEventsWarning');

  const count = (event: PolicyEvent) => {
    let c = counters.get(event.system);
    if (!c) counters.set(event.system, (c = zero()));
    switch (event.kind) {
      case 'retry':
        c.retries += 1;
        return;
      case 'break':
        c.breaks += 1;
        c.circuit = 'open';
        c.halfOpenAt = event.halfOpenAt;
        return;
      case 'half-open':
        c.halfOpens += 1;
        c.circuit = 'half-open';
        return;
      case 'reset':
        c.resets += 1;
        c.circuit = 'closed';
        return;
      case 'rejection':
        if (event.reason === 'circuit-open') c.circuitOpen += 1;
        else c.bulkheadFull += 1;
        return;
      case 'timeout':
        if (event.scope === 'attempt') c.attemptTimeouts += 1;
        else if (event.scope === 'request') c.requestTimeouts += 1;
        else c.deadlineTimeouts += 1;
        return;
    }
  };

  return {
    record(event) {
      count(event);
      hub.record(event);
    },
    subscribe: hub.subscribe,
    snapshot() {
      const out: Partial<Record<LegacySystem, PolicyCounters>> = {};
      for (const [system, c] of counters) {
        // The breaker moves to half-open lazily, on the next call: once the break is over, say so.
        const circuit = c.circuit === 'open' && now() >= c.halfOpenAt ? 'half-open' : c.circuit;
        out[system] = {
          retries: c.retries,
          breaks: c.breaks,
          halfOpens: c.halfOpens,
          resets: c.resets,
          rejections: { circuitOpen: c.circuitOpen, bulkheadFull: c.bulkheadFull },
          timeouts: { attempt: c.attemptTimeouts, deadline: c.deadlineTimeouts, request: c.requestTimeouts },
          circuit,
        };
      }
      return out;
    },
    reset() {
      counters.clear();
    },
  };
}

/** The process-wide registry every call policy reports to unless given another. */
export const policyEvents: PolicyEvents = createPolicyEvents();

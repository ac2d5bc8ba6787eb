import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { legacyCallEvents, policyEvents, shadowEvents, type LegacySystem } from '../../../adapters/shared/index.js';
import { latencyBucketsSeconds } from '../../../lib/metrics/index.js';
import type { Backlog } from '../../../outbox/index.js';
import { lastKnownMetrics } from '../fallback/index.js';

export interface SubgraphMetricsOptions {
  /** The subgraph (`electricity`), as a label of every series. */
  readonly subgraph: string;
  /** The legacy system this subgraph calls, if any: only its calls are counted here. */
  readonly system?: LegacySystem;
  /** Submissions waiting in the ministry's outbox. */
  readonly backlog?: () => Promise<Backlog>;
}

export interface SubgraphMetrics {
  readonly registry: Registry;
  /** One GraphQL request served: its duration and whether the answer carried errors. */
  observeRequest(durationMs: number, outcome: 'success' | 'error'): void;
  /** Stops listening to the legacy calls (the server closed). */
  close(): void;
}

const circuitStates = ['closed', 'open', 'half-open'] as const;

/**
 * A subgraph's Prometheus registry: its requests, its legacy system's calls (latency and errors per operation),
 * circuit state, policy events, outbox backlog and last-known (stale) answers, plus Node's own process metrics.
 */
export function createSubgraphMetrics({ subgraph, system, backlog }: SubgraphMetricsOptions): SubgraphMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ subgraph });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const requests = new Histogram({
    name: 'guichet_subgraph_request_duration_seconds',
    help: 'GraphQL requests served by the subgraph, by outcome.',
    labelNames: ['outcome'],
    buckets: [...latencyBucketsSeconds],
    registers,
  });
  const unsubscribe: (() => void)[] = [];
  if (system !== undefined) {
    const calls = new Histogram({
      name: 'guichet_legacy_call_duration_seconds',
      help: 'Calls to the legacy system (retries and waiting for a slot included), by operation and outcome.',
      labelNames: ['system', 'operation', 'outcome'],
      buckets: [...latencyBucketsSeconds],
      registers,
    });
    const errors = new Counter({
      name: 'guichet_legacy_call_errors_total',
      help: 'Legacy calls that ended with an error, by code (NOT_FOUND and BAD_USER_INPUT included: outcome ok).',
      labelNames: ['system', 'operation', 'code'],
      registers,
    });
    unsubscribe.push(
      legacyCallEvents.subscribe((event) => {
        if (event.system !== system) return;
        calls.observe({ system, operation: event.operation, outcome: event.outcome }, event.durationMs / 1_000);
        if (event.code !== undefined) errors.inc({ system, operation: event.operation, code: event.code });
      }),
    );
    // Strangler migrations: reads answered by one API and compared with the other (field paths only, never values).
    const comparisons = new Counter({
      name: 'guichet_legacy_shadow_comparisons_total',
      help: 'Shadowed reads of the legacy system, by adapter operation and result (match, mismatch, secondary_error, primary_error, skipped).',
      labelNames: ['system', 'operation', 'result'],
      registers,
    });
    const differences = new Counter({
      name: 'guichet_legacy_shadow_differences_total',
      help: 'Fields that differed between the primary and the shadow answer, by adapter operation and field path.',
      labelNames: ['system', 'operation', 'field'],
      registers,
    });
    const shadowDurations = new Histogram({
      name: 'guichet_legacy_shadow_duration_seconds',
      help: 'Duration of each side of a shadowed read (primary answering, secondary compared), by path.',
      labelNames: ['system', 'operation', 'side', 'path'],
      buckets: [...latencyBucketsSeconds],
      registers,
    });
    unsubscribe.push(
      shadowEvents.subscribe((event) => {
        if (event.system !== system) return;
        comparisons.inc({ system, operation: event.operation, result: event.result });
        for (const field of event.fields) differences.inc({ system, operation: event.operation, field });
        if (event.primaryDurationMs !== undefined) shadowDurations.observe({ system, operation: event.operation, side: 'primary', path: event.primary }, event.primaryDurationMs / 1_000);
        if (event.secondaryDurationMs !== undefined) shadowDurations.observe({ system, operation: event.operation, side: 'secondary', path: event.secondary }, event.secondaryDurationMs / 1_000);
      }),
    );
    new Gauge({
      name: 'guichet_legacy_circuit_state',
      help: 'Circuit breaker of the legacy system: 1 for its current state (closed, open, half-open), 0 for the others.',
      labelNames: ['system', 'state'],
      registers,
      collect() {
        const circuit = policyEvents.snapshot()[system]?.circuit ?? 'closed';
        for (const state of circuitStates) this.set({ system, state }, state === circuit ? 1 : 0);
      },
    });
    new Counter({
      name: 'guichet_legacy_policy_events_total',
      help: 'Resilience policy events of the legacy system: retries, breaks, half-opens, resets, rejections, timeouts.',
      labelNames: ['system', 'event'],
      registers,
      collect() {
        const c = policyEvents.snapshot()[system];
        if (c === undefined) return;
        const values: Record<string, number> = {
          retry: c.retries,
          break: c.breaks,
          half_open: c.halfOpens,
          reset: c.resets,
          rejected_circuit_open: c.rejections.circuitOpen,
          rejected_bulkhead_full: c.rejections.bulkheadFull,
          timeout_attempt: c.timeouts.attempt,
          timeout_deadline: c.timeouts.deadline,
          timeout_request: c.timeouts.request,
        };
        this.reset();
        for (const [event, value] of Object.entries(values)) this.inc({ system, event }, value);
      },
    });
    new Counter({
      name: 'guichet_last_known_answers_total',
      help: 'Reads answered while the legacy system could not answer: stale (last known) records and lists served, or nothing remembered.',
      labelNames: ['system', 'kind', 'result'],
      registers,
      collect() {
        const c = lastKnownMetrics.snapshot()[system];
        if (c === undefined) return;
        this.reset();
        this.inc({ system, kind: 'record', result: 'stale' }, c.hits);
        this.inc({ system, kind: 'record', result: 'missing' }, c.misses);
        this.inc({ system, kind: 'list', result: 'stale' }, c.listHits);
        this.inc({ system, kind: 'list', result: 'missing' }, c.listMisses);
      },
    });
  }
  if (backlog !== undefined) {
    new Gauge({
      name: 'guichet_outbox_pending',
      help: 'Submissions accepted and queued, not yet delivered to the legacy system nor rejected by it.',
      registers,
      async collect() {
        this.set((await backlog()).pending);
      },
    });
    new Gauge({
      name: 'guichet_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest queued submission (0 when none waits).',
      registers,
      async collect() {
        this.set(((await backlog()).oldestPendingAgeMs ?? 0) / 1_000);
      },
    });
  }
  return {
    registry,
    observeRequest: (durationMs, outcome) => requests.observe({ outcome }, durationMs / 1_000),
    close: () => {
      for (const stop of unsubscribe) stop();
    },
  };
}

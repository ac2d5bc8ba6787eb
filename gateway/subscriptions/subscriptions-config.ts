import { getHeapStatistics } from 'node:v8';
import { z } from 'zod';
import { envInt, envMs, envUrl } from '../../lib/config/index.js';
import type { SubgraphEndpoint } from '../supergraph-file.js';

export const subscriptionsEnvSchema = z.object({
  /** The supervision subgraph's internal dossier-event stream. Default: `<supervision subgraph origin>/internal/dossier-events`. */
  DOSSIER_EVENTS_URL: envUrl().optional(),
  /**
   * GraphQL endpoint asked `dossier(reference)` with the subscriber's own token before a citizen's `dossierEvents` opens.
   * Default: this gateway's own `/graphql` (the ministries' rules, limits and access log apply as to any read).
   */
  DOSSIER_LOOKUP_URL: envUrl().optional(),
  /** Open subscriptions per gateway process; beyond, SERVICE_OVERLOADED. Default: what the process's heap holds (see `maxStreamsForHeap`). */
  SUBSCRIPTIONS_MAX_STREAMS: z.coerce.number({ error: 'expected a whole number' }).int('expected a whole number').min(1, 'expected at least 1').max(1_000_000, 'expected at most 1000000').optional(),
  /** Open subscriptions of one principal (subject and client): per process, or across replicas with REDIS_URL; beyond, RATE_LIMITED. */
  SUBSCRIPTIONS_MAX_STREAMS_PER_PRINCIPAL: envInt(8, 1, 1_000),
  /**
   * Scaled mode (REDIS_URL): how long one open stream counts against its principal's cap across the replicas without
   * being renewed (renewed every third of it). A crashed replica's streams stop counting within this.
   */
  SUBSCRIPTIONS_PRINCIPAL_LEASE_MS: envMs(30_000).refine((v) => v >= 300 && v <= 600_000, 'expected 300 to 600000 ms'),
  /** Events waiting for one slow client; beyond, its stream ends (SLOW_CONSUMER). */
  SUBSCRIPTIONS_MAX_QUEUED_EVENTS: envInt(256, 1, 100_000),
  /** Recent events kept in memory to resume client streams without asking upstream. */
  SUBSCRIPTIONS_REPLAY_EVENTS: envInt(10_000, 1, 1_000_000),
  /** WebSocket ping interval (a missed pong drops the client). SSE streams carry a comment every 12 s. */
  SUBSCRIPTIONS_HEARTBEAT_MS: envMs(12_000).refine((v) => v >= 1_000, 'expected at least 1000 ms'),
  /** No byte from the internal stream for this long (it sends a heartbeat every 15 s): reconnect. */
  DOSSIER_EVENTS_IDLE_TIMEOUT_MS: envMs(45_000).refine((v) => v >= 1_000, 'expected at least 1000 ms'),
});

export type SubscriptionsEnv = z.infer<typeof subscriptionsEnvSchema>;

export interface SubscriptionsSettings {
  /** Where dossier events come from; undefined (no supervision subgraph, no override): subscriptions are off. */
  readonly eventsUrl: string | undefined;
  /** Where a citizen's right to a dossier is asked; undefined: this gateway's own `/graphql`. */
  readonly lookupUrl: string | undefined;
  readonly maxStreams: number;
  readonly maxStreamsPerPrincipal: number;
  /** Scaled mode: a stream's lease in the principal's count across replicas. */
  readonly principalLeaseMs: number;
  readonly maxQueuedEvents: number;
  readonly replayEvents: number;
  readonly heartbeatMs: number;
  readonly upstreamIdleTimeoutMs: number;
}

/**
 * Heap one open stream takes, rounded up from what `npm run bench -- --push` measured (25–37 MB per 1,000 streams):
 * the gateway as deployed (160 MB heap) died of "heap out of memory" between 4,000 and 5,500 streams while the cap
 * said 10,000.
 */
export const HEAP_PER_STREAM_BYTES = 40 * 1024;
/** Open streams may take at most this share of the heap (the caches take up to half; the rest is requests in flight). */
export const STREAM_SHARE_OF_HEAP = 0.3;

/** The most streams whose heap fits the share streams may take of `heapLimitBytes`: the cap when none is set. */
export function maxStreamsForHeap(heapLimitBytes = getHeapStatistics().heap_size_limit): number {
  return Math.max(1, Math.floor((heapLimitBytes * STREAM_SHARE_OF_HEAP) / HEAP_PER_STREAM_BYTES));
}

/** A cap the process's heap cannot hold is a crash waiting for a busy day: refused at start-up, with the numbers. */
export function streamBudgetProblems(maxStreams: number | undefined, heapLimitBytes = getHeapStatistics().heap_size_limit): string[] {
  const fits = maxStreamsForHeap(heapLimitBytes);
  if (maxStreams === undefined || maxStreams <= fits) return [];
  const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
  return [
    `SUBSCRIPTIONS_MAX_STREAMS=${maxStreams}: at about ${HEAP_PER_STREAM_BYTES / 1024} KB of heap per open stream that is ${mb(maxStreams * HEAP_PER_STREAM_BYTES)}, more than ${STREAM_SHARE_OF_HEAP * 100} % of the heap this process has (${mb(heapLimitBytes)}; ${fits} streams fit): lower it, or start the gateway with a larger --max-old-space-size`,
  ];
}

const subgraphUrl = (subgraphs: readonly SubgraphEndpoint[], name: string) => subgraphs.find((s) => s.name.toLowerCase() === name)?.url;

export function subscriptionsSettingsFromEnv(env: SubscriptionsEnv, subgraphs: readonly SubgraphEndpoint[]): SubscriptionsSettings {
  const supervision = subgraphUrl(subgraphs, 'supervision');
  return {
    eventsUrl: env.DOSSIER_EVENTS_URL ?? (supervision === undefined ? undefined : new URL('/internal/dossier-events', supervision).href),
    lookupUrl: env.DOSSIER_LOOKUP_URL,
    maxStreams: env.SUBSCRIPTIONS_MAX_STREAMS ?? maxStreamsForHeap(),
    maxStreamsPerPrincipal: env.SUBSCRIPTIONS_MAX_STREAMS_PER_PRINCIPAL,
    principalLeaseMs: env.SUBSCRIPTIONS_PRINCIPAL_LEASE_MS,
    maxQueuedEvents: env.SUBSCRIPTIONS_MAX_QUEUED_EVENTS,
    replayEvents: env.SUBSCRIPTIONS_REPLAY_EVENTS,
    heartbeatMs: env.SUBSCRIPTIONS_HEARTBEAT_MS,
    upstreamIdleTimeoutMs: env.DOSSIER_EVENTS_IDLE_TIMEOUT_MS,
  };
}

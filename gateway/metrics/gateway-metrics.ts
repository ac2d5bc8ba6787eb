import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { boundedLabel, latencyBucketsSeconds } from '../../lib/metrics/index.js';
import { refusalReasons, type AdmissionStats } from '../admission/index.js';
import type { RequestRecord } from '../request-records/index.js';
import type { FeedProofStats } from '../feed-proof/index.js';
import type { PrivateResponseStats } from '../response-cache/index.js';
import type { SharedReadStats } from '../subgraph-fetch/index.js';

export interface GatewayMetricsOptions {
  /** Distinct operation names given a series of their own; later ones count as `other`. Default 200. */
  readonly maxOperations?: number;
}

export interface GatewayMetrics {
  readonly registry: Registry;
  /** One request answered, from its operational record. */
  observeRequest(record: RequestRecord): void;
  observeSubgraphFetch(subgraph: string, outcome: 'ok' | 'error', durationMs: number): void;
  /** Counts of the reads shared between requests (read at scrape time). */
  watchSharedReads(stats: () => SharedReadStats): void;
  /** This process's private response cache (read at scrape time). */
  watchPrivateResponses(stats: () => PrivateResponseStats): void;
  /** What this process's change-feed proof rests on (read at scrape time). */
  watchFeedProof(stats: () => FeedProofStats & { readonly connected: boolean }): void;
  /** This process's admission figures (read at scrape time). */
  watchAdmission(stats: () => AdmissionStats & { readonly saturated: boolean }): void;
  /** One round trip to Redis by one of the scaled stores (`rate-limit`, `shared-reads`, `response-cache`, `events`). */
  countRedisCommand(store: string): void;
  recordsWritten(records: number, durationMs: number): void;
  recordsDropped(records: number): void;
}

/**
 * The gateway's Prometheus registry: requests (rate, latency, outcome) per operation, errors per code, rate-limit
 * refusals, subgraph fetches per subgraph, shared reads, operational records, and Node's own process metrics.
 */
export function createGatewayMetrics({ maxOperations = 200 }: GatewayMetricsOptions = {}): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const operationLabel = boundedLabel(maxOperations);
  const buckets = [...latencyBucketsSeconds];
  const requests = new Histogram({
    name: 'guichet_gateway_request_duration_seconds',
    help: 'GraphQL requests answered by the gateway, by operation name and outcome (success, partial, error).',
    labelNames: ['operation', 'outcome'],
    buckets,
    registers,
  });
  const errors = new Counter({ name: 'guichet_gateway_errors_total', help: 'Errors in gateway responses, by extensions.code.', labelNames: ['code'], registers });
  const rateLimited = new Counter({ name: 'guichet_gateway_rate_limited_total', help: 'Requests refused by the rate limits (HTTP 429).', registers });
  const fetches = new Histogram({
    name: 'guichet_gateway_subgraph_fetch_duration_seconds',
    help: 'Fetches from subgraphs made by the query plans, by subgraph and outcome.',
    labelNames: ['subgraph', 'outcome'],
    buckets,
    registers,
  });
  const written = new Counter({ name: 'guichet_operations_records_written_total', help: 'Operational records written to the embedded store.', registers });
  const dropped = new Counter({ name: 'guichet_operations_records_dropped_total', help: 'Operational records lost (queue full or a failed write).', registers });
  const redisCommands = new Counter({
    name: 'guichet_redis_commands_total',
    help: 'Round trips to Redis (a pipeline or a script counts once), by store: divided by the requests, the Redis cost of a request.',
    labelNames: ['store'],
    registers,
  });
  const writes = new Histogram({ name: 'guichet_operations_write_duration_seconds', help: 'Time to write one batch of operational records.', buckets, registers });
  const sources: (() => SharedReadStats)[] = [];
  new Counter({
    name: 'guichet_gateway_shared_reads_total',
    help: "Subgraph reads, by how they were served: hit (this process's cache), proven-hit (a citizen's dossiers kept here, proven unchanged by the change feeds), remote-hit (the replicas' shared cache), joined (an identical read in flight), sent.",
    labelNames: ['result'],
    registers,
    collect() {
      this.reset();
      for (const stats of sources.map((source) => source())) {
        this.inc({ result: 'hit' }, stats.hits - (stats.provenHits ?? 0));
        if (stats.provenHits !== undefined) this.inc({ result: 'proven-hit' }, stats.provenHits);
        if (stats.remoteHits !== undefined) this.inc({ result: 'remote-hit' }, stats.remoteHits);
        this.inc({ result: 'joined' }, stats.joined);
        this.inc({ result: 'sent' }, stats.sent);
      }
    },
  });
  new Gauge({
    name: 'guichet_gateway_shared_reads_cached_bytes',
    help: 'Bytes of subgraph answers kept for shared reads.',
    registers,
    collect() {
      this.set(sources.reduce((sum, source) => sum + source().cachedBytes, 0));
    },
  });
  let privateResponses: (() => PrivateResponseStats) | undefined;
  new Counter({
    name: 'guichet_gateway_private_responses_total',
    help: "Queries looked up in the private response cache (a caller's whole answer kept on its hints and the change feeds' proof), by result: hit, pending (kept, its feed proof not yet given), miss (not kept, or no longer standing), kept.",
    labelNames: ['result'],
    registers,
    collect() {
      this.reset();
      const stats = privateResponses?.();
      if (stats === undefined) return;
      this.inc({ result: 'hit' }, stats.hits);
      this.inc({ result: 'miss' }, stats.misses);
      this.inc({ result: 'pending' }, stats.pending);
      this.inc({ result: 'kept' }, stats.kept);
    },
  });
  new Gauge({
    name: 'guichet_gateway_private_responses_cached_bytes',
    help: 'Bytes of whole private responses kept (their JSON).',
    registers,
    collect() {
      this.set(privateResponses?.().bytes ?? 0);
    },
  });
  let feedProof: (() => FeedProofStats & { readonly connected: boolean }) | undefined;
  const feedProofGauge = (name: string, help: string, read: (stats: FeedProofStats & { readonly connected: boolean }) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        if (feedProof !== undefined) this.set(read(feedProof()));
      },
    });
  // One series per legacy system, in seconds, from its unbroken interval of feed reads (and the scrape's clock).
  const perSystemGauge = (name: string, help: string, aggregator: 'max' | 'min', milliseconds: (interval: { fromMs: number; toMs: number }, nowMs: number) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['system'],
      registers,
      aggregator,
      collect() {
        this.reset();
        const now = Date.now();
        for (const [system, interval] of feedProof?.().systems ?? []) this.set({ system }, Math.max(0, milliseconds(interval, now)) / 1_000);
      },
    });
  feedProofGauge(
    'guichet_gateway_feed_proof_connected',
    "Processes following the supervision subgraph's change-feed stream now (nothing resting on the feeds is served from what was kept by the others).",
    (stats) => (stats.connected ? 1 : 0),
  );
  perSystemGauge(
    'guichet_gateway_feed_proof_age_seconds',
    "Per system, how old the newest feed read received is (the largest over workers): above FEED_PROOF_MAX_AGE_MS nothing resting on that system's feed is served from what was kept.",
    'max',
    ({ toMs }, nowMs) => nowMs - toMs,
  );
  perSystemGauge(
    'guichet_gateway_feed_proof_unbroken_seconds',
    'Per system, how long the feed reads received form one unbroken interval (the smallest over workers): only what was read within it can be proven.',
    'min',
    ({ fromMs, toMs }) => toMs - fromMs,
  );
  feedProofGauge('guichet_gateway_feed_proof_owners', 'Citizens whose last change named by the feeds is remembered (at most FEED_PROOF_MAX_OWNERS per process).', (stats) => stats.owners);
  new Counter({
    name: 'guichet_gateway_feed_proof_owners_forgotten_total',
    help: 'Citizens forgotten to stay within FEED_PROOF_MAX_OWNERS: each one makes every answer kept before it unproven (raise the bound if this grows steadily).',
    registers,
    collect() {
      if (feedProof === undefined) return;
      this.reset();
      this.inc(feedProof().ownersForgotten);
    },
  });
  let admission: (() => AdmissionStats & { readonly saturated: boolean }) | undefined;
  const admissionGauge = (name: string, help: string, read: (stats: AdmissionStats & { readonly saturated: boolean }) => number, aggregator: 'sum' | 'max' = 'sum') =>
    new Gauge({
      name,
      help,
      registers,
      aggregator,
      collect() {
        if (admission !== undefined) this.set(read(admission()));
      },
    });
  admissionGauge('guichet_gateway_admission_in_flight', 'GraphQL requests being served (admitted, not yet answered).', (s) => s.inFlight);
  admissionGauge('guichet_gateway_admission_queued', 'GraphQL requests waiting for a slot.', (s) => s.queued);
  admissionGauge('guichet_gateway_admission_limit', 'Current concurrency limit (adaptive, between ADMISSION_MIN_IN_FLIGHT and ADMISSION_MAX_IN_FLIGHT; summed over workers).', (s) => s.limit);
  admissionGauge('guichet_gateway_admission_saturated', 'Processes saying saturated on /ready (1 per saturated process).', (s) => (s.saturated ? 1 : 0));
  admissionGauge('guichet_gateway_event_loop_delay_seconds', 'Mean event loop delay over the last window (the largest over workers).', (s) => s.eventLoopDelayMs / 1_000, 'max');
  new Counter({
    name: 'guichet_gateway_admission_admitted_total',
    help: 'GraphQL requests admitted (at once or after waiting for a slot).',
    registers,
    collect() {
      if (admission === undefined) return;
      this.reset();
      this.inc(admission().admitted);
    },
  });
  new Counter({
    name: 'guichet_gateway_admission_refused_total',
    help: 'GraphQL requests refused at the door (HTTP 503, SERVICE_OVERLOADED), by reason: queue-full, queue-timeout, event-loop-delay.',
    labelNames: ['reason'],
    registers,
    collect() {
      if (admission === undefined) return;
      this.reset();
      const { refused } = admission();
      for (const reason of refusalReasons) this.inc({ reason }, refused[reason]);
    },
  });
  return {
    registry,
    observeRequest(record) {
      requests.observe({ operation: operationLabel(record.operationName ?? '(anonymous)'), outcome: record.outcome }, record.durationMs / 1_000);
      for (const code of record.errorCodes) errors.inc({ code });
      if (record.status === 429) rateLimited.inc();
    },
    observeSubgraphFetch: (subgraph, outcome, durationMs) => fetches.observe({ subgraph, outcome }, durationMs / 1_000),
    watchSharedReads: (stats) => void sources.push(stats),
    watchPrivateResponses: (stats) => {
      privateResponses = stats;
    },
    watchFeedProof: (stats) => void (feedProof = stats),
    watchAdmission: (stats) => void (admission = stats),
    countRedisCommand: (store) => redisCommands.inc({ store }),
    recordsWritten(records, durationMs) {
      written.inc(records);
      writes.observe(durationMs / 1_000);
    },
    recordsDropped: (records) => dropped.inc(records),
  };
}

import { Registry } from 'prom-client';
import { AggregatorRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../request-records/index.js';
import { createGatewayMetrics } from './gateway-metrics.js';

const record = (operationName: string, outcome: RequestRecord['outcome'], status = 200, errorCodes: string[] = []): RequestRecord => ({
  at: '2026-11-01T08:00:00.000Z',
  traceId: 'a'.repeat(32),
  clientId: 'portail-web',
  role: 'citizen',
  operationName,
  operationType: 'query',
  status,
  outcome,
  durationMs: 20,
  responseBytes: 100,
  errorCodes,
  subgraphs: [],
  legacyCalls: [],
});

describe('gateway metrics', () => {
  it('count requests per operation and outcome, errors per code, rate-limit refusals and fetches', async () => {
    const metrics = createGatewayMetrics({ maxOperations: 1 });
    metrics.observeRequest(record('DossierStatus', 'success'));
    metrics.observeRequest(record('CitizenDashboard', 'partial', 200, ['BACKEND_TIMEOUT']));
    metrics.observeRequest(record('DossierStatus', 'error', 429, ['RATE_LIMITED']));
    metrics.observeSubgraphFetch('electricity', 'ok', 12);
    metrics.watchSharedReads(() => ({ hits: 3, remoteHits: 2, joined: 1, sent: 5, cachedEntries: 2, cachedBytes: 400 }));
    metrics.countRedisCommand('rate-limit');
    metrics.countRedisCommand('rate-limit');
    metrics.countRedisCommand('shared-reads');
    const text = await metrics.registry.metrics();
    expect(text).toContain('guichet_gateway_request_duration_seconds_count{operation="DossierStatus",outcome="success"} 1');
    // A second operation name beyond the bound of 1.
    expect(text).toContain('guichet_gateway_request_duration_seconds_count{operation="other",outcome="partial"} 1');
    expect(text).toContain('guichet_gateway_errors_total{code="BACKEND_TIMEOUT"} 1');
    expect(text).toContain('guichet_gateway_rate_limited_total 1');
    expect(text).toContain('guichet_gateway_subgraph_fetch_duration_seconds_count{subgraph="electricity",outcome="ok"} 1');
    expect(text).toContain('guichet_gateway_shared_reads_total{result="hit"} 3');
    expect(text).toContain('guichet_gateway_shared_reads_total{result="remote-hit"} 2');
    expect(text).toContain('guichet_gateway_shared_reads_cached_bytes 400');
    expect(text).toContain('guichet_redis_commands_total{store="rate-limit"} 2');
    expect(text).toContain('guichet_redis_commands_total{store="shared-reads"} 1');
  });

  it('sum over workers the way the primary aggregates them', async () => {
    const workers = [createGatewayMetrics(), createGatewayMetrics()];
    workers[0]?.observeRequest(record('DossierStatus', 'success'));
    workers[1]?.observeRequest(record('DossierStatus', 'success'));
    workers[1]?.observeRequest(record('DossierStatus', 'success'));
    const primary = new Registry();
    const aggregated = AggregatorRegistry.aggregate([await primary.getMetricsAsJSON(), ...(await Promise.all(workers.map((w) => w.registry.getMetricsAsJSON())))] as Parameters<
      typeof AggregatorRegistry.aggregate
    >[0]);
    expect(await aggregated.metrics()).toContain('guichet_gateway_request_duration_seconds_count{operation="DossierStatus",outcome="success"} 3');
  });

  it('say what each worker’s feed proof rests on: the oldest feed read and the shortest unbroken interval over workers', async () => {
    const now = Date.now();
    const workers = [createGatewayMetrics(), createGatewayMetrics()];
    const interval = (fromAgoS: number, toAgoS: number) => ({ fromMs: now - fromAgoS * 1_000, toMs: now - toAgoS * 1_000 });
    workers[0]?.watchFeedProof(() => ({ connected: true, owners: 5, ownersForgotten: 2, systems: new Map([['ceet', interval(60, 1)]]) }));
    workers[1]?.watchFeedProof(() => ({ connected: false, owners: 1, ownersForgotten: 0, systems: new Map([['ceet', interval(10, 4)]]) }));
    const primary = new Registry();
    const aggregated = AggregatorRegistry.aggregate([await primary.getMetricsAsJSON(), ...(await Promise.all(workers.map((w) => w.registry.getMetricsAsJSON())))] as Parameters<
      typeof AggregatorRegistry.aggregate
    >[0]);
    const value = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    const text = await aggregated.metrics();
    expect(value(text, 'guichet_gateway_feed_proof_connected')).toBe(1);
    expect(value(text, 'guichet_gateway_feed_proof_age_seconds\\{system="ceet"\\}')).toBeCloseTo(4, 0);
    expect(value(text, 'guichet_gateway_feed_proof_unbroken_seconds\\{system="ceet"\\}')).toBeCloseTo(6, 0);
    expect(value(text, 'guichet_gateway_feed_proof_owners')).toBe(6);
    expect(value(text, 'guichet_gateway_feed_proof_owners_forgotten_total')).toBe(2);
  });
});

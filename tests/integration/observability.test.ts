import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSqliteRecordStore } from '../../gateway/request-records/index.js';
import type { RequestRecord } from '../../gateway/request-records/index.js';
import { gql } from '../support/graphql-client.js';
import { legacyAdmin } from '../support/legacy-admin.js';
import { spawnExtra, type ExtraService } from '../support/spawn-extra.js';
import { spawnGateway, type ExtraGateway } from '../support/spawn-gateway.js';
import { testInternalTokenSecret } from '../support/test-secrets.js';
import { citizenToken, supervisorToken } from '../support/tokens.js';
import { citizensInAllSystems } from '../support/world.js';
import { sample } from '../support/prometheus.js';

interface ExportedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: number;
}

/** An OTLP/HTTP collector in the test (JSON encoding): every span any process sent it. */
async function startCollector(): Promise<{ url: string; spans: ExportedSpan[]; server: Server }> {
  const spans: ExportedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans?: { scopeSpans?: { spans?: ExportedSpan[] }[] }[] };
      for (const resource of body.resourceSpans ?? []) for (const scope of resource.scopeSpans ?? []) spans.push(...(scope.spans ?? []));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, server };
}

async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const traced = (traceId: string, spanId = '00f067aa0ba902b7') => ({ traceparent: `00-${traceId}-${spanId}-01`, connection: 'close' });
const otel = (url: string) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: url, OTEL_BSP_SCHEDULE_DELAY: '100' });
const metricsOf = (graphqlUrl: string, headers: Record<string, string> = {}) => fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'), { headers: { connection: 'close', ...headers } });

const dashboard = (name: string) => `query ${name}($niu: ID!) { citizen(niu: $niu) { niu firstName lastName civilActs { number } electricityRequests { reference status } dossiers { totalCount } } }`;

/** The stack's own gateway, as deployed by default: no span export, its workers' figures summed by the primary. */
describe("observability of the stack's gateway", () => {
  const gatewayUrl = () => inject('gatewayUrl');
  // The gateway keeps its records beside its audit folder by default.
  const recordsPath = () => join(dirname(dirname(inject('auditLogPath'))), 'operations', 'operations.sqlite');

  it('counts requests per operation over the whole gateway, and subgraph fetches', async () => {
    const citizen = citizensInAllSystems()[52]!;
    const token = await citizenToken(citizen.niu);
    for (let i = 0; i < 6; i += 1) {
      const answer = await gql(dashboard('StackObservedDashboard'), { niu: citizen.niu }, { token, headers: { connection: 'close' } });
      expect(answer.errors).toBeUndefined();
    }
    // Whichever worker answers the scrape, it gives the whole gateway's figures.
    for (let i = 0; i < 3; i += 1) {
      const text = await (await metricsOf(gatewayUrl())).text();
      expect(sample(text, 'guichet_gateway_request_duration_seconds_count', { operation: 'StackObservedDashboard', outcome: 'success' })).toBe(6);
      expect(sample(text, 'guichet_gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'electricity', outcome: 'ok' })).toBeGreaterThanOrEqual(6);
      expect(sample(text, 'guichet_gateway_shared_reads_total', { result: 'sent' })).toBeGreaterThanOrEqual(6);
      expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    }
    // Records reach the store in batches (a quarter of a second at most), written by the primary.
    let written = 0;
    for (let i = 0; i < 50 && written === 0; i += 1) {
      written = sample(await (await metricsOf(gatewayUrl())).text(), 'guichet_operations_records_written_total');
      if (written === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(written).toBeGreaterThan(0);
  });

  it('writes an operational record naming subgraphs and legacy systems, never the citizen', async () => {
    const citizen = citizensInAllSystems()[53]!;
    const traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const answer = await gql(dashboard('StackObservedDashboard'), { niu: citizen.niu }, { token: await citizenToken(citizen.niu), headers: traced(traceId) });
    const names = answer.data?.citizen as { firstName: string; lastName: string };
    const store = createSqliteRecordStore(recordsPath());
    try {
      const [record] = await waitFor(() => {
        const found = store.byTraceId(traceId);
        return found.length > 0 && found;
      });
      expect(record).toMatchObject<Partial<RequestRecord>>({
        traceId,
        role: 'citizen',
        operationName: 'StackObservedDashboard',
        operationType: 'query',
        status: 200,
        outcome: 'success',
        errorCodes: [],
      });
      expect(record!.clientId.length).toBeGreaterThan(0);
      expect(record!.responseBytes).toBeGreaterThan(100);
      for (const subgraph of ['civil-registry', 'electricity', 'dossiers']) expect(record!.subgraphs.map((call) => call.subgraph)).toContain(subgraph);
      expect(record!.legacyCalls).toContainEqual(expect.objectContaining({ subgraph: 'electricity', system: 'ceet', outcome: 'ok' }));
      expect(record!.legacyCalls).toContainEqual(expect.objectContaining({ subgraph: 'civil-registry', system: 'rnec', outcome: 'ok' }));
      const text = JSON.stringify(record);
      for (const personal of [citizen.niu, names.firstName, names.lastName]) expect(text).not.toContain(personal);
    } finally {
      store.close();
    }
  });

  it('serves /metrics to this machine only', async () => {
    expect((await metricsOf(gatewayUrl(), { 'x-forwarded-for': '203.0.113.7' })).status).toBe(403);
    expect((await metricsOf(inject('serviceUrls').electricity!, { forwarded: 'for=203.0.113.7' })).status).toBe(403);
    expect((await metricsOf(inject('serviceUrls').electricity!)).status).toBe(200);
  });
});

/**
 * Traces, a legacy fault and log correlation: a gateway of two workers and an electricity subgraph of their own (both
 * exporting spans to a collector in the test, the subgraph's circuit kept open long enough to be seen) over the
 * stack's other subgraphs and simulators.
 */
describe('observability with span export', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let electricity: ExtraService;
  let gateway: ExtraGateway;
  const citizen = citizensInAllSystems()[50]!;
  const query = dashboard('ObservedDashboard');

  beforeAll(async () => {
    collector = await startCollector();
    electricity = await spawnExtra('extra-electricity', 'subgraphs/electricity/main.js', {
      INTERNAL_TOKEN_SECRET: testInternalTokenSecret,
      CEET_URL: inject('legacyUrls').ceet,
      OUTBOX_PATH: join(mkdtempSync(join(tmpdir(), 'guichet-outbox-')), 'electricity.sqlite'),
      // One attempt per call and a circuit that stays open long enough to be seen.
      CEET_RETRY_MAX_ATTEMPTS: '1',
      CEET_TIMEOUT_MS: '1000',
      CEET_BREAKER_THRESHOLD: '3',
      CEET_BREAKER_HALF_OPEN_AFTER_MS: '20000',
      LOG_LEVEL: 'info',
      ...otel(collector.url),
    });
    gateway = await spawnGateway({ WORKERS: '2', ...otel(collector.url) }, { ...inject('serviceUrls'), electricity: electricity.url });
  });
  afterAll(async () => {
    await legacyAdmin.reset('ceet');
    await gateway?.stop();
    await electricity?.stop();
    collector?.server.close();
  });

  it('exports one trace across gateway, subgraph and legacy calls, with the parent links', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const callerSpan = 'b7ad6b7169203331';
    await gql(query, { niu: citizen.niu }, { url: gateway.graphqlUrl, token: await citizenToken(citizen.niu), headers: traced(traceId, callerSpan) });
    const spans = await waitFor(() => {
      const mine = collector.spans.filter((span) => span.traceId === traceId);
      return mine.some((span) => span.name.startsWith('ceet ')) && mine.some((span) => span.name === 'graphql ObservedDashboard') && mine;
    });
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const root = spans.find((span) => span.name === 'graphql ObservedDashboard')!;
    expect(root).toMatchObject({ parentSpanId: callerSpan, kind: 2 });
    const fetch = spans.find((span) => span.name === 'fetch electricity')!;
    expect(fetch).toMatchObject({ parentSpanId: root.spanId, kind: 3 });
    const subgraph = spans.find((span) => span.name === 'subgraph electricity')!;
    expect(subgraph).toMatchObject({ parentSpanId: fetch.spanId, kind: 2 });
    const legacy = spans.filter((span) => span.name.startsWith('ceet '));
    expect(legacy.length).toBeGreaterThan(0);
    for (const call of legacy) {
      expect(call.kind).toBe(3);
      expect(byId.get(call.parentSpanId ?? '')?.name).toBe('subgraph electricity');
    }
  });

  it('shows a legacy fault as errors and an open circuit, with the trace id on the log lines', async () => {
    await legacyAdmin.setFaults('ceet', { down: true });
    // A citizen this subgraph never read: no last known list to fall back on, so the failure shows.
    const other = citizensInAllSystems()[51]!;
    const token = await citizenToken(other.niu);
    const traceIds: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const traceId = `c0ffee${String(i).padStart(26, '0')}`;
      traceIds.push(traceId);
      const answer = await gql(
        'query FaultyElectricity($niu: ID!) { citizen(niu: $niu) { electricityRequests { reference } } }',
        { niu: other.niu },
        { url: gateway.graphqlUrl, token, headers: traced(traceId) },
      );
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual([expect.stringMatching(/BACKEND_UNAVAILABLE|CIRCUIT_OPEN/)]);
    }
    const text = await (await metricsOf(electricity.url)).text();
    expect(sample(text, 'guichet_legacy_circuit_state', { system: 'ceet', state: 'open' })).toBe(1);
    expect(sample(text, 'guichet_legacy_circuit_state', { system: 'ceet', state: 'closed' })).toBe(0);
    expect(sample(text, 'guichet_legacy_call_errors_total', { system: 'ceet', code: 'BACKEND_UNAVAILABLE' })).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'guichet_legacy_call_duration_seconds_count', { system: 'ceet', outcome: 'error' })).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'guichet_legacy_call_duration_seconds_count', { system: 'ceet', outcome: 'ok' })).toBeGreaterThan(0);
    expect(sample(text, 'guichet_legacy_policy_events_total', { system: 'ceet', event: 'break' })).toBe(1);
    expect(text).toMatch(/^guichet_outbox_pending\{subgraph="electricity"\} 0$/m);
    const gatewayText = await (await metricsOf(gateway.graphqlUrl)).text();
    expect(sample(gatewayText, 'guichet_gateway_request_duration_seconds_count', { operation: 'FaultyElectricity', outcome: 'partial' })).toBe(4);
    expect(sample(gatewayText, 'guichet_gateway_errors_total', { code: 'CIRCUIT_OPEN' })).toBeGreaterThanOrEqual(1);
    // The supervision API's health of each system comes from the ministry subgraph that calls it.
    const health = await gql<{
      supervision: {
        legacySystems: {
          system: string;
          name: string | null;
          calls: number | null;
          successRate: number | null;
          circuit: string | null;
          lastFailureCode: string | null;
          lastFailureAt: string | null;
        }[];
      };
    }>(
      '{ supervision { legacySystems { system name calls successRate circuit lastFailureAt lastFailureCode } } }',
      {},
      { url: gateway.graphqlUrl, token: await supervisorToken(), headers: { connection: 'close' } },
    );
    expect(health.errors).toBeUndefined();
    const ceet = health.data?.supervision.legacySystems.find((system) => system.system === 'ceet');
    expect(ceet).toMatchObject({ name: expect.stringContaining('CEET'), circuit: 'open', lastFailureCode: 'CIRCUIT_OPEN', lastFailureAt: expect.any(String) });
    expect(ceet?.calls).toBeGreaterThan(4);
    expect(ceet?.successRate).toBeLessThan(1);
    expect(health.data?.supervision.legacySystems.map((system) => system.system).sort()).toEqual(['ceet', 'mines', 'rnec', 'urbanisme']);
    // The subgraph's own log lines of those requests carry their trace ids, though nothing passed them along.
    const logged = electricity.lines.filter((line) => line.includes('legacy call failed')).map((line) => JSON.parse(line) as { traceId?: string });
    for (const traceId of traceIds.slice(0, 3)) expect(logged.map((line) => line.traceId)).toContain(traceId);
  });

  it("puts the trace id on the gateway's own lines of a request", async () => {
    await electricity.stop();
    const traceId = 'deadbeef' + '0'.repeat(23) + '1';
    await gql(
      'query FaultyElectricity($niu: ID!) { citizen(niu: $niu) { electricityRequests { reference } } }',
      { niu: citizen.niu },
      { url: gateway.graphqlUrl, token: await citizenToken(citizen.niu), headers: traced(traceId) },
    );
    const line = await waitFor(() => gateway.lines.find((l) => l.includes('subgraph call failed') && l.includes(traceId)));
    expect(JSON.parse(line)).toMatchObject({ traceId, subgraph: 'electricity' });
  });
});

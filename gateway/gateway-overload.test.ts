import { createServer, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen, readBody } from '../lib/http/index.js';
import type { RunningService } from '../lib/service/index.js';
import { errorMessages } from '../schema/index.js';
import { postQuery } from './test-support/graphql-client.js';
import { startTestGateway } from './test-support/start-test-stack.js';
import { startTestSubgraph, type TestSubgraph } from './test-support/start-test-subgraph.js';
import { civilRegistry, electricity, electricityControl } from './test-support/test-subgraphs.js';
import { writeTestSupergraph } from './test-support/write-test-supergraph.js';

/**
 * The gateway's door and deadline against real in-process subgraphs: the electricity subgraph answers `meter` after
 * `electricityControl.delayMs`, behind a relay that notes the `x-guichet-deadline-ms` each fetch carried.
 */
let registry: TestSubgraph;
let meters: TestSubgraph;
let relay: Server;
let relayUrl: string;
let supergraphPath: string;
const deadlineHeaders: (string | undefined)[] = [];
const gateways: RunningService[] = [];

beforeAll(async () => {
  [registry, meters] = await Promise.all([startTestSubgraph(civilRegistry), startTestSubgraph(electricity)]);
  relay = createServer((req, res) => {
    // Its /health and /ready: the electricity subgraph is up.
    if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}');
    const header = req.headers['x-guichet-deadline-ms'];
    deadlineHeaders.push(Array.isArray(header) ? header.join(',') : header);
    void readBody(req).then(async (body) => {
      const answer = await fetch(meters.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).catch(() => undefined);
      if (answer === undefined || res.destroyed) return res.destroy();
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
    });
  });
  relayUrl = `${await listen(relay, '127.0.0.1', 0)}/graphql`;
  supergraphPath = writeTestSupergraph([registry, meters]);
});
afterEach(() => {
  electricityControl.delayMs = 0;
  deadlineHeaders.length = 0;
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await closeServer(relay, 100);
  await Promise.all([registry?.close(), meters?.close()]);
});

async function gatewayWith(env: NodeJS.ProcessEnv): Promise<RunningService> {
  const gateway = await startTestGateway(supergraphPath, { SUBGRAPH_ELECTRICITY_URL: relayUrl, RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0', ...env });
  gateways.push(gateway);
  return gateway;
}

const timed = async <T>(run: () => Promise<T>) => {
  const startedAt = performance.now();
  const value = await run();
  return { value, elapsedMs: performance.now() - startedAt };
};

const metricsOf = async (gateway: RunningService) => (await fetch(`${gateway.url}/metrics`)).text();
const readyOf = async (gateway: RunningService) => {
  const response = await fetch(`${gateway.url}/ready`);
  return { http: response.status, status: ((await response.json()) as { status: string }).status };
};
const timeout = { message: errorMessages.BACKEND_TIMEOUT, extensions: { code: 'BACKEND_TIMEOUT', subgraph: 'electricity' } };

describe('one deadline per request', () => {
  it('answers at the deadline with what arrived, the slow part BACKEND_TIMEOUT; the subgraph was told the time it had', async () => {
    const gateway = await gatewayWith({ REQUEST_DEADLINE_MS: '1000', REQUEST_DEADLINE_MARGIN_MS: '250' });
    electricityControl.delayMs = 20_000;
    const { value, elapsedMs } = await timed(() => postQuery(gateway.url, '{ person(niu: "1001") { fullName } meter(number: "A") { number } }'));
    // SUBGRAPH_TIMEOUT_MS is 15 s: only the request's deadline ends this fetch so soon.
    expect(elapsedMs).toBeLessThan(3_000);
    expect(value.body).toEqual({ data: { person: { fullName: 'Afi Mensah' }, meter: null }, errors: [timeout] });
    expect(deadlineHeaders).toHaveLength(1);
    const told = Number(deadlineHeaders[0]);
    expect(told).toBeGreaterThan(0);
    expect(told).toBeLessThanOrEqual(750);
  });

  it('tells every fetch of a plan what is left of the request, never more', async () => {
    const gateway = await gatewayWith({ REQUEST_DEADLINE_MS: '5000', REQUEST_DEADLINE_MARGIN_MS: '100' });
    electricityControl.delayMs = 300;
    const { value } = await timed(() => postQuery(gateway.url, '{ meter(number: "B") { number } person(niu: "1002") { meters { number } } }'));
    expect(value.body.errors).toBeUndefined();
    const told = deadlineHeaders.map(Number);
    expect(told.length).toBeGreaterThanOrEqual(2);
    for (const ms of told) {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThanOrEqual(4_900);
    }
  });
});

describe('admission at the door', () => {
  it('beyond capacity: 503 + Retry-After + SERVICE_OVERLOADED at once; /health answers, /ready says saturated, then ready', async () => {
    const gateway = await gatewayWith({ ADMISSION_MAX_IN_FLIGHT: '1', ADMISSION_MIN_IN_FLIGHT: '1', ADMISSION_QUEUE: '0', ADMISSION_RETRY_AFTER_S: '2' });
    electricityControl.delayMs = 1_500;
    const slow = postQuery(gateway.url, '{ meter(number: "C") { number } }');
    for (let i = 0; i < 100 && !/guichet_gateway_admission_in_flight 1\b/.test(await metricsOf(gateway)); i++) await sleep(10);
    const refused = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ meter(number: "D") { number } }' }) });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(await refused.json()).toEqual({ errors: [{ message: errorMessages.SERVICE_OVERLOADED, extensions: { code: 'SERVICE_OVERLOADED', retryAfterMs: 2_000 } }] });
    // Never shed: health, readiness, metrics.
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
    expect(await readyOf(gateway)).toEqual({ http: 503, status: 'saturated' });
    const metrics = await metricsOf(gateway);
    expect(metrics).toMatch(/guichet_gateway_admission_refused_total\{reason="queue-full"\} 1\b/);
    expect(metrics).toMatch(/guichet_gateway_errors_total\{code="SERVICE_OVERLOADED"\} 1\b/);
    expect(metrics).toMatch(/guichet_gateway_admission_limit 1\b/);
    expect((await slow).body).toEqual({ data: { meter: { number: 'C' } } });
    let ready = await readyOf(gateway);
    for (let i = 0; i < 40 && ready.status !== 'ready'; i++) ready = (await sleep(100), await readyOf(gateway));
    expect(ready).toEqual({ http: 200, status: 'ready' });
    expect(await metricsOf(gateway)).toMatch(/guichet_gateway_admission_in_flight 0\b/);
  });

  it('time spent waiting for a slot counts against the deadline', async () => {
    const gateway = await gatewayWith({
      ADMISSION_MAX_IN_FLIGHT: '1',
      ADMISSION_MIN_IN_FLIGHT: '1',
      ADMISSION_QUEUE: '1',
      ADMISSION_QUEUE_TIMEOUT_MS: '1500',
      REQUEST_DEADLINE_MS: '2000',
      REQUEST_DEADLINE_MARGIN_MS: '100',
    });
    electricityControl.delayMs = 1_200;
    const first = timed(() => postQuery(gateway.url, '{ meter(number: "E") { number } }'));
    for (let i = 0; i < 100 && !/guichet_gateway_admission_in_flight 1\b/.test(await metricsOf(gateway)); i++) await sleep(10);
    const second = await timed(() => postQuery(gateway.url, '{ meter(number: "F") { number } }'));
    expect((await first).value.body).toEqual({ data: { meter: { number: 'E' } } });
    // It waited about 1.2 s for the slot: of its 2 s, well under a second was left for its own (1.2 s) fetch.
    expect(second.value.body).toEqual({ data: { meter: null }, errors: [timeout] });
    expect(second.elapsedMs).toBeLessThan(3_500);
    expect(Number(deadlineHeaders[1])).toBeLessThan(1_000);
  });
});

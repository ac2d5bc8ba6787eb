import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postQuery } from '../test-support/graphql-client.js';
import { startTestStack, type TestStack } from '../test-support/start-test-stack.js';
import { createSqliteRecordStore } from './sqlite-record-store.js';

let stack: TestStack;
const recordsPath = join(mkdtempSync(join(tmpdir(), 'guichet-ops-gateway-')), 'operations.sqlite');

beforeAll(async () => {
  stack = await startTestStack({ OPERATIONS_PATH: recordsPath });
});
afterAll(() => stack?.close());

/** The records and metrics of a real gateway over in-process subgraphs (one process, WORKERS=1). */
describe('operational records and metrics of the gateway', () => {
  it('records each request with its subgraph calls, and counts it', async () => {
    const traceId = '5bf92f3577b34da6a3ce929d0e0e4736';
    const response = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      body: JSON.stringify({ query: 'query PersonAndMeters($niu: ID!) { person(niu: $niu) { niu fullName meters { number } } }', variables: { niu: '1001' } }),
    });
    const body = await response.text();
    expect(response.status).toBe(200);
    const store = createSqliteRecordStore(recordsPath);
    try {
      let records = store.byTraceId(traceId);
      for (let i = 0; i < 40 && records.length === 0; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        records = store.byTraceId(traceId);
      }
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        traceId,
        clientId: 'anonymous',
        role: 'anonymous',
        operationName: 'PersonAndMeters',
        operationType: 'query',
        status: 200,
        outcome: 'success',
        errorCodes: [],
        responseBytes: Buffer.byteLength(body),
      });
      expect(records[0]?.subgraphs.map((call) => call.subgraph).sort()).toEqual(['civil-registry', 'electricity']);
      expect(JSON.stringify(records[0])).not.toContain('Afi');
    } finally {
      store.close();
    }
    const metrics = await (await fetch(`${stack.gateway.url}/metrics`)).text();
    expect(metrics).toContain('guichet_gateway_request_duration_seconds_count{operation="PersonAndMeters",outcome="success"} 1');
    expect(metrics).toMatch(/guichet_gateway_subgraph_fetch_duration_seconds_count\{subgraph="electricity",outcome="ok"\} 1/);
  });

  it('records a refused request by its code', async () => {
    const { status } = await postQuery(stack.gateway.url, '{ person(niu: "1") { nope } }');
    expect(status).toBe(400);
    const metrics = await (await fetch(`${stack.gateway.url}/metrics`)).text();
    expect(metrics).toContain('guichet_gateway_errors_total{code="GRAPHQL_VALIDATION_FAILED"} 1');
  });
});

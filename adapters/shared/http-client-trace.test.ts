import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { withSpan } from '../../lib/trace/index.js';
import { createCallPolicy } from './call-policy.js';
import { createHttpClient, sendHttp } from './http-client.js';
import { createLegacyCallEvents } from './observation/index.js';
import { createPolicyEvents } from './resilience/index.js';

describe('legacy calls carry the trace', () => {
  const received: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    received.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  const listening = new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends a traceparent naming the call's own span, child of the request's", async () => {
    const client = createHttpClient({ baseUrl: await listening });
    const policy = createCallPolicy({ system: 'ceet', timeoutMs: 1_000, calls: createLegacyCallEvents(), events: createPolicyEvents() });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const requestSpan = await withSpan('subgraph', { kind: 'server', traceId }, async (span) => {
      await sendHttp(client, policy, { method: 'GET', url: '/v1/demandes', operation: 'GET /v1/demandes', idempotent: true });
      return span.scope.spanId;
    });
    const header = String(received[0]?.traceparent);
    expect(header).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(header).not.toContain(requestSpan);
  });

  it('sends none outside a trace', async () => {
    received.length = 0;
    await createHttpClient({ baseUrl: await listening }).get('/');
    expect(received[0]?.traceparent).toBeUndefined();
  });
});

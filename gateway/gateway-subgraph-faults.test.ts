import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen } from '../lib/http/index.js';
import type { RunningService } from '../lib/service/index.js';
import { postQuery } from './test-support/graphql-client.js';
import { startTestGateway } from './test-support/start-test-stack.js';
import { startTestSubgraph, type TestSubgraph } from './test-support/start-test-subgraph.js';
import { civilRegistry, electricity } from './test-support/test-subgraphs.js';
import { unusedPort } from './test-support/unused-port.js';
import { writeTestSupergraph } from './test-support/write-test-supergraph.js';

let registry: TestSubgraph;
let meters: TestSubgraph;
/** The supergraph routes `electricity` to a dead port… */
let deadRoute: RunningService;
/** …which SUBGRAPH_ELECTRICITY_URL overrides with the live subgraph. */
let overridden: RunningService;
/** …and here to a server that answers `broken` instead of GraphQL. */
let misbehaving: RunningService;
let brokenServer: Server;
let broken = { status: 503, type: 'text/plain', body: 'Service Unavailable' };

beforeAll(async () => {
  [registry, meters] = await Promise.all([startTestSubgraph(civilRegistry), startTestSubgraph(electricity)]);
  const dead = `http://127.0.0.1:${await unusedPort()}/graphql`;
  const path = writeTestSupergraph([registry, { ...meters, url: dead }]);
  deadRoute = await startTestGateway(path);
  overridden = await startTestGateway(path, { SUBGRAPH_ELECTRICITY_URL: meters.url });
  brokenServer = createServer((_req, res) => res.writeHead(broken.status, { 'content-type': broken.type }).end(broken.body));
  misbehaving = await startTestGateway(path, { SUBGRAPH_ELECTRICITY_URL: `${await listen(brokenServer, '127.0.0.1', 0)}/graphql` });
});
afterAll(async () => {
  await Promise.all([deadRoute?.close(), overridden?.close(), misbehaving?.close()]);
  if (brokenServer) await closeServer(brokenServer);
  await Promise.all([registry?.close(), meters?.close()]);
});

const unavailable = { message: 'Le système du ministère est momentanément indisponible. Réessayez plus tard.', extensions: { code: 'BACKEND_UNAVAILABLE', subgraph: 'electricity' } };

describe('gateway with a subgraph down', () => {
  it('types an unreachable subgraph as BACKEND_UNAVAILABLE and still answers from the other one', async () => {
    const { status, body } = await postQuery(deadRoute.url, '{ person(niu: "1001") { fullName } meter(number: "X") { number } }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ person: { fullName: 'Afi Mensah' }, meter: null });
    expect(body.errors).toEqual([unavailable]);
    expect(JSON.stringify(body)).not.toContain('127.0.0.1');
  });

  it('nulls only the entity fields the down subgraph owns when the plan allows', async () => {
    const { body } = await postQuery(deadRoute.url, '{ person(niu: "1002") { niu fullName } }');
    expect(body).toEqual({ data: { person: { niu: '1002', fullName: 'Kodjo Agbeko' } } });
    const spanning = await postQuery(deadRoute.url, '{ person(niu: "1002") { fullName meters { number } } }');
    expect(spanning.body.errors).toEqual([unavailable]);
  });

  it('is not ready while a subgraph is unreachable', async () => {
    const ready = await fetch(`${deadRoute.url}/ready`);
    expect([ready.status, await ready.json()]).toEqual([
      503,
      { status: 'not ready', subgraphs: { 'civil-registry': { status: 'ready' }, electricity: 'down' }, audit: expect.objectContaining({ status: 'vouched' }), stores: [] },
    ]);
  });

  it('honours SUBGRAPH_<NAME>_URL over the supergraph URL', async () => {
    const { body } = await postQuery(overridden.url, '{ person(niu: "1001") { fullName meters { number } } }');
    expect(body).toEqual({ data: { person: { fullName: 'Afi Mensah', meters: [{ number: 'CPT-1001' }] } } });
  });

  it.each([
    [{ status: 503, type: 'text/plain', body: 'Service Unavailable' }, 'BACKEND_UNAVAILABLE'],
    [{ status: 504, type: 'text/plain', body: 'Gateway Timeout' }, 'BACKEND_TIMEOUT'],
    [{ status: 500, type: 'application/json', body: '{"message":"boom at http://10.0.0.1"}' }, 'BACKEND_ERROR'],
    [{ status: 200, type: 'text/html', body: '<html>proxy login</html>' }, 'BAD_BACKEND_RESPONSE'],
    [{ status: 200, type: 'application/json', body: '{"data":' }, 'BAD_BACKEND_RESPONSE'],
  ])('maps a subgraph answering %j to %s, without leaking it', async (answer, code) => {
    broken = answer;
    const { body } = await postQuery(misbehaving.url, '{ person(niu: "1001") { fullName } meter(number: "X") { number } }');
    expect(body.data).toEqual({ person: { fullName: 'Afi Mensah' }, meter: null });
    expect(body.errors?.map((e) => e.extensions)).toEqual([{ code, subgraph: 'electricity' }]);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|10\.0\.0\.1|proxy|Service Unavailable/);
  });

  it('goes from ready to not ready when a subgraph stops', async () => {
    const before = await fetch(`${overridden.url}/ready`);
    expect([before.status, await before.json()]).toEqual([
      200,
      { status: 'ready', subgraphs: { 'civil-registry': { status: 'ready' }, electricity: { status: 'ready' } }, audit: expect.objectContaining({ status: 'vouched' }), stores: [] },
    ]);
    await meters.close();
    const after = await fetch(`${overridden.url}/ready`);
    expect([after.status, await after.json()]).toEqual([
      503,
      { status: 'not ready', subgraphs: { 'civil-registry': { status: 'ready' }, electricity: 'down' }, audit: expect.objectContaining({ status: 'vouched' }), stores: [] },
    ]);
    const { body } = await postQuery(overridden.url, '{ meter(number: "X") { number } }');
    expect(body.errors).toEqual([unavailable]);
  });
});

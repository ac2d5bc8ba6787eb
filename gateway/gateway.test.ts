import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postQuery } from './test-support/graphql-client.js';
import { startTestStack, type TestStack } from './test-support/start-test-stack.js';
import { electricityControl } from './test-support/test-subgraphs.js';

let stack: TestStack;
const gql = (query: string, variables?: Record<string, unknown>) => postQuery(stack.gateway.url, query, variables);

beforeAll(async () => {
  stack = await startTestStack({ SUBGRAPH_TIMEOUT_MS: '300' });
});
afterAll(() => stack?.close());

describe('gateway', () => {
  it('answers a query spanning both subgraphs', async () => {
    const { status, body } = await gql('query($niu: ID!) { person(niu: $niu) { niu fullName meters { number } } }', { niu: '1001' });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { person: { niu: '1001', fullName: 'Afi Mensah', meters: [{ number: 'CPT-1001' }] } } });
  });

  it('serves queries over GET and refuses mutations there', async () => {
    const query = encodeURIComponent('{ meter(number: "X") { number } }');
    const ok = await fetch(`${stack.gateway.url}/graphql?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { meter: { number: 'X' } } });
    const csrf = await fetch(`${stack.gateway.url}/graphql?query=${query}`);
    expect(csrf.status).toBe(400); // CSRF prevention: a simple GET without a preflight header
    const mutation = await fetch(`${stack.gateway.url}/graphql?query=${encodeURIComponent('mutation { touch }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(mutation.status).toBe(405);
  });

  it('passes a subgraph NOT_FOUND through with its code, system and subgraph, and nothing else', async () => {
    const { body } = await gql('{ person(niu: "9999") { fullName } }');
    expect(body.data).toEqual({ person: null });
    expect(body.errors).toEqual([{ message: 'Personne introuvable.', path: ['person'], extensions: { code: 'NOT_FOUND', system: 'RNEC', subgraph: 'civil-registry' } }]);
  });

  it('keeps Apollo codes for invalid operations', async () => {
    const { status, body } = await gql('{ person(niu: "1") { nope } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('allows introspection outside production', async () => {
    const { body } = await gql('{ __schema { queryType { name } } }');
    expect(body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('says alive on /health and ready on /ready', async () => {
    const health = await fetch(`${stack.gateway.url}/health`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${stack.gateway.url}/ready`);
    expect([ready.status, await ready.json()]).toEqual([
      200,
      { status: 'ready', subgraphs: { 'civil-registry': { status: 'ready' }, electricity: { status: 'ready' } }, audit: expect.objectContaining({ status: 'vouched' }), stores: [] },
    ]);
  });

  it('turns a slow subgraph into BACKEND_TIMEOUT', async () => {
    electricityControl.delayMs = 1_000;
    try {
      const started = Date.now();
      const { body } = await gql('{ meter(number: "X") { number } person(niu: "1002") { fullName } }');
      expect(Date.now() - started).toBeLessThan(900);
      expect(body.data).toEqual({ meter: null, person: { fullName: 'Kodjo Agbeko' } });
      expect(body.errors).toEqual([{ message: 'Le système du ministère ne répond pas assez vite. Réessayez plus tard.', extensions: { code: 'BACKEND_TIMEOUT', subgraph: 'electricity' } }]);
    } finally {
      electricityControl.delayMs = 0;
    }
  });

  it('pools keep-alive connections to a subgraph', async () => {
    const before = stack.electricity.connections();
    for (let i = 0; i < 30; i++) {
      const { body } = await gql('{ person(niu: "1001") { meters { number } } }');
      expect(body.errors).toBeUndefined();
    }
    // Measured: 0 new connections on a warm pool, 2 right after a timeout destroyed one; 30 would mean no pooling.
    expect(stack.electricity.connections() - before).toBeLessThanOrEqual(5);
  });
});

import { describe, expect, inject, it } from 'vitest';

/** Liveness and readiness of the real gateway over the real subgraphs. */
describe('gateway health', () => {
  const base = () => inject('gatewayUrl').replace(/\/graphql$/, '');

  it('GET /health says the process is alive', async () => {
    const response = await fetch(`${base()}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /ready says the supergraph is loaded and every subgraph answers', async () => {
    const response = await fetch(`${base()}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      subgraphs: { 'building-permits': 'up', 'civil-registry': 'up', dossiers: 'up', electricity: 'up' },
    });
  });

  it('serves queries over GET with the CSRF preflight header, and refuses mutations over GET', async () => {
    const query = encodeURIComponent('{ procedures { code } }');
    const ok = await fetch(`${inject('gatewayUrl')}?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(ok.status).toBe(200);
    const mutation = encodeURIComponent('mutation { requestCivilActCopy(idempotencyKey: "get-mutation-1", input: { applicantNiu: "123456789012", actNumber: "N-GOLFE1-2019-000001", copies: 1 }) { reference } }');
    const refused = await fetch(`${inject('gatewayUrl')}?query=${mutation}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(refused.status).toBe(405);
  });
});

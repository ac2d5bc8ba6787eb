import { describe, expect, inject, it } from 'vitest';
import { subgraphDefinitions } from '../../subgraphs/index.js';
import { gql } from '../support/graphql-client.js';
import { legacyAdmin } from '../support/legacy-admin.js';
import { citizenToken } from '../support/tokens.js';
import { citizensInAllSystems } from '../support/world.js';

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
    const body = (await response.json()) as { status: string; subgraphs: Record<string, { status: string; legacy?: Record<string, { circuit: string }>; outbox?: { pending: number } }> };
    expect(['ready', 'degraded']).toContain(body.status);
    // Every subgraph of the supergraph (the registry's ministries, dossiers, supervision, webhooks), none forgotten.
    expect(Object.keys(body.subgraphs).sort()).toEqual(subgraphDefinitions.map((s) => s.name).sort());
    // Each ministry reports its legacy circuit and its outbox backlog.
    expect(body.subgraphs.electricity).toMatchObject({ legacy: { ceet: { circuit: expect.any(String) } }, outbox: { pending: expect.any(Number) } });
    expect(body.subgraphs['civil-registry']).toMatchObject({ legacy: { rnec: { circuit: expect.any(String) } } });
    expect(body.subgraphs['building-permits']).toMatchObject({ legacy: { urbanisme: { circuit: expect.any(String) } } });
    expect(body.subgraphs['energy-mines']).toMatchObject({ legacy: { mines: { circuit: expect.any(String) } }, outbox: { pending: expect.any(Number) } });
  });

  it('GET /ready says degraded while a legacy circuit is open', async () => {
    await legacyAdmin.setFaults('ceet', { down: true });
    try {
      // Outside the fault matrix's citizens (10–33): a read here is remembered and would turn its failure into a stale answer.
      const citizen = citizensInAllSystems()[65]!;
      const token = await citizenToken(citizen.niu);
      // Enough failed reads to open CEET's circuit (5 backend failures in a row).
      for (let i = 0; i < 3; i += 1) await gql(`query($niu: ID!) { citizen(niu: $niu) { dossiers { totalCount } } }`, { niu: citizen.niu }, { token });
      const body = (await (await fetch(`${base()}/ready`)).json()) as { status: string; subgraphs: { electricity: { status: string; legacy: { ceet: { circuit: string } } } } };
      expect(body.status).toBe('degraded');
      // Open, or half-open when the (short, test-sized) cool-down has let a probe through: never closed while down.
      expect(['open', 'half-open']).toContain(body.subgraphs.electricity.legacy.ceet.circuit);
    } finally {
      await legacyAdmin.reset('ceet');
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  });

  it('serves queries over GET with the CSRF preflight header, and refuses mutations over GET', async () => {
    const query = encodeURIComponent('{ procedures { code } }');
    const ok = await fetch(`${inject('gatewayUrl')}?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(ok.status).toBe(200);
    const mutation = encodeURIComponent(
      'mutation { requestCivilActCopy(idempotencyKey: "get-mutation-1", input: { applicantNiu: "123456789012", actNumber: "N-GOLFE1-2019-000001", copies: 1 }) { reference } }',
    );
    const refused = await fetch(`${inject('gatewayUrl')}?query=${mutation}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(refused.status).toBe(405);
  });
});

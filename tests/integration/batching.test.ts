import { describe, expect, inject, it } from 'vitest';
import { gql } from '../support/graphql-client.js';
import { legacyAdmin } from '../support/legacy-admin.js';
import { sample } from '../support/prometheus.js';
import { agentToken, citizenToken, internalTokenFor } from '../support/tokens.js';
import { citizenInAllSystems, testWorld } from '../support/world.js';

/** No N+1 to any legacy system: the simulators' call counters are the proof. */
describe('batching', () => {
  it('50 dossiers with their applicants’ names cost one ConsulterPersonnes call', async () => {
    await legacyAdmin.resetCalls('rnec');
    const response = await gql<{ electricityConnectionRequests: { nodes: { reference: string; applicant: { niu: string; firstName: string; lastName: string } | null }[] } }>(
      `{ electricityConnectionRequests(page: 1, pageSize: 50) { nodes { reference applicant { niu firstName lastName } } } }`,
      {},
      { token: await agentToken('ENERGY') },
    );
    expect(response.errors).toBeUndefined();
    const nodes = response.data!.electricityConnectionRequests.nodes;
    expect(nodes).toHaveLength(50);
    expect(nodes.every((n) => n.applicant && n.applicant.lastName.length > 0)).toBe(true);
    const calls = await legacyAdmin.calls('rnec');
    expect(calls.ConsulterPersonnes).toBe(1);
    expect(calls.ConsulterPersonne ?? 0).toBe(0);
  });

  it('a dashboard page costs one list call per system and no lookup by reference (the batch lookup: below)', async () => {
    const citizen = citizenInAllSystems();
    const token = await citizenToken(citizen.niu);
    await Promise.all((['ceet', 'urbanisme', 'rnec'] as const).map((s) => legacyAdmin.resetCalls(s)));
    const response = await gql(`query($niu: ID!) { citizen(niu: $niu) { dossiers(first: 20) { nodes { reference status ministryStatus history { at } } } } }`, { niu: citizen.niu }, { token });
    expect(response.errors).toBeUndefined();
    const [ceet, urbanisme, rnec] = await Promise.all([legacyAdmin.calls('ceet'), legacyAdmin.calls('urbanisme'), legacyAdmin.calls('rnec')]);
    // One list call per system; the page's records come from the lists' sealed listings (sealed-listings.test.ts).
    expect(ceet).toEqual({ listerDemandes: 1 });
    expect(urbanisme).toEqual({ listerDossiers: 1 });
    expect(rnec).toEqual({ ListerDemandes: 1 });
  });

  it('a subgraph resolves 45 references in batches of 20 CEET references at most', async () => {
    // References no other suite reads by reference: the records the change feed proves unchanged are answered without
    // a legacy call (subgraphs/shared/freshness), so what goes to CEET is counted by the subgraph's own metric.
    const references = testWorld()
      .electricityRequests.slice(300, 345)
      .map((r) => `CEET-${r.numero}`);
    const electricity = inject('serviceUrls').electricity;
    const reads = async (source: string) => sample(await (await fetch(new URL('/metrics', electricity))).text(), 'guichet_dossier_freshness_reads_total', { system: 'ceet', source });
    const [legacyBefore, provenBefore] = [await reads('legacy'), await reads('proven')];
    await legacyAdmin.resetCalls('ceet');
    const response = await gql<{ _entities: { reference: string; status: string }[] }>(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ElectricityConnectionRequest { reference status } } }`,
      { representations: references.map((reference) => ({ __typename: 'ElectricityConnectionRequest', reference })) },
      { url: electricity, internalToken: await internalTokenFor({ subject: 'test-integrator', role: 'integrator', scopes: ['dossiers:read'], clientId: 'test' }) },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities.map((e) => e.reference)).toEqual(references);
    const sent = (await reads('legacy')) - legacyBefore;
    expect(sent + (await reads('proven')) - provenBefore).toBe(45);
    // Never read before here: at least three batches' worth go to CEET, in ceil(sent / 20) calls.
    expect(sent).toBeGreaterThan(40);
    expect((await legacyAdmin.calls('ceet')).consulterDemandesParNumeros).toBe(Math.ceil(sent / 20));
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gql } from '../../support/graphql-client.js';
import { spawnGateway, type ExtraGateway } from '../../support/spawn-gateway.js';
import { citizenToken } from '../../support/tokens.js';
import { citizensInAllSystems } from '../../support/world.js';

/** A whole ministry subgraph unreachable (not only its legacy system): the rest of the dashboard still arrives. */
describe('a ministry subgraph unreachable', () => {
  let gateway: ExtraGateway;

  beforeAll(async () => {
    // The electricity subgraph "down": a port nothing listens on.
    gateway = await spawnGateway({ NODE_ENV: 'test', SUBGRAPH_TIMEOUT_MS: '2000' }, { ...inject('serviceUrls'), electricity: 'http://127.0.0.1:9/graphql' });
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  it('keeps identity, acts and the other ministries’ dossiers, and says which part is missing', async () => {
    const citizen = citizensInAllSystems()[40]!;
    const response = await gql<{
      citizen: { lastName: string | null; civilActs: unknown[] | null; dossiers: { totalCount: number; incomplete: boolean; unavailableSystems: string[] } | null } | null;
      procedures: unknown[];
    }>(
      `query($niu: ID!) { citizen(niu: $niu) { lastName civilActs { number } dossiers(first: 20) { totalCount incomplete unavailableSystems } } procedures { code } }`,
      { niu: citizen.niu },
      { token: await citizenToken(citizen.niu), url: gateway.graphqlUrl },
    );
    expect(response.data!.procedures.length).toBeGreaterThan(0);
    expect(response.data!.citizen!.lastName).not.toBeNull();
    expect(response.data!.citizen!.civilActs).not.toBeNull();
    expect(
      response.errors?.some((e) => e.extensions?.code === 'BACKEND_UNAVAILABLE' && e.extensions?.subgraph === 'electricity'),
      JSON.stringify(response.errors),
    ).toBe(true);
    expect(response.data!.citizen!.dossiers, JSON.stringify(response)).toMatchObject({ incomplete: true, totalCount: citizen.urb.length + citizen.rnec.length });
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { personOf } from '../../support/citizens.js';
import { errorCodes, gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { expectNoLeak } from '../../support/leaks.js';
import { supervisorToken } from '../../support/tokens.js';
import { citizenInAllSystems } from '../../support/world.js';

/** A supervisor gets aggregates, never a NIU or a name: every personal field is FORBIDDEN, with no data. */
const citizen = citizenInAllSystems();
const leak = { nius: [citizen.niu], strings: [personOf(citizen.niu).lastName] };

describe('supervisor', () => {
  it.each([
    ['citizen(niu)', `query($niu: ID!) { citizen(niu: $niu) { niu firstName lastName } }`, { citizen: null }],
    ['me', `{ me { niu } }`, { me: null }],
    ['dossier(reference)', `query($r: ID!) { dossier(reference: $r) { reference status ... on ElectricityConnectionRequest { applicant { niu lastName } } } }`, { dossier: null }],
    ['electricityConnectionRequest(reference)', `query($r: ID!) { electricityConnectionRequest(reference: $r) { reference applicant { niu } } }`, { electricityConnectionRequest: null }],
    ['electricity worklist', `{ electricityConnectionRequests(page: 1, pageSize: 5) { totalCount nodes { reference applicant { niu } } } }`, null],
    ['building-permit worklist', `{ buildingPermitApplications(first: 5) { totalCount nodes { reference applicant { niu } } } }`, null],
  ] as const)('%s is FORBIDDEN, with no data', async (_name, query, data) => {
    const response = await gql(query, { niu: citizen.niu, r: citizen.ceet[0]! }, { token: await supervisorToken() });
    expect(response.data).toEqual(data);
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expectNoLeak(response, leak);
  });

  it('a supervisor cannot file a dossier, and nothing reaches the legacy system', async () => {
    const before = (await legacyAdmin.calls('ceet')).creerDemande ?? 0;
    const response = await gql(
      `mutation($input: ElectricityConnectionInput!, $key: String!) { requestElectricityConnection(input: $input, idempotencyKey: $key) { reference } }`,
      { input: { applicantNiu: citizen.niu, meterType: 'SINGLE_PHASE', communeCode: 'GOLFE1', quarter: 'Tokoin', applianceCount: 3 }, key: `sup-${randomUUID()}` },
      { token: await supervisorToken() },
    );
    expect(response.data).toBeNull();
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect((await legacyAdmin.calls('ceet')).creerDemande ?? 0).toBe(before);
  });

  it('reads the procedure catalogue', async () => {
    const response = await gql<{ procedures: { code: string }[] }>(`{ procedures { code title feeFcfa } }`, {}, { token: await supervisorToken() });
    expect(response.errors).toBeUndefined();
    expect(response.data!.procedures.length).toBeGreaterThan(0);
  });
});

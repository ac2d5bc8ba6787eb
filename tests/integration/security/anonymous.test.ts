import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorCodes, gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { expectNoLeak } from '../../support/leaks.js';
import { citizenInAllSystems } from '../../support/world.js';

/** No token: the procedure catalogue only; every personal field is UNAUTHENTICATED, with no data. */
const citizen = citizenInAllSystems();

describe('anonymous caller', () => {
  it.each([
    ['me', `{ me { niu } }`, { me: null }],
    ['citizen(niu)', `query($niu: ID!) { citizen(niu: $niu) { niu firstName } }`, { citizen: null }],
    ['dossier(reference)', `query($r: ID!) { dossier(reference: $r) { reference status } }`, { dossier: null }],
    ['dossier(reference) by key fields only', `query($r: ID!) { dossier(reference: $r) { __typename reference } }`, { dossier: null }],
    ['civilActCopyRequest(reference)', `query($r: ID!) { civilActCopyRequest(reference: $r) { reference } }`, { civilActCopyRequest: null }],
    ['electricity worklist', `{ electricityConnectionRequests(page: 1, pageSize: 5) { nodes { reference } } }`, null],
    ['building-permit worklist', `{ buildingPermitApplications(first: 5) { nodes { reference } } }`, null],
  ] as const)('%s is UNAUTHENTICATED, with no data', async (_name, query, data) => {
    const response = await gql(query, { niu: citizen.niu, r: citizen.rnec[0]! });
    expect(response.data).toEqual(data);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expectNoLeak(response, { nius: [citizen.niu] });
  });

  it('a mutation is UNAUTHENTICATED and files nothing', async () => {
    const before = (await legacyAdmin.calls('rnec')).DemanderCopieActe ?? 0;
    const response = await gql(`mutation($input: CivilActCopyInput!, $key: String!) { requestCivilActCopy(input: $input, idempotencyKey: $key) { reference } }`, {
      input: { applicantNiu: citizen.niu, actNumber: 'N-GOLFE1-2019-000001', copies: 1 },
      key: `anon-${randomUUID()}`,
    });
    expect(response.data).toBeNull();
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect((await legacyAdmin.calls('rnec')).DemanderCopieActe ?? 0).toBe(before);
  });

  it('reads the procedure catalogue', async () => {
    const response = await gql<{ procedures: { code: string }[]; procedure: { code: string } }>(`{ procedures { code requiredDocuments } procedure(code: "CEET-RACCORDEMENT-BT") { code } }`);
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data!.procedure.code).toBe('CEET-RACCORDEMENT-BT');
  });
});

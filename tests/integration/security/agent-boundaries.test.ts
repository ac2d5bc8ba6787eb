import { describe, expect, it } from 'vitest';
import { personOf } from '../../support/citizens.js';
import { errorCodes, gql } from '../../support/graphql-client.js';
import { expectNoLeak } from '../../support/leaks.js';
import { agentToken } from '../../support/tokens.js';
import { citizenInAllSystems } from '../../support/world.js';

/** An agent sees their own ministry's dossiers and the applicant fields needed to process them; nothing else. */
const citizen = citizenInAllSystems();
const person = personOf(citizen.niu);
const leak = { nius: [citizen.niu], strings: [person.lastName] };

describe('agent of the ENERGY ministry', () => {
  it.each([
    ['dossier', 'URB', () => citizen.urb[0]!],
    ['dossier', 'RNEC', () => citizen.rnec[0]!],
    ['buildingPermitApplication', 'URB', () => citizen.urb[0]!],
    ['civilActCopyRequest', 'RNEC', () => citizen.rnec[0]!],
  ])('%s(reference: a %s reference) of another ministry is NOT_FOUND, with nothing of it', async (field, _system, reference) => {
    const response = await gql(`query($r: ID!) { ${field}(reference: $r) { reference status ministryStatus history { status } } }`, { r: reference() }, { token: await agentToken('ENERGY') });
    expect(response.data).toEqual({ [field]: null });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expectNoLeak(response, leak);
  });

  // DEFECT (reported): a key-only selection is answered by the dossiers subgraph without the owner's check.
  it('dossier(reference) of another ministry selecting only __typename and reference is NOT_FOUND too', async () => {
    const response = await gql(`query($r: ID!) { dossier(reference: $r) { __typename reference } }`, { r: citizen.urb[0]! }, { token: await agentToken('ENERGY') });
    expect(response.data).toEqual({ dossier: null });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
  });

  it('the other ministry’s worklist is FORBIDDEN, with no data', async () => {
    const response = await gql(`{ buildingPermitApplications(first: 5) { totalCount nodes { reference applicant { niu lastName } } } }`, {}, { token: await agentToken('ENERGY') });
    expect(response.data).toBeNull();
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expectNoLeak(response);
  });

  it('and symmetrically: an URBAN_PLANNING agent may not read the electricity worklist', async () => {
    const response = await gql(`{ electricityConnectionRequests(page: 1, pageSize: 5) { totalCount nodes { reference } } }`, {}, { token: await agentToken('URBAN_PLANNING') });
    expect(response.data).toBeNull();
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });

  it('citizen(niu) is FORBIDDEN to an agent', async () => {
    const response = await gql(`query($niu: ID!) { citizen(niu: $niu) { niu firstName lastName } }`, { niu: citizen.niu }, { token: await agentToken('ENERGY') });
    expect(response.data).toEqual({ citizen: null });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expectNoLeak(response, leak);
  });

  it('me is FORBIDDEN to an agent', async () => {
    const response = await gql(`{ me { niu } }`, {}, { token: await agentToken('ENERGY') });
    expect(response.data).toEqual({ me: null });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });

  it('reads the applicant’s name through a dossier of their own ministry', async () => {
    const response = await gql<{ dossier: { reference: string; applicant: { niu: string; firstName: string; lastName: string } } }>(
      `query($r: ID!) { dossier(reference: $r) { reference ... on ElectricityConnectionRequest { applicant { niu firstName lastName } } } }`,
      { r: citizen.ceet[0]! },
      { token: await agentToken('ENERGY') },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.dossier.applicant.niu).toBe(citizen.niu);
    expect(response.data!.dossier.applicant.lastName.toUpperCase()).toBe(person.lastName);
  });

  it('but not the applicant’s other ministries’ dossiers, civil acts or access log', async () => {
    const response = await gql<{ dossier: { applicant: Record<string, unknown> | null } | null }>(
      `query($r: ID!) { dossier(reference: $r) { ... on ElectricityConnectionRequest { applicant { buildingPermitApplications { reference landTitle } civilActCopyRequests { reference } civilActs { number } dossiers(first: 20) { totalCount } accessLog { at } } } } }`,
      { r: citizen.ceet[0]! },
      { token: await agentToken('ENERGY') },
    );
    expect(new Set(errorCodes(response))).toEqual(new Set(['FORBIDDEN']));
    expect(JSON.stringify(response.data)).not.toMatch(/URB-|RNEC-|TF-|N-[A-Z0-9]+-\d{4}/);
    for (const reference of [...citizen.urb, ...citizen.rnec]) expect(JSON.stringify(response)).not.toContain(reference);
  });
});

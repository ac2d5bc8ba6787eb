import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { createCeetAdapter } from '../../adapters/ceet/index.js';
import { createRnecAdapter } from '../../adapters/rnec/index.js';
import { createUrbanismeAdapter } from '../../adapters/urbanisme/index.js';
import { errorCodes, gql } from '../support/graphql-client.js';
import { legacyAdmin } from '../support/legacy-admin.js';
import { citizenToken } from '../support/tokens.js';
import { testWorld } from '../support/world.js';

/** The legacy POSTs are not idempotent; the mutations must be. Counted in the legacy systems themselves. */
const world = testWorld();
const adult = world.persons.find((p) => p.birthDate < '1990-01-01' && p.deathDate === null)!;

const electricity = `mutation($input: ElectricityConnectionInput!, $key: String!) { requestElectricityConnection(input: $input, idempotencyKey: $key) { reference status ministryStatus meterType } }`;
const permit = `mutation($input: BuildingPermitInput!, $key: String!) { applyForBuildingPermit(input: $input, idempotencyKey: $key) { reference status landTitle architect } }`;
const copy = `mutation($input: CivilActCopyInput!, $key: String!) { requestCivilActCopy(input: $input, idempotencyKey: $key) { reference status actNumber copies } }`;

const electricityInput = { applicantNiu: adult.niu, meterType: 'SINGLE_PHASE', communeCode: 'GOLFE1', quarter: 'Tokoin', applianceCount: 6 };
const permitInput = {
  applicantNiu: adult.niu,
  landTitle: 'TF-2019-123456',
  architectRegistration: 'ONAT-0101',
  communeCode: 'GOLFE1',
  quarter: 'Bè',
  projectKind: 'SINGLE_HOUSE',
  floorAreaM2: 140,
  levels: 1,
};
const copyInput = { applicantNiu: adult.niu, actNumber: adult.birthActNumber, copies: 2 };

type Mutated = Record<string, { reference: string; status: string } | null>;

async function sameKeyTwiceAndConcurrently(mutation: string, input: Record<string, unknown>, field: string): Promise<string> {
  const key = `test-${randomUUID()}`;
  const token = await citizenToken(adult.niu);
  const first = await gql<Mutated>(mutation, { input, key }, { token });
  expect(first.errors).toBeUndefined();
  const reference = first.data![field]!.reference;
  const again = await gql<Mutated>(mutation, { input, key }, { token });
  expect(again.data![field]!.reference).toBe(reference);
  const concurrentKey = `test-${randomUUID()}`;
  const burst = await Promise.all(Array.from({ length: 6 }, () => gql<Mutated>(mutation, { input, key: concurrentKey }, { token })));
  const references = new Set(burst.map((r) => r.data?.[field]?.reference));
  expect(references.size).toBe(1);
  expect([...references][0]).not.toBe(reference);
  return reference;
}

describe('idempotent mutations', () => {
  it('requestElectricityConnection: one CEET request per key, sequential or concurrent', async () => {
    const reference = await sameKeyTwiceAndConcurrently(electricity, electricityInput, 'requestElectricityConnection');
    const ceet = createCeetAdapter({ baseUrl: inject('legacyUrls').ceet, apiKey: 'dev-ceet-key', timeoutMs: 3000 });
    const record = await ceet.getRequest(reference);
    const all = (await ceet.listDossiersOfCitizen(adult.niu)).filter((r) => r.externalReference === record.externalReference);
    expect(all).toHaveLength(1);
    expect(record.status).toBe('SUBMITTED');
  });

  it('applyForBuildingPermit: one Urbanisme dossier per key', async () => {
    const reference = await sameKeyTwiceAndConcurrently(permit, permitInput, 'applyForBuildingPermit');
    const urbanisme = createUrbanismeAdapter({ baseUrl: inject('legacyUrls').urbanisme, timeoutMs: 3000 });
    const record = await urbanisme.getApplication(reference);
    const all = (await urbanisme.listDossiersOfCitizen(adult.niu)).filter((r) => r.externalReference === record.externalReference);
    expect(all).toHaveLength(1);
  });

  it('requestCivilActCopy: one RNEC request per key', async () => {
    const reference = await sameKeyTwiceAndConcurrently(copy, copyInput, 'requestCivilActCopy');
    const rnec = createRnecAdapter({ url: `${inject('legacyUrls').rnec}/ws/rnec`, timeoutMs: 3000 });
    const record = await rnec.getCopyRequest(reference);
    const all = (await rnec.listCopyRequests(adult.niu)).filter((r) => r.externalReference === record.externalReference);
    expect(all).toHaveLength(1);
  });

  it('a key reused for a different request is refused, and creates nothing', async () => {
    const key = `test-${randomUUID()}`;
    const token = await citizenToken(adult.niu);
    await gql(electricity, { input: electricityInput, key }, { token });
    const calls = (await legacyAdmin.calls('ceet')).creerDemande ?? 0;
    const reused = await gql(electricity, { input: { ...electricityInput, applianceCount: 12 }, key }, { token });
    expect(errorCodes(reused)).toEqual(['IDEMPOTENCY_CONFLICT']);
    expect((await legacyAdmin.calls('ceet')).creerDemande ?? 0).toBe(calls);
  });

  it('the new dossier is readable at once through the unified view', async () => {
    const key = `test-${randomUUID()}`;
    const token = await citizenToken(adult.niu);
    const created = await gql<Mutated>(electricity, { input: electricityInput, key }, { token });
    const reference = created.data!.requestElectricityConnection!.reference;
    const status = await gql<{ dossier: { reference: string; status: string } }>(`query($r: ID!) { dossier(reference: $r) { reference status } }`, { r: reference }, { token });
    expect(status.data!.dossier).toEqual({ reference, status: 'SUBMITTED' });
  });
});

import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { createCeetAdapter } from '../../../adapters/ceet/index.js';
import { createRnecAdapter } from '../../../adapters/rnec/index.js';
import { createUrbanismeAdapter } from '../../../adapters/urbanisme/index.js';
import { gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { citizenToken } from '../../support/tokens.js';
import { testWorld } from '../../support/world.js';

const world = testWorld();
// Not the citizen the contract tests count dossiers of.
const applicant = world.persons.filter((p) => p.birthDate < '1990-01-01' && p.deathDate === null)[3]!;

const cases = [
  {
    system: 'ceet' as const,
    field: 'requestElectricityConnection',
    mutation: `mutation($input: ElectricityConnectionInput!, $key: String!) { requestElectricityConnection(input: $input, idempotencyKey: $key) { reference status ministryStatus } }`,
    input: { applicantNiu: applicant.niu, meterType: 'THREE_PHASE', communeCode: 'LACS1', quarter: 'Glidji', applianceCount: 9 },
    count: async (externalReference: string) =>
      (await createCeetAdapter({ baseUrl: inject('legacyUrls').ceet, apiKey: 'dev-ceet-key', timeoutMs: 3000 }).listDossiersOfCitizen(applicant.niu)).filter(
        (r) => r.externalReference === externalReference,
      ).length,
  },
  {
    system: 'urbanisme' as const,
    field: 'applyForBuildingPermit',
    mutation: `mutation($input: BuildingPermitInput!, $key: String!) { applyForBuildingPermit(input: $input, idempotencyKey: $key) { reference status ministryStatus } }`,
    input: { applicantNiu: applicant.niu, landTitle: 'TF-2020-654321', architectRegistration: 'ONAT-0101', communeCode: 'KLOTO1', quarter: 'Kpodzi', projectKind: 'FENCE', floorAreaM2: 0, levels: 1 },
    count: async (externalReference: string) =>
      (await createUrbanismeAdapter({ baseUrl: inject('legacyUrls').urbanisme, timeoutMs: 3000 }).listDossiersOfCitizen(applicant.niu)).filter((r) => r.externalReference === externalReference).length,
  },
  {
    system: 'rnec' as const,
    field: 'requestCivilActCopy',
    mutation: `mutation($input: CivilActCopyInput!, $key: String!) { requestCivilActCopy(input: $input, idempotencyKey: $key) { reference status ministryStatus } }`,
    input: { applicantNiu: applicant.niu, actNumber: applicant.birthActNumber, copies: 3 },
    count: async (externalReference: string) =>
      (await createRnecAdapter({ url: `${inject('legacyUrls').rnec}/ws/rnec`, timeoutMs: 3000 }).listCopyRequests(applicant.niu)).filter((r) => r.externalReference === externalReference).length,
  },
];

type Filed = Record<string, { reference: string; status: string; ministryStatus: string } | null>;

async function statusOf(reference: string, token: string): Promise<string | undefined> {
  const response = await gql<{ dossier: { status: string } | null }>(`query($r: ID!) { dossier(reference: $r) { status } }`, { r: reference }, { token });
  return response.data?.dossier?.status;
}

/** Nothing lost: an application made while its ministry is down is kept, answered QUEUED, and delivered once. */
describe('durable submissions', () => {
  afterEach(async () => {
    await Promise.all(cases.map((c) => legacyAdmin.reset(c.system)));
  });

  it.each(cases)(
    '$field while $system is down: QUEUED, then delivered exactly once on recovery',
    async (c) => {
      const token = await citizenToken(applicant.niu);
      const key = `down-${randomUUID()}`;
      await legacyAdmin.setFaults(c.system, { down: true });
      const first = await gql<Filed>(c.mutation, { input: c.input, key }, { token });
      expect(first.errors).toBeUndefined();
      const queued = first.data![c.field]!;
      expect(queued.status).toBe('QUEUED');
      expect(queued.reference).toMatch(/^GCH-(CEET|URB|RNEC)-[0-9A-F]{20}$/);
      // A client retry while still down answers the same queued application.
      const retry = await gql<Filed>(c.mutation, { input: c.input, key }, { token });
      expect(retry.data![c.field]).toMatchObject({ reference: queued.reference, status: 'QUEUED' });
      expect(await statusOf(queued.reference, token)).toBe('QUEUED');

      await legacyAdmin.reset(c.system);
      const deadline = Date.now() + 40_000;
      let status = 'QUEUED';
      while (status === 'QUEUED' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        status = (await statusOf(queued.reference, token)) ?? 'QUEUED';
      }
      expect(status).not.toBe('QUEUED');
      expect(await c.count(queued.reference)).toBe(1);
      // The same key after delivery still answers the one application, now with the ministry's status.
      const after = await gql<Filed>(c.mutation, { input: c.input, key }, { token });
      expect(after.data![c.field]!.status).not.toBe('QUEUED');
      expect(await c.count(queued.reference)).toBe(1);
      // And while the ministry is down again, a retry still gets its application (as last known), not an error.
      await legacyAdmin.setFaults(c.system, { down: true });
      const offline = await gql<Filed>(c.mutation, { input: c.input, key }, { token });
      expect(offline.errors).toBeUndefined();
      expect(offline.data![c.field]).toMatchObject({ reference: after.data![c.field]!.reference, status: 'SUBMITTED', ministryStatus: 'Transmise au ministère' });
    },
    60_000,
  );
});

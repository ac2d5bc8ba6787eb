import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { twoCitizensInAllSystems, personOf } from '../../support/citizens.js';
import { errorCodes, gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { expectNoLeak } from '../../support/leaks.js';
import { citizenToken, internalTokenFor } from '../../support/tokens.js';
import { testWorld } from '../../support/world.js';

/** A citizen reaches only their own data, by every path: root fields, `me`, references, `_entities`, mutations. */
const [self, other] = twoCitizensInAllSystems();
const otherPerson = personOf(other.niu);
/** Anything of the victim's that must never show: NIU, names. */
const leak = { nius: [other.niu], strings: [otherPerson.lastName, otherPerson.firstNames] };
/** A citizen whose dossiers no suite counts exactly: the one that files when a refusal is missing. */
const filer = testWorld().persons.find((p) => p.birthDate < '1990-01-01' && p.deathDate === null)!;
const selfPrincipal = { subject: 'citizen-self', role: 'citizen' as const, niu: self.niu, scopes: ['citizen'], clientId: 'portail-web' };

describe('cross-citizen access', () => {
  it('citizen(niu: other) is NOT_FOUND, exactly like an unknown NIU', async () => {
    const token = await citizenToken(self.niu);
    const query = `query($niu: ID!) { citizen(niu: $niu) { niu firstName lastName civilActs { number } dossiers(first: 20) { nodes { reference } } } }`;
    const response = await gql(query, { niu: other.niu }, { token });
    expect(response.data).toEqual({ citizen: null });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expectNoLeak({ data: response.data }, leak);
    const unknown = await gql(query, { niu: '999999999999' }, { token });
    expect(unknown.errors!.map((e) => e.message.replace('999999999999', other.niu))).toEqual(response.errors!.map((e) => e.message));
  });

  it.each([
    ['CEET', () => other.ceet[0]!],
    ['URB', () => other.urb[0]!],
    ['RNEC', () => other.rnec[0]!],
  ])('dossier(reference: other’s %s dossier) is NOT_FOUND, with no field of it', async (_system, reference) => {
    const response = await gql(
      `query($r: ID!) { dossier(reference: $r) { reference status ministryStatus history { status } ... on ElectricityConnectionRequest { quarter applicant { niu firstName } } ... on BuildingPermitApplication { landTitle architect applicant { niu lastName } } ... on CivilActCopyRequest { actNumber applicant { niu } } } }`,
      { r: reference() },
      { token: await citizenToken(self.niu) },
    );
    expect(response.data).toEqual({ dossier: null });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expectNoLeak(response, leak);
  });

  // DEFECT (reported): selecting only key fields lets the dossiers subgraph answer alone, and the owner's
  // visibility check never runs: another citizen's (or a non-existent) reference comes back as a dossier.
  it.each([
    ['CEET', () => other.ceet[0]!],
    ['URB', () => other.urb[0]!],
    ['RNEC', () => other.rnec[0]!],
  ])('dossier(reference: other’s %s dossier) selecting only __typename and reference is NOT_FOUND too', async (_system, reference) => {
    const response = await gql(`query($r: ID!) { dossier(reference: $r) { __typename reference } }`, { r: reference() }, { token: await citizenToken(self.niu) });
    expect(response.data).toEqual({ dossier: null });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
  });

  it.each([
    ['electricityConnectionRequest', () => other.ceet[0]!],
    ['buildingPermitApplication', () => other.urb[0]!],
    ['civilActCopyRequest', () => other.rnec[0]!],
  ])('%s(reference: other’s) is NOT_FOUND', async (field, reference) => {
    const response = await gql(`query($r: ID!) { ${field}(reference: $r) { reference status applicant { niu } } }`, { r: reference() }, { token: await citizenToken(self.niu) });
    expect(response.data).toEqual({ [field]: null });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expectNoLeak(response, leak);
  });

  it('me returns only the caller, with only the caller’s dossiers', async () => {
    const response = await gql<{ me: { niu: string; dossiers: { totalCount: number; nodes: { reference: string }[] }; electricityRequests: { reference: string; applicant: { niu: string } }[] } }>(
      `{ me { niu dossiers(first: 100) { totalCount nodes { reference } } electricityRequests { reference applicant { niu } } } }`,
      {},
      { token: await citizenToken(self.niu) },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.me.niu).toBe(self.niu);
    // Every seeded dossier of the caller (other suites may have filed more), and not one of the other citizen's.
    const references = response.data!.me.dossiers.nodes.map((n) => n.reference);
    expect(references).toEqual(expect.arrayContaining([...self.ceet, ...self.urb, ...self.rnec]));
    for (const reference of [...other.ceet, ...other.urb, ...other.rnec]) expect(references).not.toContain(reference);
    expect(response.data!.me.electricityRequests.every((r) => r.applicant.niu === self.niu)).toBe(true);
    expectNoLeak(response, leak);
  });

  it.each([
    ['electricity', 'ElectricityConnectionRequest', '... on ElectricityConnectionRequest { reference quarter applicant { niu } }', () => other.ceet[0]!],
    ['building-permits', 'BuildingPermitApplication', '... on BuildingPermitApplication { reference landTitle architect }', () => other.urb[0]!],
    ['civil-registry', 'CivilActCopyRequest', '... on CivilActCopyRequest { reference actNumber }', () => other.rnec[0]!],
  ])('a direct _entities call to %s, with a valid internal token for citizen A, does not give B’s dossier', async (subgraph, typename, selection, reference) => {
    const response = await gql(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`,
      { representations: [{ __typename: typename, reference: reference() }] },
      { url: inject('serviceUrls')[subgraph], internalToken: await internalTokenFor(selfPrincipal) },
    );
    expect(response.data).toEqual({ _entities: [null] });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expectNoLeak(response, leak);
  });

  it('a direct _entities call for B’s identity, with a valid internal token for citizen A, gives no name', async () => {
    const response = await gql(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { niu firstName lastName birthDate civilActs { number } civilActCopyRequests { reference } } } }`,
      { representations: [{ __typename: 'Citizen', niu: other.niu }] },
      { url: inject('serviceUrls')['civil-registry'], internalToken: await internalTokenFor(selfPrincipal) },
    );
    // Identity fields are nullable (an RNEC outage must not null a dashboard): B's come back null, each NOT_FOUND,
    // and B's acts and requests are filtered out — nothing of B.
    expect(response.data).toEqual({ _entities: [{ niu: other.niu, firstName: null, lastName: null, birthDate: null, civilActs: [], civilActCopyRequests: [] }] });
    expect(errorCodes(response)).toContain('NOT_FOUND');
    expect(errorCodes(response).every((code) => code === 'NOT_FOUND')).toBe(true);
    expectNoLeak({ data: { ...response.data, _entities: [] } }, leak);
    expect(JSON.stringify(response)).not.toContain(otherPerson.lastName);
  });

  it('a direct _entities call for B’s access log or dossier lists gives nothing of B', async () => {
    const internalToken = await internalTokenFor(selfPrincipal);
    const log = await gql<{ _entities: ({ accessLog: unknown } | null)[] }>(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { accessLog { at role } } } }`,
      { representations: [{ __typename: 'Citizen', niu: other.niu }] },
      { url: inject('serviceUrls').dossiers, internalToken },
    );
    expect(log.data?._entities[0]?.accessLog ?? null).toBeNull();
    for (const [subgraph, field] of [
      ['electricity', 'electricityRequests'],
      ['building-permits', 'buildingPermitApplications'],
      ['civil-registry', 'civilActCopyRequests'],
    ] as const) {
      const lists = await gql<{ _entities: (Record<string, { reference: string }[] | null> | null)[] }>(
        `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { ${field} { reference } } } }`,
        { representations: [{ __typename: 'Citizen', niu: other.niu }] },
        { url: inject('serviceUrls')[subgraph], internalToken },
      );
      expect(lists.data?._entities[0]?.[field] ?? []).toEqual([]);
      expectNoLeak(lists, leak);
    }
  });

  it('civilAct(number: other’s birth act) is NOT_FOUND', async () => {
    const response = await gql(`query($n: ID!) { civilAct(number: $n) { number kind date commune } }`, { n: otherPerson.birthActNumber }, { token: await citizenToken(self.niu) });
    expect(response.data).toEqual({ civilAct: null });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(response)).not.toContain(otherPerson.birthDate);
  });

  // DEFECT (reported): the copy-request mutation checks the applicant but not the act, and its `act` field is
  // unchecked, every citizen got anyone's birth date and birth commune (and learns which act numbers exist), unaudited.
  it('requesting a copy of another citizen’s birth act (for oneself) is NOT_FOUND, like civilAct, and files nothing', async () => {
    const victim = personOf(other.niu);
    const before = (await legacyAdmin.calls('rnec')).DemanderCopieActe ?? 0;
    const response = await gql(
      `mutation($input: CivilActCopyInput!, $key: String!) { requestCivilActCopy(input: $input, idempotencyKey: $key) { reference act { number kind date commune } } }`,
      { input: { applicantNiu: filer.niu, actNumber: victim.birthActNumber, copies: 1 }, key: `cross-act-${randomUUID()}` },
      { token: await citizenToken(filer.niu) },
    );
    expect(JSON.stringify(response.data)).not.toContain(victim.birthDate);
    expect(response.data).toBeNull();
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect((await legacyAdmin.calls('rnec')).DemanderCopieActe ?? 0).toBe(before);
  });

  it.each([
    [
      'requestElectricityConnection',
      'ceet',
      'creerDemande',
      'ElectricityConnectionInput',
      () => ({ applicantNiu: other.niu, meterType: 'SINGLE_PHASE', communeCode: 'GOLFE1', quarter: 'Tokoin', applianceCount: 4 }),
    ],
    [
      'applyForBuildingPermit',
      'urbanisme',
      'deposerDossier',
      'BuildingPermitInput',
      () => ({
        applicantNiu: other.niu,
        landTitle: 'TF-2019-123456',
        architectRegistration: 'ONAT-0101',
        communeCode: 'GOLFE1',
        quarter: 'Bè',
        projectKind: 'SINGLE_HOUSE',
        floorAreaM2: 120,
        levels: 1,
      }),
    ],
    ['requestCivilActCopy', 'rnec', 'DemanderCopieActe', 'CivilActCopyInput', () => ({ applicantNiu: other.niu, actNumber: otherPerson.birthActNumber, copies: 1 })],
  ] as const)('%s for another NIU is FORBIDDEN and files nothing', async (mutation, system, operation, inputType, input) => {
    const before = (await legacyAdmin.calls(system))[operation] ?? 0;
    const response = await gql(
      `mutation($input: ${inputType}!, $key: String!) { ${mutation}(input: $input, idempotencyKey: $key) { reference } }`,
      { input: input(), key: `cross-${randomUUID()}` },
      { token: await citizenToken(self.niu) },
    );
    expect(response.data).toBeNull();
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expectNoLeak(response, { strings: leak.strings });
    expect((await legacyAdmin.calls(system))[operation] ?? 0).toBe(before);
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { createCeetAdapter } from '../../../adapters/ceet/index.js';
import { createUrbanismeAdapter } from '../../../adapters/urbanisme/index.js';
import { errorCodes, gql } from '../../support/graphql-client.js';
import { legacyCounters } from '../../support/legacy-counters.js';
import { expectNoLeak } from '../../support/leaks.js';
import { citizenToken } from '../../support/tokens.js';
import { testWorld } from '../../support/world.js';

/**
 * Hostile strings in every mutation input: a field with a format refuses them (BAD_USER_INPUT, nothing filed); the
 * free-text field (`quarter`) stores them verbatim and they come back unchanged from the legacy system. Never a 500.
 */
const adult = testWorld().persons.find((p) => p.birthDate < '1990-01-01' && p.deathDate === null)!;

const hostile: readonly [string, string][] = [
  ['SQL', `' OR '1'='1' --`],
  ['SQL batch', `1; DROP TABLE demandes; --`],
  ['XML close/open', '</x><y>'],
  ['CDATA end', ']]>'],
  ['CDATA section', '<![CDATA[x]]>'],
  ['DOCTYPE entity', '<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;'],
  ['path traversal', '../../etc/passwd'],
  ['URL-encoded traversal', '..%2f..%2fetc%2fpasswd'],
  ['JSON breakout', '","niu":"000000000000'],
  ['template', '${7*7}{{7*7}}'],
  ['control characters', 'Bè\u0000\u0007\u001b[31m'],
  ['bidi override', 'Tokoin\u202Eevil'],
  ['CRLF', 'Bè\r\nX-Injected: 1'],
  ['very long', 'A'.repeat(20_000)],
];

const electricity = `mutation($input: ElectricityConnectionInput!, $key: String!) { requestElectricityConnection(input: $input, idempotencyKey: $key) { reference quarter } }`;
const permit = `mutation($input: BuildingPermitInput!, $key: String!) { applyForBuildingPermit(input: $input, idempotencyKey: $key) { reference quarter landTitle architectRegistration } }`;
const copy = `mutation($input: CivilActCopyInput!, $key: String!) { requestCivilActCopy(input: $input, idempotencyKey: $key) { reference actNumber } }`;

const electricityInput = { applicantNiu: adult.niu, meterType: 'SINGLE_PHASE', communeCode: 'GOLFE1', quarter: 'Tokoin', applianceCount: 5 };
const permitInput = {
  applicantNiu: adult.niu,
  landTitle: 'TF-2019-123456',
  architectRegistration: 'ONAT-0101',
  communeCode: 'GOLFE1',
  quarter: 'Bè',
  projectKind: 'SINGLE_HOUSE',
  floorAreaM2: 120,
  levels: 1,
};
const copyInput = { applicantNiu: adult.niu, actNumber: adult.birthActNumber, copies: 1 };

/** Every formatted field of every mutation, with how to put a value in it. */
const formatted: readonly [string, string, (value: string) => Record<string, unknown>][] = [
  ['requestElectricityConnection.communeCode', electricity, (v) => ({ input: { ...electricityInput, communeCode: v } })],
  ['requestElectricityConnection.landTitle', electricity, (v) => ({ input: { ...electricityInput, landTitle: v } })],
  ['requestElectricityConnection.applicantNiu', electricity, (v) => ({ input: { ...electricityInput, applicantNiu: v } })],
  ['requestElectricityConnection.idempotencyKey', electricity, (v) => ({ input: electricityInput, key: v })],
  ['applyForBuildingPermit.landTitle', permit, (v) => ({ input: { ...permitInput, landTitle: v } })],
  ['applyForBuildingPermit.architectRegistration', permit, (v) => ({ input: { ...permitInput, architectRegistration: v } })],
  ['applyForBuildingPermit.communeCode', permit, (v) => ({ input: { ...permitInput, communeCode: v } })],
  ['applyForBuildingPermit.idempotencyKey', permit, (v) => ({ input: permitInput, key: v })],
  ['requestCivilActCopy.actNumber', copy, (v) => ({ input: { ...copyInput, actNumber: v } })],
  ['requestCivilActCopy.applicantNiu', copy, (v) => ({ input: { ...copyInput, applicantNiu: v } })],
  ['requestCivilActCopy.idempotencyKey', copy, (v) => ({ input: copyInput, key: v })],
];

describe('injection strings in mutation inputs', () => {
  it.each(formatted)('%s refuses every hostile string with BAD_USER_INPUT and files nothing', async (_field, mutation, variablesOf) => {
    const token = await citizenToken(adult.niu);
    const before = await legacyCounters();
    for (const [name, value] of hostile) {
      const response = await gql(mutation, { key: `inj-${randomUUID()}`, ...variablesOf(value) }, { token });
      expect(response.status, name).toBeLessThan(500);
      expect(errorCodes(response), name).toEqual(['BAD_USER_INPUT']);
      expect(response.data ?? null, name).toBeNull();
      expectNoLeak(response);
    }
    expect(await legacyCounters()).toEqual(before);
  });

  it.each([
    ['requestElectricityConnection', electricity, electricityInput],
    ['applyForBuildingPermit', permit, permitInput],
  ] as const)('%s.quarter (free text) refuses a string over 80 characters, and files nothing', async (_field, mutation, input) => {
    const before = await legacyCounters();
    const response = await gql(mutation, { input: { ...input, quarter: 'A'.repeat(20_000) }, key: `inj-${randomUUID()}` }, { token: await citizenToken(adult.niu) });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toMatch(/quartier/i);
    expect(response.data).toBeNull();
    expect(await legacyCounters()).toEqual(before);
  });

  it.each(hostile.filter(([, value]) => value.length <= 80))('requestElectricityConnection.quarter stores %s verbatim, and CEET gives it back unchanged', async (_name, value) => {
    const token = await citizenToken(adult.niu);
    const created = await gql<{ requestElectricityConnection: { reference: string; quarter: string } }>(
      electricity,
      { input: { ...electricityInput, quarter: value }, key: `inj-${randomUUID()}` },
      { token },
    );
    expect(created.errors).toBeUndefined();
    const { reference, quarter } = created.data!.requestElectricityConnection;
    expect(quarter).toBe(value);
    const read = await gql<{ dossier: { quarter: string } }>(`query($r: ID!) { dossier(reference: $r) { ... on ElectricityConnectionRequest { quarter } } }`, { r: reference }, { token });
    expect(read.data!.dossier.quarter).toBe(value);
    const ceet = createCeetAdapter({ baseUrl: inject('legacyUrls').ceet, apiKey: 'dev-ceet-key', timeoutMs: 3_000 });
    expect((await ceet.getRequest(reference)).quarter).toBe(value);
  });

  it.each(hostile.filter(([, value]) => value.length <= 80))('applyForBuildingPermit.quarter stores %s verbatim, and Urbanisme gives it back unchanged', async (_name, value) => {
    const token = await citizenToken(adult.niu);
    const created = await gql<{ applyForBuildingPermit: { reference: string; quarter: string } }>(permit, { input: { ...permitInput, quarter: value }, key: `inj-${randomUUID()}` }, { token });
    expect(created.errors).toBeUndefined();
    const { reference, quarter } = created.data!.applyForBuildingPermit;
    expect(quarter).toBe(value);
    const read = await gql<{ dossier: { quarter: string } }>(`query($r: ID!) { dossier(reference: $r) { ... on BuildingPermitApplication { quarter } } }`, { r: reference }, { token });
    expect(read.data!.dossier.quarter).toBe(value);
    const urbanisme = createUrbanismeAdapter({ baseUrl: inject('legacyUrls').urbanisme, timeoutMs: 3_000 });
    expect((await urbanisme.getApplication(reference)).quarter).toBe(value);
  });

  it.each([
    ['citizen(niu)', `query($v: ID!) { citizen(niu: $v) { niu } }`],
    ['dossier(reference)', `query($v: ID!) { dossier(reference: $v) { reference } }`],
    ['civilActCopyRequest(reference)', `query($v: ID!) { civilActCopyRequest(reference: $v) { reference } }`],
    ['electricityConnectionRequest(reference)', `query($v: ID!) { electricityConnectionRequest(reference: $v) { reference } }`],
    ['buildingPermitApplication(reference)', `query($v: ID!) { buildingPermitApplication(reference: $v) { reference } }`],
  ])('query argument %s refuses every hostile string with BAD_USER_INPUT, before any legacy call', async (_name, query) => {
    const token = await citizenToken(adult.niu);
    const before = await legacyCounters();
    for (const [name, value] of hostile) {
      const response = await gql(query, { v: value }, { token });
      expect(errorCodes(response), name).toEqual(['BAD_USER_INPUT']);
      expectNoLeak(response);
    }
    expect(await legacyCounters()).toEqual(before);
  });

  it('a hostile pagination cursor is BAD_USER_INPUT', async () => {
    const token = await citizenToken(adult.niu);
    for (const [name, value] of hostile) {
      const response = await gql(`query($after: String) { me { dossiers(first: 5, after: $after) { totalCount } } }`, { after: value }, { token });
      expect(errorCodes(response), name).toEqual(['BAD_USER_INPUT']);
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { errorCodes, gql } from '../support/graphql-client.js';
import { legacyAdmin } from '../support/legacy-admin.js';
import { citizenToken, integratorToken } from '../support/tokens.js';
import { citizensInAllSystems, testWorld } from '../support/world.js';

const someone = testWorld().persons[0]!.niu;

/** Bad input from a client or a legacy system: a typed error, never a crash, and the rest still answered. */
describe('bad input', () => {
  afterEach(async () => {
    await Promise.all((['rnec', 'ceet', 'urbanisme'] as const).map((s) => legacyAdmin.reset(s)));
  });

  it('an unknown NIU is NOT_FOUND, and other fields still answer', async () => {
    const response = await gql<{ citizen: unknown; procedures: unknown[] }>(
      `{ citizen(niu: "999999999999") { niu firstName } procedures { code } }`,
      {},
      { token: await integratorToken('citizens:read') },
    );
    // Identity fields are nullable (an RNEC outage must not null the dashboard): the unknown NIU shows there.
    expect(response.data!.citizen).toMatchObject({ firstName: null });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect(response.errors![0]!.message).toMatch(/NIU/);
    expect(response.data!.procedures.length).toBeGreaterThan(0);
  });

  it('a malformed NIU is BAD_USER_INPUT before any legacy call', async () => {
    await legacyAdmin.resetCalls('rnec');
    const response = await gql(`{ citizen(niu: "12AB") { niu firstName } }`, {}, { token: await integratorToken('citizens:read') });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(await legacyAdmin.calls('rnec')).toEqual({});
  });

  it('a malformed reference is BAD_USER_INPUT with a French message', async () => {
    const response = await gql(`{ dossier(reference: "CEET-12") { reference status } procedures { code } }`, {}, { token: await citizenToken(someone) });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toMatch(/Référence de dossier invalide/);
    expect(response.data).toMatchObject({ dossier: null });
  });

  it('an unknown reference is NOT_FOUND', async () => {
    const response = await gql(`{ dossier(reference: "URB-2020-999999") { reference status } }`, {}, { token: await citizenToken(someone) });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
  });

  it('invalid mutation input is BAD_USER_INPUT with the French validation messages', async () => {
    const response = await gql(
      `mutation { requestElectricityConnection(idempotencyKey: "key-invalid-1", input: { applicantNiu: "123", meterType: SINGLE_PHASE, communeCode: "golfe", quarter: "X", applianceCount: 0 }) { reference } }`,
      {},
      { token: await citizenToken(someone) },
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toMatch(/NIU du demandeur/);
    expect(response.errors![0]!.message).toMatch(/au moins un appareil/);
  });

  it('a short idempotency key is refused', async () => {
    const response = await gql(
      `mutation { requestCivilActCopy(idempotencyKey: "k", input: { applicantNiu: "${someone}", actNumber: "N-GOLFE1-2019-000001", copies: 1 }) { reference } }`,
      {},
      { token: await citizenToken(someone) },
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('a malformed legacy payload is BAD_BACKEND_RESPONSE for that system only; the rest of the dashboard answers', async () => {
    // A citizen nobody read yet: nothing remembered to answer with (the last-known fallback is tested on its own).
    const citizen = citizensInAllSystems()[60]!;
    // An earlier file may have left CEET's circuit open (a system taken down): one healthy read, once the breaker
    // may probe again, closes it — so what this test sees is the malformed payload, not a leftover circuit.
    const other = citizensInAllSystems()[63]!;
    const token = await citizenToken(other.niu);
    let healthy = false;
    for (let attempt = 0; attempt < 10 && !healthy; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      healthy = (await gql(`query($niu: ID!) { citizen(niu: $niu) { dossiers(first: 1) { unavailableSystems } } }`, { niu: other.niu }, { token })).errors === undefined;
    }
    expect(healthy, 'CEET answers again before the fault').toBe(true);
    await legacyAdmin.setFaults('ceet', { malformedRate: 1 });
    const response = await gql<{ citizen: { firstName: string; dossiers: { totalCount: number; incomplete: boolean; unavailableSystems: string[] } } }>(
      `query($niu: ID!) { citizen(niu: $niu) { firstName dossiers(first: 20) { totalCount incomplete unavailableSystems } } }`,
      { niu: citizen.niu },
      { token: await citizenToken(citizen.niu) },
    );
    expect(response.data!.citizen.firstName.length).toBeGreaterThan(0);
    expect(response.data!.citizen.dossiers).toMatchObject({ incomplete: true, unavailableSystems: ['ceet'], totalCount: citizen.urb.length + citizen.rnec.length });
    // The unreadable answer itself is BAD_BACKEND_RESPONSE; the same request's later CEET calls may already meet the
    // circuit those failures opened (the test stack's breaker is quick), never anything else.
    const ceetCodes = response.errors!.filter((e) => e.extensions?.system === 'ceet').map((e) => e.extensions?.code);
    expect(ceetCodes).toContain('BAD_BACKEND_RESPONSE');
    for (const code of ceetCodes) expect(['BAD_BACKEND_RESPONSE', 'CIRCUIT_OPEN']).toContain(code);
    expect(JSON.stringify(response.errors)).not.toMatch(/stack|at .*\.js/);
  });

  it('a SOAP fault from the civil registry gives a typed error and the other systems still answer', async () => {
    const citizen = citizensInAllSystems()[61]!;
    await legacyAdmin.setFaults('rnec', { errorRate: 1 });
    const response = await gql<{ citizen: { dossiers: { totalCount: number; unavailableSystems: string[] } | null } | null }>(
      `query($niu: ID!) { citizen(niu: $niu) { dossiers(first: 20) { totalCount unavailableSystems } } }`,
      { niu: citizen.niu },
      { token: await citizenToken(citizen.niu) },
    );
    expect(response.data!.citizen!.dossiers).toMatchObject({ unavailableSystems: ['rnec'], totalCount: citizen.ceet.length + citizen.urb.length });
    expect(errorCodes(response)).toContain('BACKEND_ERROR');
  });
});

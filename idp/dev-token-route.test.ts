import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokenVerifier, type AccessTokenVerifier } from '../auth/index.js';
import { generateWorld, seededCompanies } from '../legacy/world/index.js';
import { devToken, postDevToken, startTestIdp, testNius, testWorld, type TestIdp } from './test-support/start-test-idp.js';

let idp: TestIdp;
let verify: AccessTokenVerifier;
const companies = seededCompanies(generateWorld(testWorld));
const representatives = new Set(companies.flatMap((c) => c.representatives.map((r) => r.niu)));
/** A citizen who holds no mandate: their token has no `companies` claim. */
const niu = testNius.find((n) => !representatives.has(n))!;

beforeAll(async () => {
  idp = await startTestIdp();
  verify = createAccessTokenVerifier({ issuer: idp.issuer, audience: 'guichet', jwksUrl: `${idp.url}/.well-known/jwks.json`, acceptDevelopmentTokens: true });
});
afterAll(() => idp.close());

/** Expects a 400 whose error and description match. */
async function refused(body: unknown, error: string, description: string | RegExp) {
  const { status, json } = await postDevToken(idp, body);
  expect(status).toBe(400);
  expect(json.error).toBe(error);
  expect(json.error_description).toMatch(description);
  expect(json).not.toHaveProperty('access_token');
}

describe('POST /dev/token', () => {
  it('mints a citizen token for a seeded NIU, with a stable pseudonymous subject', async () => {
    const token = await devToken(idp, { role: 'citizen', niu });
    const principal = await verify(`Bearer ${token}`);
    expect(principal).toEqual({ subject: expect.stringMatching(/^citoyen-[A-Za-z0-9_-]{22}$/), role: 'citizen', niu, scopes: ['citizen'], clientId: 'portail-web' });
    expect(principal.subject).not.toContain(niu);
    expect(decodeJwt(await devToken(idp, { role: 'citizen', niu })).sub).toBe(principal.subject);
    expect(decodeJwt(await devToken(idp, { role: 'citizen', niu: testNius[1] })).sub).not.toBe(principal.subject);
  });

  it('signs into a representative’s token the companies the register says they hold a mandate for, whatever the request says', async () => {
    const company = companies[0]!;
    const manager = company.representatives[0]!.niu;
    const expected = companies.filter((c) => c.representatives.some((r) => r.niu === manager)).map((c) => c.nif);
    const token = await devToken(idp, { role: 'citizen', niu: manager });
    expect(decodeJwt(token).companies).toEqual(expected);
    expect(await verify(`Bearer ${token}`)).toMatchObject({ role: 'citizen', niu: manager, companies: expected });
    expect(decodeJwt(await devToken(idp, { role: 'citizen', niu })).companies).toBeUndefined();
    // A mandate cannot be asked for: the request's fields are closed.
    await refused({ role: 'citizen', niu, companies: [company.nif] }, 'invalid_request', /champ inconnu : companies/);
  });

  it('mints agent tokens for each simulated ministry', async () => {
    for (const ministry of ['CIVIL_REGISTRY', 'ENERGY', 'URBAN_PLANNING']) {
      const principal = await verify(`Bearer ${await devToken(idp, { role: 'agent', ministry })}`);
      expect(principal).toEqual({ subject: `agent-${ministry.toLowerCase().replace('_', '-')}-demo`, role: 'agent', ministry, scopes: ['agent', `agent:${ministry}`], clientId: 'console-agents' });
    }
    const named = await verify(`Bearer ${await devToken(idp, { role: 'agent', ministry: 'ENERGY', subject: 'agent-ceet-42', clientId: 'console-ceet' })}`);
    expect(named).toMatchObject({ subject: 'agent-ceet-42', clientId: 'console-ceet' });
  });

  it('mints supervisor and integrator tokens', async () => {
    expect(await verify(`Bearer ${await devToken(idp, { role: 'supervisor' })}`)).toEqual({
      subject: 'superviseur-demo',
      role: 'supervisor',
      scopes: ['supervisor', 'supervision:read'],
      clientId: 'console-supervision',
    });
    expect(await verify(`Bearer ${await devToken(idp, { role: 'integrator', scopes: ['dossiers:read', 'citizens:read'] })}`)).toEqual({
      subject: 'integrateur-dev',
      role: 'integrator',
      scopes: ['dossiers:read', 'citizens:read'],
      clientId: 'integrateur-dev',
    });
    const fromString = decodeJwt(await devToken(idp, { role: 'integrator', scopes: 'dossiers:write, dossiers:read', clientId: 'mon-integrateur' }));
    expect(fromString).toMatchObject({ sub: 'mon-integrateur', client_id: 'mon-integrateur', role: 'integrator', scope: 'dossiers:write dossiers:read' });
  });

  it('refuses a NIU absent from the seeded world, or malformed', async () => {
    const absent = niu === '999999999999' ? '999999999998' : '999999999999';
    expect(testNius).not.toContain(absent);
    await refused({ role: 'citizen', niu: absent }, 'unknown_niu', /aucun citoyen avec ce NIU dans le monde simulé \(SEED=11, SCALE=0.02, SEED_NOW=2026-11-01\)/);
    await refused({ role: 'citizen', niu: '12345' }, 'invalid_request', 'niu : un NIU compte 12 chiffres');
    await refused({ role: 'citizen' }, 'invalid_request', 'niu requis pour role=citizen');
  });

  it('refuses contradictory or incomplete requests with a clear message', async () => {
    await refused({ role: 'agent' }, 'invalid_request', /^ministry requis pour role=agent/);
    await refused({ role: 'agent', ministry: 'SECURITY' }, 'invalid_request', 'ministry : ministère attendu : CIVIL_REGISTRY, ENERGY, URBAN_PLANNING, MINES');
    await refused({ role: 'integrator' }, 'invalid_request', /^scopes requis pour role=integrator/);
    await refused({ role: 'integrator', scopes: ['admin'] }, 'invalid_request', /portées possibles/);
    await refused({ role: 'citizen', niu, scopes: ['dossiers:write'] }, 'invalid_request', 'scopes ne vaut que pour role=integrator');
    await refused({ role: 'supervisor', niu }, 'invalid_request', 'niu ne vaut que pour role=citizen');
    await refused({ role: 'citizen', niu, ministry: 'ENERGY' }, 'invalid_request', 'ministry ne vaut que pour role=agent');
    await refused({ role: 'admin' }, 'invalid_request', 'role : role attendu : citizen, agent, supervisor ou integrator');
    await refused({ role: 'supervisor', admin: true }, 'invalid_request', 'champ inconnu : admin');
    await refused({ role: 'supervisor', subject: 'avec espace' }, 'invalid_request', /^subject :/);
    const garbage = await fetch(`${idp.url}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{role' });
    expect(await garbage.json()).toMatchObject({ error: 'invalid_request', error_description: 'corps JSON illisible' });
    const form = await fetch(`${idp.url}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'role=supervisor' });
    expect(form.status).toBe(400);
  });

  it('does not exist in production, where client credentials still work', async () => {
    const production = await startTestIdp({ nodeEnv: 'production' });
    try {
      const { status, json } = await postDevToken(production, { role: 'supervisor' });
      expect(status).toBe(404);
      expect(json).not.toHaveProperty('access_token');
      const credentials = await fetch(`${production.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=integrateur-demo&client_secret=secret-demo-lecture-a-changer',
      });
      expect(credentials.status).toBe(200);
    } finally {
      await production.close();
    }
  });
});

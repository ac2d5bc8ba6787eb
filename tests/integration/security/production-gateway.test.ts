import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readManifest, defaultManifestPath } from '../../../gateway/trusted-documents/index.js';
import { errorCodes, gql } from '../../support/graphql-client.js';
import { expectNoLeak } from '../../support/leaks.js';
import { rawGet, rawPost } from '../../support/raw-http.js';
import { spawnGateway, type ExtraGateway } from '../../support/spawn-gateway.js';
import { productionTokenFor, tokenFor, type TokenRequest } from '../../support/tokens.js';
import { citizenInAllSystems } from '../../support/world.js';

/**
 * A gateway in production mode over the stack's subgraphs: trusted documents enforced, introspection, field
 * suggestions and stack traces off, HTTP caching of public GETs only. It trusts the stack's IdP (OIDC_ISSUER), which
 * runs in development mode: its own tokens carry the development mark and are refused here, so the tests send what a
 * production provider would issue — the same claims and key, without the mark (productionTokenFor).
 */
const citizen = citizenInAllSystems();
const manifest = readManifest(defaultManifestPath());
const idOf = (name: string) => {
  const operation = manifest.operations.find((o) => o.name === name);
  if (!operation) throw new Error(`no trusted document ${name}`);
  return operation.id;
};
const persisted = (name: string) => ({ persistedQuery: { version: 1, sha256Hash: idOf(name) } });
const preflight = { 'apollo-require-preflight': 'true' };

const citizenToken = () => productionTokenFor({ role: 'citizen', niu: citizen.niu });

let gateway: ExtraGateway;
/** An integrator allowed arbitrary documents: what it takes to reach validation in enforce mode. */
let explorer: string;

beforeAll(async () => {
  gateway = await spawnGateway({ NODE_ENV: 'production', TRUSTED_DOCUMENTS_MODE: 'enforce' });
  explorer = await productionTokenFor({ role: 'integrator', scopes: ['documents:any', 'dossiers:read'], clientId: 'explorateur' });
});
afterAll(async () => {
  await gateway?.stop();
});

describe('gateway in production mode', () => {
  it('refuses introspection, even from a client allowed arbitrary documents', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Citizen") { fields { name } } }']) {
      const response = await gql(query, {}, { url: gateway.graphqlUrl, token: explorer });
      expect(response.status).toBe(400);
      expect(response.data ?? null).toBeNull();
      expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(JSON.stringify(response)).not.toMatch(/"Citizen"|"Query"|dossiers/);
    }
  });

  it('gives no field suggestions in validation errors (the test stack does, as a control)', async () => {
    const typos: [string, Record<string, unknown>][] = [
      ['{ procedures { cod titl } }', {}],
      ['{ procedure(cod: "X") { requiredDocument } }', {}],
      ['query { dossier(reference: "CEET-2024-000001") { status(x: 1) reference } me { niuu } }', {}],
      ['query($s: DossierStatu) { procedures { code } }', {}],
      ['{ me { dossiers(status: COMPLETE) { totalCount } } }', {}],
      ['query($s: DossierStatus) { me { dossiers(status: $s) { totalCount } } }', { s: 'COMPLETE' }],
    ];
    for (const [query, variables] of typos) {
      const response = await gql(query, variables, { url: gateway.graphqlUrl, token: explorer });
      expect(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']).toContain(errorCodes(response)[0]);
      const messages = response.errors!.map((e) => e.message).join(' ');
      expect(messages).not.toMatch(/Did you mean|"title"|"requiredDocuments"|"niu"|COMPLETED/);
    }
    const control = await gql(typos[0]![0], {}, { token: await tokenFor({ role: 'integrator', scopes: ['documents:any', 'dossiers:read'], clientId: 'explorateur' }) });
    expect(control.errors!.map((e) => e.message).join(' ')).toMatch(/Did you mean "code"/);
  });

  it('puts no stack trace nor internal detail in any error', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['{ procedures { code ', {}],
      ['query($n: ID!) { citizen(niu: $n) { niu } }', { n: { not: 'a string' } }],
      ['query($n: Int!) { procedures { code } }', { n: 'x' }],
      ['{ dossier(reference: "CEET-2020-999999") { reference status } }', {}],
      ['{ dossier(reference: "CEET-12") { reference status } }', {}],
      ['{ citizen(niu: "999999999999") { firstName } }', {}],
    ];
    for (const [query, variables] of cases) {
      const response = await gql(query, variables, { url: gateway.graphqlUrl, token: explorer });
      expect(response.errors?.length).toBeGreaterThan(0);
      for (const error of response.errors!) {
        expect(Object.keys(error.extensions ?? {}).every((key) => ['code', 'system', 'subgraph', 'field', 'fields', 'reason', 'retryAfterMs'].includes(key))).toBe(true);
      }
      expectNoLeak(response);
    }
  });

  it('refuses an arbitrary document from an ordinary client: DOCUMENT_NOT_TRUSTED', async () => {
    const response = await gql(`{ me { niu firstName } }`, {}, { url: gateway.graphqlUrl, token: await citizenToken() });
    expect(response.status).toBe(400);
    expect(response.data ?? null).toBeNull();
    expect(errorCodes(response)).toEqual(['DOCUMENT_NOT_TRUSTED']);
    expect(JSON.stringify(response)).not.toContain(citizen.niu);
    const anonymous = await gql(`{ procedures { code } }`, {}, { url: gateway.graphqlUrl });
    expect(errorCodes(anonymous)).toEqual(['DOCUMENT_NOT_TRUSTED']);
  });

  it('runs a trusted document sent by id over POST with a citizen token', async () => {
    const response = await rawPost(
      JSON.stringify({ extensions: persisted('MyDashboard') }),
      { 'content-type': 'application/json', authorization: `Bearer ${await citizenToken()}` },
      gateway.graphqlUrl,
    );
    expect(response.status).toBe(200);
    expect(response.json?.errors).toBeUndefined();
    expect(response.json?.data).toMatchObject({ me: { niu: citizen.niu } });
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });

  it('runs a trusted query sent by id over GET with the preflight header; a personal one is private, revalidated each time', async () => {
    const response = await rawGet(
      { extensions: persisted('DossierStatus'), variables: { reference: citizen.ceet[0]! } },
      { ...preflight, authorization: `Bearer ${await citizenToken()}` },
      gateway.graphqlUrl,
    );
    expect(response.status).toBe(200);
    expect(response.json?.data).toMatchObject({ dossier: { reference: citizen.ceet[0]! } });
    expect(response.headers.get('cache-control')).toBe('private, no-cache');
    expect(response.headers.get('vary')).toMatch(/Authorization/i);
  });

  it('serves the public Procedures document over GET as publicly cacheable, varying on Authorization', async () => {
    const response = await rawGet({ extensions: persisted('Procedures') }, preflight, gateway.graphqlUrl);
    expect(response.status).toBe(200);
    expect(response.json?.errors).toBeUndefined();
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(
      response.headers
        .get('vary')
        ?.split(',')
        .map((v) => v.trim().toLowerCase()),
    ).toContain('authorization');
  });

  it('does not cache the public document over POST, nor an error', async () => {
    const post = await rawPost(JSON.stringify({ extensions: persisted('Procedures') }), { 'content-type': 'application/json' }, gateway.graphqlUrl);
    expect(post.headers.get('cache-control')).toBe('private, no-store');
    const unknown = await rawGet({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }, preflight, gateway.graphqlUrl);
    expect(unknown.headers.get('cache-control')).toMatch(/no-store/);
  });

  it('answers an unknown id with PERSISTED_QUERY_NOT_FOUND, over POST and GET', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } };
    const post = await rawPost(JSON.stringify({ extensions }), { 'content-type': 'application/json' }, gateway.graphqlUrl);
    expect(post.json?.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(post.json?.data ?? null).toBeNull();
    const get = await rawGet({ extensions }, preflight, gateway.graphqlUrl);
    expect(get.json?.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('refuses a trusted mutation over GET (405), and a trusted query without the preflight header (400)', async () => {
    const token = await citizenToken();
    const mutation = await rawGet(
      { extensions: persisted('RequestCivilActCopy'), variables: { input: {}, idempotencyKey: 'get-mutation-prod' } },
      { ...preflight, authorization: `Bearer ${token}` },
      gateway.graphqlUrl,
    );
    expect(mutation.status).toBe(405);
    const simple = await rawGet({ extensions: persisted('MyDashboard') }, { authorization: `Bearer ${token}` }, gateway.graphqlUrl);
    expect(simple.status).toBe(400);
    expect(simple.text).not.toContain(citizen.niu);
  });
});

describe('production gateway and the development IdP', () => {
  const requests: [string, TokenRequest][] = [
    ['citizen', { role: 'citizen', niu: citizen.niu }],
    ['agent', { role: 'agent', ministry: 'ENERGY' }],
    ['supervisor', { role: 'supervisor' }],
    ['integrator', { role: 'integrator', scopes: ['documents:any', 'dossiers:read'] }],
  ];
  const myDashboard = JSON.stringify({ extensions: persisted('MyDashboard') });
  const procedures = JSON.stringify({ extensions: persisted('Procedures') });

  it.each(requests)('refuses a %s token minted by the development IdP’s /dev/token: 401, nothing said', async (_role, request) => {
    const response = await rawPost(procedures, { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(request)}` }, gateway.graphqlUrl);
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ errors: [{ message: 'Authentification requise.', extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID' } }] });
    expect(response.text).not.toMatch(/dev|development|guichet_dev|claim/i);
  });

  it('refuses a client-credentials token of the development IdP too (its demo clients’ secrets are public)', async () => {
    const grant = await fetch(`${inject('idpUrl')}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('integrateur-demo:secret-demo-lecture-a-changer').toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    expect(grant.status).toBe(200);
    const { access_token: token } = (await grant.json()) as { access_token: string };
    expect((await rawPost(procedures, { 'content-type': 'application/json', authorization: `Bearer ${token}` }, gateway.graphqlUrl)).status).toBe(401);
  });

  it('control: the same claims, key, issuer and audience without the development mark are accepted', async () => {
    const response = await rawPost(myDashboard, { 'content-type': 'application/json', authorization: `Bearer ${await citizenToken()}` }, gateway.graphqlUrl);
    expect(response.status).toBe(200);
    expect(response.json?.data).toMatchObject({ me: { niu: citizen.niu } });
    // The stack's own gateway (NODE_ENV=test) still takes the development IdP's tokens: the refusal is production's.
    const development = await rawPost(myDashboard, { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor({ role: 'citizen', niu: citizen.niu })}` });
    expect(development.status).toBe(200);
  });

  it('says in its log why, without the token', async () => {
    const token = await tokenFor({ role: 'supervisor' });
    await rawPost(procedures, { 'content-type': 'application/json', authorization: `Bearer ${token}` }, gateway.graphqlUrl);
    const refusals = gateway.lines.filter((line) => line.includes('access token refused'));
    expect(refusals.some((line) => line.includes('development token'))).toBe(true);
    expect(gateway.lines.join('\n')).not.toContain(token.split('.')[2]!);
  });
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/principal.js';
import { createLimitPlugins, defaultOperationLimits } from '../limits/index.js';
import { get, post, type GraphQLReply } from '../limits/test-support/graphql-request.js';
import { startPluginTestServer, testPrincipalHeader, type PluginTestServer } from '../limits/test-support/start-plugin-test-server.js';
import { apiSchemaOf } from './api-schema.js';
import { createTrustedDocumentsPlugins } from './create-trusted-documents-plugins.js';
import { documentId } from './document-id.js';
import { documentsById, readManifest } from './manifest.js';
import { defaultManifestPath, supergraphPath } from './package-paths.js';
import { publicRootFieldsOf } from './public-root-fields.js';
import type { TrustedDocumentsMode } from './trusted-documents-plugin.js';

const supergraph = readFileSync(supergraphPath(), 'utf8');
const schema = apiSchemaOf(supergraph);
const documents = documentsById(readManifest(defaultManifestPath()));
const idOf = (name: string) => [...documents.values()].find((o) => o.name === name)?.id ?? `no document ${name}`;
const dossier = {
  __typename: 'ElectricityConnectionRequest',
  reference: 'CEET-2026-000123',
  status: 'IN_PROGRESS',
  ministryStatus: '20',
  updatedAt: '2026-11-01T08:00:00Z',
  submittedAt: '2026-10-01T08:00:00Z',
  nextAction: null,
};
const rootValue = {
  procedures: () => [{ code: 'CEET-RACCORDEMENT-BT', title: 'Raccordement basse tension', ministry: 'CEET', feeFcfa: 15_000, legalDelayDays: 30, requiredDocuments: ['Pièce d’identité'] }],
  dossier: ({ reference }: { reference: string }) => ({ ...dossier, reference }),
  requestElectricityConnection: () => ({ ...dossier, meterType: 'SINGLE_PHASE', filingFeeFcfa: 5_000, quoteAmountFcfa: null, procedure: null }),
};

const principal = (clientId: string, scopes: string[] = ['citizen']): Principal => ({ subject: `sub-${clientId}`, role: 'citizen', niu: '000000000001', scopes, clientId });
const as = (p: Principal) => ({ [testPrincipalHeader]: JSON.stringify(p) });
const portal = as(principal('portail-web'));
const preflight = { 'apollo-require-preflight': 'true' };
const byId = (name: string) => ({ persistedQuery: { version: 1, sha256Hash: idOf(name) } });
const arbitrary = '{ procedures { code title } }';

const servers: PluginTestServer[] = [];
async function start(mode: TrustedDocumentsMode, nodeEnv: 'production' | 'test' = 'test'): Promise<string> {
  const trusted = createTrustedDocumentsPlugins({
    mode,
    documents: mode === 'off' ? new Map() : documents,
    openClients: ['outil-integrateur'],
    publicMaxAgeSeconds: 300,
    publicRootFields: publicRootFieldsOf(supergraph),
  });
  const server = await startPluginTestServer({ schema, rootValue, nodeEnv, plugins: [...trusted, ...createLimitPlugins({ limits: defaultOperationLimits, nodeEnv })] });
  servers.push(server);
  return server.url;
}

let enforce: string;
let allowArbitrary: string;
let off: string;
beforeAll(async () => {
  enforce = await start('enforce', 'production');
  allowArbitrary = await start('allow-arbitrary');
  off = await start('off');
});
afterAll(() => Promise.all(servers.map((s) => s.close())));

function expectError(reply: GraphQLReply, status: number, code: string, message?: string) {
  expect(reply.status).toBe(status);
  expect(reply.body.data).toBeUndefined();
  expect(reply.body.errors).toEqual([{ message: message ?? expect.any(String), extensions: { code } }]);
  expect(reply.headers.get('cache-control')).toMatch(/(^|, )no-store$/);
}

describe('trusted documents by id', () => {
  it('runs a manifest document sent by id over POST, variables and all', async () => {
    const { status, body, headers } = await post(enforce, { extensions: byId('DossierStatus'), variables: { reference: 'CEET-2026-000777' } }, portal);
    expect(status).toBe(200);
    // The manifest's body is Apollo Client's: __typename included.
    expect(body).toEqual({
      data: {
        dossier: { __typename: 'ElectricityConnectionRequest', reference: 'CEET-2026-000777', status: 'IN_PROGRESS', ministryStatus: '20', updatedAt: '2026-11-01T08:00:00Z', nextAction: null },
      },
    });
    expect(headers.get('cache-control')).toBe('private, no-store');
    expect(headers.get('vary')).toBe('Accept, Authorization');
  });

  it('runs a public query by id over GET as publicly cacheable for 5 minutes', async () => {
    const { status, body, headers } = await get(enforce, { extensions: byId('Procedures'), operationName: 'Procedures' }, preflight);
    expect(status).toBe(200);
    expect(body.data?.procedures).toHaveLength(1);
    expect(headers.get('cache-control')).toBe('public, max-age=300');
    expect(headers.get('vary')).toBe('Accept, Authorization');
  });

  it('runs a personal query by id over GET, kept by the caller only and revalidated every time', async () => {
    const { status, body, headers } = await get(enforce, { extensions: byId('DossierStatus'), variables: { reference: 'URB-2026-000001' } }, { ...preflight, ...portal });
    expect(status).toBe(200);
    expect(body.data?.dossier).toMatchObject({ reference: 'URB-2026-000001' });
    expect(headers.get('cache-control')).toBe('private, no-cache');
    expect(headers.get('vary')).toBe('Accept, Authorization');
  });

  it('needs a non-simple request over GET (CSRF prevention): a preflight header or a JSON content type', async () => {
    const params = { extensions: byId('Procedures') };
    expect((await get(enforce, params)).status).toBe(400);
    expect((await get(enforce, params, { 'content-type': 'application/json' })).status).toBe(200);
    expect((await get(enforce, params, { 'x-apollo-operation-name': 'Procedures' })).status).toBe(200);
  });

  it('refuses a mutation by id over GET with 405, and runs it over POST', async () => {
    const variables = { idempotencyKey: 'cle-0001-abcd', input: { applicantNiu: '000000000001', meterType: 'SINGLE_PHASE', communeCode: 'GOLFE1', quarter: 'Bè', applianceCount: 4 } };
    const viaGet = await get(enforce, { extensions: byId('RequestElectricityConnection'), variables }, { ...preflight, ...portal });
    expect(viaGet.status).toBe(405);
    expect(viaGet.headers.get('allow')).toBe('POST');
    expect(viaGet.headers.get('cache-control')).toBe('private, no-store');
    const viaPost = await post(enforce, { extensions: byId('RequestElectricityConnection'), variables }, portal);
    expect(viaPost.status).toBe(200);
    expect(viaPost.body.data?.requestElectricityConnection).toMatchObject({ reference: 'CEET-2026-000123', filingFeeFcfa: 5_000 });
  });

  it('answers PERSISTED_QUERY_NOT_FOUND to an unknown id, with 200 as Apollo clients expect, over POST and GET', async () => {
    const unknown = { persistedQuery: { version: 1, sha256Hash: documentId('query Unknown { procedures { code } }') } };
    expectError(await post(enforce, { extensions: unknown }, portal), 200, 'PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound');
    expectError(await get(enforce, { extensions: unknown }, preflight), 200, 'PERSISTED_QUERY_NOT_FOUND');
    expectError(await post(allowArbitrary, { extensions: unknown }), 200, 'PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses a malformed persistedQuery extension and a hash that is not the document’s', async () => {
    expectError(await post(enforce, { extensions: { persistedQuery: { version: 2, sha256Hash: idOf('Procedures') } } }), 400, 'BAD_REQUEST');
    expectError(await post(enforce, { extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }), 400, 'BAD_REQUEST');
    expectError(await post(enforce, { extensions: { persistedQuery: 'Procedures' } }), 400, 'BAD_REQUEST');
    const mismatch = await post(enforce, { query: arbitrary, extensions: byId('Procedures') });
    expectError(mismatch, 400, 'BAD_REQUEST', 'Le sha256Hash fourni n’est pas l’empreinte du document envoyé.');
  });
});

describe('arbitrary documents', () => {
  it('are refused in enforce mode to a plain client, whatever the route', async () => {
    const message = 'This client may only send trusted documents (the operations of the manifest, by id or exact text).';
    expectError(await post(enforce, { query: arbitrary }, portal), 400, 'DOCUMENT_NOT_TRUSTED', message);
    expectError(await post(enforce, { query: arbitrary }), 400, 'DOCUMENT_NOT_TRUSTED', message);
    expectError(await get(enforce, { query: arbitrary }, { ...preflight, ...portal }), 400, 'DOCUMENT_NOT_TRUSTED', message);
    // The APQ registration dance (hash + full text) registers nothing and is refused the same way.
    expectError(await post(enforce, { query: arbitrary, extensions: { persistedQuery: { version: 1, sha256Hash: documentId(arbitrary) } } }, portal), 400, 'DOCUMENT_NOT_TRUSTED', message);
  });

  it('are allowed in enforce mode to an open client and to a caller with the documents:any scope', async () => {
    const open = await post(enforce, { query: arbitrary }, as(principal('outil-integrateur', [])));
    expect([open.status, open.body.errors]).toEqual([200, undefined]);
    const scoped = await post(enforce, { query: arbitrary }, as({ ...principal('integrateur-x', ['dossiers:read', 'documents:any']), role: 'integrator' }));
    expect([scoped.status, scoped.body.errors]).toEqual([200, undefined]);
  });

  it('are trusted in enforce mode when their text is exactly a manifest body', async () => {
    const body = documents.get(idOf('Procedures'))?.body ?? '';
    const { status, body: reply } = await post(enforce, { query: body }, portal);
    expect([status, reply.errors]).toEqual([200, undefined]);
  });

  it('are trusted in enforce mode when they are a manifest body up to layout, comments, fragment order and __typename, and run as sent', async () => {
    const plain = '# the status screen\nquery DossierStatus($reference: ID!) { dossier(reference: $reference) { reference status ministryStatus updatedAt nextAction } }';
    const withoutTypename = await post(enforce, { query: plain, variables: { reference: 'CEET-2026-000777' } }, portal);
    expect(withoutTypename.status).toBe(200);
    // Run as sent: no __typename the client did not ask for.
    expect(withoutTypename.body).toEqual({ data: { dossier: { reference: 'CEET-2026-000777', status: 'IN_PROGRESS', ministryStatus: '20', updatedAt: '2026-11-01T08:00:00Z', nextAction: null } } });
    const urqlLike = 'query DossierStatus($reference:ID!){dossier(reference:$reference){__typename reference status ministryStatus updatedAt nextAction}}';
    const asUrql = await post(enforce, { query: urqlLike, variables: { reference: 'CEET-2026-000777' } }, portal);
    expect([asUrql.status, asUrql.body.data?.dossier]).toEqual([200, expect.objectContaining({ __typename: 'ElectricityConnectionRequest' })]);
    // An automatic-persisted-query retry: its own hash of that text, and the text.
    const apq = await post(enforce, { query: urqlLike, variables: { reference: 'X' }, extensions: { persistedQuery: { version: 1, sha256Hash: documentId(urqlLike) } } }, portal);
    expect([apq.status, apq.body.errors]).toEqual([200, undefined]);
  });

  it('are refused in enforce mode when they differ from every manifest body by more than that', async () => {
    const message = 'This client may only send trusted documents (the operations of the manifest, by id or exact text).';
    for (const query of [
      'query DossierStatus($reference: ID!) { dossier(reference: $reference) { reference status ministryStatus updatedAt nextAction submittedAt } }',
      'query DossierStatus($reference: ID!) { dossier(reference: $reference) { reference status ministryStatus updatedAt } }',
      'query DossierStatus($reference: ID!) { dossier(reference: $reference) { reference status ministryStatus updatedAt nextAction t: __typename } }',
      `query DossierStatus($reference: ID!) { dossier(reference: $reference) { reference status ministryStatus updatedAt nextAction ${'__typename '.repeat(5_000)}} }`,
    ]) {
      expectError(await post(enforce, { query, variables: { reference: 'X' } }, portal), 400, 'DOCUMENT_NOT_TRUSTED', message);
    }
  });

  it('are allowed to anyone in allow-arbitrary mode, with the same cache rules', async () => {
    const { status, body, headers } = await get(allowArbitrary, { query: arbitrary }, preflight);
    expect([status, body.errors]).toEqual([200, undefined]);
    expect(headers.get('cache-control')).toBe('public, max-age=300');
    const registered = await post(allowArbitrary, { query: arbitrary, extensions: { persistedQuery: { version: 1, sha256Hash: documentId(arbitrary) } } });
    expect(registered.status).toBe(200);
    // Nothing was registered: the id alone is still unknown.
    expectError(await post(allowArbitrary, { extensions: { persistedQuery: { version: 1, sha256Hash: documentId(arbitrary) } } }), 200, 'PERSISTED_QUERY_NOT_FOUND');
  });

  it('still go through the operation limits', async () => {
    const aliases = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: procedures { code }`).join(' ')} }`;
    expectError(await post(allowArbitrary, { query: aliases }), 400, 'OPERATION_TOO_COMPLEX');
  });
});

describe('off mode', () => {
  it('has no manifest: ids are not supported, any document runs, cache headers still apply', async () => {
    const byHash = await post(off, { extensions: byId('Procedures') });
    expect(byHash.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    const { status, headers } = await get(off, { query: arbitrary }, preflight);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('public, max-age=300');
  });
});

describe('contract documents through the limits', () => {
  it('pass the default limits by id', async () => {
    const dashboard = await post(enforce, { extensions: byId('CitizenDashboard'), variables: { niu: '000000000001' } }, portal);
    // The test schema resolves `citizen` to null: what matters is that no limit refused it.
    expect([dashboard.status, dashboard.body]).toEqual([200, { data: { citizen: null } }]);
  });
});

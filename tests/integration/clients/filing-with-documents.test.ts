import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createGuichetApolloClient } from '../../../clients/apollo/index.js';
import { uploadDocument } from '../../../clients/documents/index.js';
import { createPortalClient, fileEnergyMinesApplication, GuichetRequestError, loadApplicationDocuments } from '../../../clients/examples/index.js';
import { EnergyMinesApplicationDocumentsDocument, SubmitEnergyMinesApplicationDocument, trustedDocumentIds } from '../../../clients/generated/graphql.js';
import { cleanPdf, windowsExecutable } from '../../../documents/test-support/sample-files.js';
import { seededCompanies } from '../../../legacy/world/index.js';
import { findProcedure, ProcedureCode } from '../../../schema/index.js';
import { spawnGateway, type ExtraGateway } from '../../support/spawn-gateway.js';
import { productionTokenFor } from '../../support/tokens.js';
import { testMinesDossiers, testWorld } from '../../support/world.js';
import { paramsOf, recordingFetch } from './recording-fetch.js';

/**
 * Filing with documents as the shipped clients do it, against a gateway in production mode (trusted documents
 * enforced, production tokens): the upload (multipart POST /documents with the bearer token, clients/documents), then
 * the mutation by its trusted-document id, then the dossier's documents read by id. The gateway shares the stack's
 * documents store with the energy-mines subgraph, as a deployment does.
 *
 * Test citizens: the 71st adult born before 1985 with no SIGEM dossier (filing.test.ts takes the 41st to 43rd), and
 * the manager of the seeded world's company index 7 (no other suite takes it).
 */
const world = testWorld();
const minesApplicants = new Set(testMinesDossiers().map((d) => d.NuiDemandeur));
const citizen = world.persons.filter((p) => p.birthDate < '1985-01-01' && p.deathDate === null && !minesApplicants.has(p.niu))[70]!;
const company = seededCompanies(world)[7]!;
const representative = company.representatives[0]!.niu;
const quarry = findProcedure(ProcedureCode.QUARRY_AUTHORIZATION)!;
const licence = findProcedure(ProcedureCode.PETROLEUM_IMPORT_LICENCE)!;
const pdf = async () => new Blob([new Uint8Array(await cleanPdf())], { type: 'application/pdf' });
const sorted = (pieces: readonly { kind: string; sha256: string }[]) => pieces.map(({ kind, sha256 }) => ({ kind, sha256 })).sort((a, b) => a.kind.localeCompare(b.kind));

let gateway: ExtraGateway;
let uploadUrl: string;
beforeAll(async () => {
  gateway = await spawnGateway({ NODE_ENV: 'production', TRUSTED_DOCUMENTS_MODE: 'enforce', DOCUMENTS_PATH: inject('documentsPath') });
  uploadUrl = new URL('/documents', gateway.url).toString();
});
afterAll(async () => {
  await gateway?.stop();
});

describe('filing with documents from the shipped clients, against a production gateway', () => {
  it('the portal example (urql) uploads each paper then files by id; the dossier’s documents are the uploads', async () => {
    const token = await productionTokenFor({ role: 'citizen', niu: citizen.niu });
    const { fetch, exchanges } = recordingFetch();
    const client = createPortalClient({ url: gateway.graphqlUrl, accessToken: () => token, fetch });
    const files = await Promise.all(quarry.documents.map(async ({ kind }) => ({ kind, file: await pdf(), filename: `${kind.toLowerCase()}.pdf` })));
    const input = { applicantNiu: citizen.niu, procedureCode: quarry.code, companyName: 'Carrières du Zio SARL', communeCode: 'ZIO2', locality: 'Gapé', substance: 'GRAVEL' as const, areaHectares: 2 };
    const filed = await fileEnergyMinesApplication(client, { url: uploadUrl, accessToken: () => token, fetch }, input, files, `portal-docs-${randomUUID()}`);
    expect(filed.status).toBe('SUBMITTED');
    // One upload per paper (multipart, the bearer token), then one POST carrying the trusted document's id, no text.
    const uploads = exchanges.filter((e) => e.url.pathname === '/documents');
    expect(uploads.map((e) => [e.method, e.status])).toEqual(quarry.documents.map(() => ['POST', 201]));
    const mutation = exchanges.find((e) => e.url.pathname === '/graphql')!;
    expect(mutation.method).toBe('POST');
    expect(paramsOf(mutation)).toMatchObject({ extensions: { persistedQuery: { sha256Hash: trustedDocumentIds.SubmitEnergyMinesApplication } } });
    expect(paramsOf(mutation)).not.toHaveProperty('query');
    const documents = (paramsOf(mutation).variables as { input: { documents: { kind: string; id: string }[] } }).input.documents;
    expect(documents.map((d) => d.kind)).toEqual(quarry.documents.map((d) => d.kind));

    const shown = await loadApplicationDocuments(client, filed.reference);
    // The files SIGEM holds are the uploads the mutation named: the same ids (FiledDocument.id), kinds and type.
    expect(shown?.documents.map((d) => [d.kind, d.id]).sort()).toEqual(documents.map((d) => [d.kind, d.id]).sort());
    for (const document of shown?.documents ?? []) expect(document.mediaType).toBe('application/pdf');
  });

  it('Apollo Client files a company’s licence by id over POST with the representative’s uploads, then reads its documents by id over GET', async () => {
    const token = await productionTokenFor({ role: 'citizen', niu: representative });
    const { fetch, exchanges } = recordingFetch();
    const uploaded = await Promise.all(
      licence.documents.map(async ({ kind }) => ({ kind, ...(await uploadDocument({ url: uploadUrl, accessToken: () => token, kind, file: await pdf(), filename: 'piece.pdf', fetch })) })),
    );
    const client = createGuichetApolloClient({ url: gateway.graphqlUrl, accessToken: () => token, fetch });
    const filed = await client.mutate({
      mutation: SubmitEnergyMinesApplicationDocument,
      variables: {
        input: { applicantNiu: representative, procedureCode: licence.code, company: { nif: company.nif, rccm: company.rccm }, documents: uploaded.map(({ kind, id }) => ({ kind, id })) },
        idempotencyKey: `apollo-docs-${randomUUID()}`,
      },
    });
    expect(filed.error).toBeUndefined();
    const reference = filed.data!.submitEnergyMinesApplication.reference;
    expect(filed.data!.submitEnergyMinesApplication.status).toBe('SUBMITTED');
    const read = await client.query({ query: EnergyMinesApplicationDocumentsDocument, variables: { reference }, fetchPolicy: 'network-only' });
    expect(read.data?.energyMinesApplication?.company).toMatchObject({ nif: company.nif, rccm: company.rccm });
    expect(sorted(read.data?.energyMinesApplication?.documents ?? [])).toEqual(sorted(uploaded));
    const graphql = exchanges.filter((e) => e.url.pathname === '/graphql');
    expect(graphql.map((e) => e.method)).toEqual(['POST', 'GET']);
    expect(paramsOf(graphql[1]!)).toMatchObject({ extensions: { persistedQuery: { sha256Hash: trustedDocumentIds.EnergyMinesApplicationDocuments } } });
  });

  it('a refused upload throws the gateway’s typed error, in French, and the form files nothing', async () => {
    const token = await productionTokenFor({ role: 'citizen', niu: citizen.niu });
    const refused = uploadDocument({ url: uploadUrl, accessToken: () => token, kind: 'SITE_PLAN', file: new Blob([new Uint8Array(windowsExecutable())]), filename: 'plan.pdf' });
    await expect(refused).rejects.toBeInstanceOf(GuichetRequestError);
    await expect(refused).rejects.toMatchObject({ codes: ['DOCUMENT_TYPE_NOT_ALLOWED'], message: expect.stringMatching(/format|type/i) });
    const anonymous = uploadDocument({ url: uploadUrl, accessToken: () => '', kind: 'SITE_PLAN', file: await pdf(), filename: 'plan.pdf' });
    await expect(anonymous).rejects.toMatchObject({ codes: ['UNAUTHENTICATED'] });
  });
});

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';
import { cleanPdf } from '../../../documents/test-support/sample-files.js';
import { findProcedure, ProcedureCode, type DocumentKind } from '../../../schema/index.js';
import { gql } from '../../support/graphql-client.js';
import { upload, uploadParts } from '../../support/document-upload.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { citizenToken } from '../../support/tokens.js';
import { testMinesDossiers, testWorld } from '../../support/world.js';

/**
 * Filing with documents through the real path: uploads at the gateway's POST /documents, then the portal's shipped
 * mutation, checked by the energy-mines subgraph against the procedure's required documents and the store.
 */
const world = testWorld();
const minesApplicants = new Set(testMinesDossiers().map((d) => d.NuiDemandeur));
// Adults with no SIGEM dossier whom no other suite files for (energy-mines.test.ts takes index 21).
const [applicant, other, patient] = world.persons.filter((p) => p.birthDate < '1985-01-01' && p.deathDate === null && !minesApplicants.has(p.niu)).slice(40, 43) as [
  (typeof world.persons)[number],
  (typeof world.persons)[number],
  (typeof world.persons)[number],
];
const submit = readFileSync(new URL('../../../clients/operations/SubmitEnergyMinesApplication.graphql', import.meta.url), 'utf8');
const procedure = findProcedure(ProcedureCode.QUARRY_AUTHORIZATION)!;
const quarry = (niu: string) => ({
  applicantNiu: niu,
  procedureCode: procedure.code,
  companyName: 'Carrières du Mono SARL',
  communeCode: 'ZIO2',
  locality: 'Gapé',
  substance: 'GRAVEL',
  areaHectares: 3,
});

async function uploadWithHash(niu: string, kind: DocumentKind): Promise<{ kind: DocumentKind; id: string; sha256: string }> {
  const answer = await upload(uploadParts(kind, await cleanPdf()), await citizenToken(niu));
  expect(answer.status).toBe(201);
  return { kind, id: answer.body.id!, sha256: answer.body.sha256! };
}
const uploadAs = async (niu: string, kind: DocumentKind) => (await uploadWithHash(niu, kind)).id;
const uploadAll = (niu: string) => Promise.all(procedure.documents.map(({ kind }) => uploadWithHash(niu, kind)));

/** What SIGEM's simulator holds for a dossier (its own API, as an agent's screen would show it). */
async function piecesAtSigem(reference: string): Promise<{ Nature: string; Empreinte: string; TypeMime: string }[]> {
  const numero = reference.replace(/^MEM-(\d{4})-(\d{6})$/, '$1/$2');
  const response = await fetch(`${inject('legacyUrls').mines}/api/v2/dossiers/${numero}/pieces`);
  return ((await response.json()) as { Donnees: { Pieces: { Nature: string; Empreinte: string; TypeMime: string }[] } }).Donnees.Pieces;
}
const sorted = (pieces: readonly { kind: string; sha256: string }[]) => [...pieces].map(({ kind, sha256 }) => ({ kind, sha256 })).sort((a, b) => a.kind.localeCompare(b.kind));
const asSent = (pieces: readonly { Nature: string; Empreinte: string }[]) => sorted(pieces.map((p) => ({ kind: p.Nature, sha256: p.Empreinte })));

interface Filed {
  submitEnergyMinesApplication: { reference: string; status: string } | null;
}
async function file(niu: string, documents: readonly { kind: string; id: string }[], idempotencyKey = randomUUID()) {
  return gql<Filed>(submit, { input: { ...quarry(niu), documents: documents.map(({ kind, id }) => ({ kind, id })) }, idempotencyKey }, { token: await citizenToken(niu) });
}
async function dossierCount(niu: string): Promise<number> {
  const response = await gql<{ me: { dossiers: { totalCount: number } } }>('{ me { dossiers(first: 1) { totalCount } } }', {}, { token: await citizenToken(niu) });
  return response.data!.me.dossiers.totalCount;
}
function referencedBy(ids: readonly string[]): (string | null)[] {
  const db = new BetterSqlite3(join(inject('documentsPath'), 'documents.db'), { readonly: true });
  try {
    return ids.map((id) => (db.prepare('SELECT referenced_by AS r FROM documents WHERE id = ?').get(id) as { r: string | null } | undefined)?.r ?? null);
  } finally {
    db.close();
  }
}
const dossierDocuments = 'query($r: ID!) { dossier(reference: $r) { ... on EnergyMinesApplication { documents { kind mediaType size sha256 } } } }';
const fieldsOf = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  (response.errors?.[0]?.extensions?.fields ?? []) as { path: (string | number)[]; code: string; message: string }[];

describe('filing an energy & mines application with its documents', () => {
  it('files with every required document, the caller’s own, and marks them as filed with it (a retry too)', async () => {
    const documents = await uploadAll(applicant.niu);
    const key = randomUUID();
    const response = await file(applicant.niu, documents, key);
    expect(response.errors).toBeUndefined();
    expect(response.data!.submitEnergyMinesApplication!.status).toBe('SUBMITTED');
    const marks = referencedBy(documents.map((d) => d.id));
    expect(new Set(marks).size).toBe(1);
    expect(marks[0]).toMatch(/^GCH-MEM-/);
    // The same key again: the same application, the documents already its own.
    const again = await file(applicant.niu, documents, key);
    expect(again.data!.submitEnergyMinesApplication!.reference).toBe(response.data!.submitEnergyMinesApplication!.reference);
    // SIGEM received each file once (the retry sent nothing again), the bytes Guichet stored.
    const reference = response.data!.submitEnergyMinesApplication!.reference;
    expect(asSent(await piecesAtSigem(reference))).toEqual(sorted(documents));
    // The dossier shows them to its applicant, and to nobody else.
    const shown = await gql<{ dossier: { documents: { kind: string; mediaType: string; size: number; sha256: string }[] } | null }>(
      dossierDocuments,
      { r: reference },
      { token: await citizenToken(applicant.niu) },
    );
    expect(sorted(shown.data!.dossier!.documents)).toEqual(sorted(documents));
    for (const document of shown.data!.dossier!.documents) expect(document.mediaType).toBe('application/pdf');
    const stranger = await gql(dossierDocuments, { r: reference }, { token: await citizenToken(other.niu) });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('files while SIGEM is down (QUEUED), then forwards the application and its files exactly once when it is back', async () => {
    const documents = await uploadAll(patient.niu);
    await legacyAdmin.setFaults('mines', { down: true });
    let queued: Awaited<ReturnType<typeof file>>;
    try {
      queued = await file(patient.niu, documents);
    } finally {
      await legacyAdmin.reset('mines');
    }
    expect(queued.errors).toBeUndefined();
    expect(queued.data!.submitEnergyMinesApplication!.status).toBe('QUEUED');
    const queuedReference = queued.data!.submitEnergyMinesApplication!.reference;
    const token = await citizenToken(patient.niu);
    await expect
      .poll(async () => (await gql<{ dossier: { status: string } | null }>('query($r: ID!) { dossier(reference: $r) { status } }', { r: queuedReference }, { token })).data?.dossier?.status, {
        timeout: 40_000,
        interval: 500,
      })
      .toBe('SUBMITTED');
    const mine = await gql<{ me: { dossiers: { nodes: { reference: string; procedure: { code: string } | null }[] } } }>(
      '{ me { dossiers(first: 20) { nodes { reference procedure { code } } } } }',
      {},
      { token },
    );
    const numbered = mine.data!.me.dossiers.nodes.filter((node) => node.procedure?.code === procedure.code && node.reference.startsWith('MEM-'));
    expect(numbered).toHaveLength(1);
    expect(asSent(await piecesAtSigem(numbered[0]!.reference))).toEqual(sorted(documents));
    const shown = await gql<{ dossier: { documents: { kind: string; sha256: string }[] } | null }>(dossierDocuments, { r: numbered[0]!.reference }, { token });
    expect(sorted(shown.data!.dossier!.documents)).toEqual(sorted(documents));
  }, 60_000);

  it('refuses a missing required document, naming it in French, and files nothing', async () => {
    const documents = await uploadAll(other.niu);
    const before = await dossierCount(other.niu);
    const missing = procedure.documents.at(-1)!;
    const response = await file(other.niu, documents.slice(0, -1));
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(response)).toEqual([{ path: ['input', 'documents'], code: 'REQUIRED', message: expect.stringContaining(missing.detail ?? missing.label) }]);
    expect(response.errors?.[0]?.message).toContain('Pièces manquantes');
    expect(await dossierCount(other.niu)).toBe(before);
    expect(referencedBy(documents.map((d) => d.id)).every((r) => r === null)).toBe(true);
  });

  it('refuses another user’s document id as unknown, and files nothing', async () => {
    const documents = await uploadAll(other.niu);
    const stolen = { kind: procedure.documents[0]!.kind, id: await uploadAs(applicant.niu, procedure.documents[0]!.kind) };
    const before = await dossierCount(other.niu);
    const response = await file(other.niu, [stolen, ...documents.slice(1)]);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(response).map((f) => f.path)).toEqual([['input', 'documents', 0, 'id']]);
    expect(await dossierCount(other.niu)).toBe(before);
    expect(referencedBy([stolen.id, ...documents.map((d) => d.id)]).every((r) => r === null)).toBe(true);
  });

  it('refuses documents already filed with another application, and files nothing', async () => {
    const documents = await uploadAll(other.niu);
    const first = await file(other.niu, documents);
    expect(first.errors).toBeUndefined();
    const before = await dossierCount(other.niu);
    const second = await file(other.niu, documents);
    expect(second.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(second)).toHaveLength(documents.length);
    expect(await dossierCount(other.niu)).toBe(before);
  });
});

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';
import { cleanPdf } from '../../../documents/test-support/sample-files.js';
import { findProcedure, ProcedureCode, type DocumentKind, type LegacySystem, type Procedure } from '../../../schema/index.js';
import { upload, uploadParts } from '../../support/document-upload.js';
import { filingInputs } from '../../support/filing-inputs.js';
import { gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { citizenToken } from '../../support/tokens.js';
import { testWorld } from '../../support/world.js';

/**
 * Filing with documents at the two REST ministries that take them as multipart, CEET and Urbanisme, through the real
 * path: uploads at the gateway's POST /documents, the portal's shipped mutation, the outbox's forwarder, the
 * simulator's own pieces API. One table, the same cases for each (docs/documents.md).
 */
const world = testWorld();
const hasDossierAt = new Set([...world.electricityRequests.map((r) => r.niu), ...world.permitApplications.map((p) => p.niu)]);
// Adults with no CEET or Urbanisme dossier (so that the one filed here is theirs alone), away from the first and last
// ones other suites take.
const people = world.persons.filter((p) => p.birthDate < '2000-01-01' && p.deathDate === null && !hasDossierAt.has(p.niu)).slice(-12, -6);

interface Ministry {
  readonly system: LegacySystem;
  readonly procedure: Procedure;
  /** The portal's shipped filing document (clients/operations). */
  readonly operation: string;
  readonly mutation: string;
  readonly dossierType: string;
  readonly referencePrefix: string;
  /** The dossier's pieces, read from the simulator's own API (what its agents' screens would show): kind and sha256. */
  readonly piecesAt: (reference: string) => Promise<{ kind: string; sha256: string }[]>;
}

const operation = (name: string) => readFileSync(new URL(`../../../clients/operations/${name}.graphql`, import.meta.url), 'utf8');
const ministries: readonly Ministry[] = [
  {
    system: 'ceet',
    procedure: findProcedure(ProcedureCode.ELECTRICITY_CONNECTION_LV)!,
    operation: operation('RequestElectricityConnection'),
    mutation: 'requestElectricityConnection',
    dossierType: 'ElectricityConnectionRequest',
    referencePrefix: 'CEET-',
    piecesAt: async (reference) => {
      const response = await fetch(`${inject('legacyUrls').ceet}/v1/demandes/${reference.replace(/^CEET-/, '')}/pieces`, { headers: { 'x-api-key': 'dev-ceet-key' } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { pieces: { nature: string; empreinte: string }[] }).pieces.map((p) => ({ kind: p.nature, sha256: p.empreinte }));
    },
  },
  {
    system: 'urbanisme',
    procedure: findProcedure(ProcedureCode.BUILDING_PERMIT)!,
    operation: operation('ApplyForBuildingPermit'),
    mutation: 'applyForBuildingPermit',
    dossierType: 'BuildingPermitApplication',
    referencePrefix: 'URB-',
    piecesAt: async (reference) => {
      const response = await fetch(`${inject('legacyUrls').urbanisme}/api/dossiers/${reference.replace(/^URB-/, 'PC-')}/pieces`);
      const body = (await response.json()) as { statut: string; pieces: { type_piece: string; sha256: string }[] };
      expect(body.statut).toBe('ok');
      return body.pieces.map((p) => ({ kind: p.type_piece, sha256: p.sha256 }));
    },
  },
];

const sorted = (pieces: readonly { kind: string; sha256: string }[]) => [...pieces].map(({ kind, sha256 }) => ({ kind, sha256 })).sort((a, b) => a.kind.localeCompare(b.kind));
const fieldsOf = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  (response.errors?.[0]?.extensions?.fields ?? []) as { path: (string | number)[]; code: string; message: string }[];

async function uploadWithHash(niu: string, kind: DocumentKind): Promise<{ kind: DocumentKind; id: string; sha256: string }> {
  const answer = await upload(uploadParts(kind, await cleanPdf()), await citizenToken(niu));
  expect(answer.status).toBe(201);
  return { kind, id: answer.body.id!, sha256: answer.body.sha256! };
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

describe.each(ministries.map((ministry, index) => ({ ...ministry, index })))('filing with documents at $system (REST multipart)', (ministry) => {
  const [applicant, patient, other] = people.slice(ministry.index * 3, ministry.index * 3 + 3) as [(typeof people)[number], (typeof people)[number], (typeof people)[number]];
  const uploadAll = (niu: string) => Promise.all(ministry.procedure.documents.map(({ kind }) => uploadWithHash(niu, kind)));
  const dossierDocuments = `query($r: ID!) { dossier(reference: $r) { ... on ${ministry.dossierType} { documents { id kind mediaType size sha256 } } } }`;
  type Filed = Record<string, { reference: string; status: string } | null>;
  const file = async (person: (typeof people)[number], documents: readonly { kind: string; id: string }[], idempotencyKey = randomUUID()) => {
    const input = { ...filingInputs[ministry.mutation]!(person), documents: documents.map(({ kind, id }) => ({ kind, id })) };
    const response = await gql<Filed>(ministry.operation, { input, idempotencyKey }, { token: await citizenToken(person.niu) });
    return { response, filed: response.data?.[ministry.mutation] ?? null };
  };

  it('files with every required document, forwards each file once (a retry with the same key too), and shows them to the applicant only', async () => {
    const documents = await uploadAll(applicant.niu);
    const key = randomUUID();
    const first = await file(applicant, documents, key);
    expect(first.response.errors).toBeUndefined();
    expect(first.filed!.status).toBe('SUBMITTED');
    const reference = first.filed!.reference;
    expect(reference.startsWith(ministry.referencePrefix)).toBe(true);
    const marks = referencedBy(documents.map((d) => d.id));
    expect(new Set(marks).size).toBe(1);
    expect(marks[0]).toMatch(/^GCH-/);
    // The same key again: the same application, and the simulator still holds each file once.
    const again = await file(applicant, documents, key);
    expect(again.response.errors).toBeUndefined();
    expect(again.filed!.reference).toBe(reference);
    expect(sorted(await ministry.piecesAt(reference))).toEqual(sorted(documents));
    // The dossier shows them to its applicant, each with Guichet's id, and is NOT_FOUND for another citizen.
    const shown = await gql<{ dossier: { documents: { id: string | null; kind: string; mediaType: string; size: number; sha256: string }[] } | null }>(
      dossierDocuments,
      { r: reference },
      { token: await citizenToken(applicant.niu) },
    );
    expect(shown.errors).toBeUndefined();
    expect(sorted(shown.data!.dossier!.documents)).toEqual(sorted(documents));
    for (const document of shown.data!.dossier!.documents) {
      expect(document.mediaType).toBe('application/pdf');
      expect(document.id).toBe(documents.find((d) => d.kind === document.kind)!.id);
    }
    const stranger = await gql(dossierDocuments, { r: reference }, { token: await citizenToken(other.niu) });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('files while the system is down (QUEUED), then delivers the application and each of its files exactly once', async () => {
    const documents = await uploadAll(patient.niu);
    await legacyAdmin.setFaults(ministry.system, { down: true });
    let queued: Awaited<ReturnType<typeof file>>;
    try {
      queued = await file(patient, documents);
    } finally {
      await legacyAdmin.reset(ministry.system);
    }
    expect(queued.response.errors).toBeUndefined();
    expect(queued.filed!.status).toBe('QUEUED');
    const token = await citizenToken(patient.niu);
    await expect
      .poll(async () => (await gql<{ dossier: { status: string } | null }>('query($r: ID!) { dossier(reference: $r) { status } }', { r: queued.filed!.reference }, { token })).data?.dossier?.status, {
        timeout: 40_000,
        interval: 500,
      })
      .toBe('SUBMITTED');
    const mine = await gql<{ me: { dossiers: { nodes: { reference: string }[] } } }>('{ me { dossiers(first: 20) { nodes { reference } } } }', {}, { token });
    const numbered = mine.data!.me.dossiers.nodes.filter((node) => node.reference.startsWith(ministry.referencePrefix));
    expect(numbered).toHaveLength(1);
    expect(sorted(await ministry.piecesAt(numbered[0]!.reference))).toEqual(sorted(documents));
    const shown = await gql<{ dossier: { documents: { kind: string; sha256: string }[] } | null }>(dossierDocuments, { r: numbered[0]!.reference }, { token });
    expect(sorted(shown.data!.dossier!.documents)).toEqual(sorted(documents));
  }, 60_000);

  it('refuses a missing required document, naming it in French, and files nothing', async () => {
    const documents = await uploadAll(other.niu);
    const before = await dossierCount(other.niu);
    const missing = ministry.procedure.documents.at(-1)!;
    const refused = await file(other, documents.slice(0, -1));
    expect(refused.response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.response.errors?.[0]?.message).toContain('Pièces manquantes');
    expect(fieldsOf(refused.response)).toEqual([{ path: ['input', 'documents'], code: 'REQUIRED', message: expect.stringContaining(missing.detail ?? missing.label) }]);
    expect(await dossierCount(other.niu)).toBe(before);
    expect(referencedBy(documents.map((d) => d.id)).every((r) => r === null)).toBe(true);
  });

  it('refuses another user’s document id as unknown, and files nothing', async () => {
    const documents = await uploadAll(other.niu);
    const stolen = await uploadWithHash(applicant.niu, ministry.procedure.documents[0]!.kind);
    const before = await dossierCount(other.niu);
    const refused = await file(other, [stolen, ...documents.slice(1)]);
    expect(refused.response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(refused.response).map((f) => f.path)).toEqual([['input', 'documents', 0, 'id']]);
    expect(await dossierCount(other.niu)).toBe(before);
    expect(referencedBy([stolen.id, ...documents.map((d) => d.id)]).every((r) => r === null)).toBe(true);
  });
});

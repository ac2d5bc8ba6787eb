import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Person } from '../../../legacy/world/index.js';
import { cleanPdf } from '../../../documents/test-support/sample-files.js';
import { findProcedure, ProcedureCode, type DocumentKind, type LegacySystem, type Procedure } from '../../../schema/index.js';
import { upload, uploadParts } from '../../support/document-upload.js';
import { filingInputs } from '../../support/filing-inputs.js';
import { gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { spawnExtra } from '../../support/spawn-extra.js';
import { spawnGateway } from '../../support/spawn-gateway.js';
import { testInternalTokenSecret } from '../../support/test-secrets.js';
import { citizenToken } from '../../support/tokens.js';
import { testWorld } from '../../support/world.js';

/**
 * Filing with documents at the ministries whose legacy systems take pieces — CEET and Urbanisme (REST multipart), RNEC
 * (SOAP, SOAP with MTOM, and a civil-registry subgraph of its own routing pieces to RNEC's v2 REST) — through the real path: uploads
 * at the gateway's POST /documents, the portal's shipped mutation, the outbox's forwarder, the simulator's own pieces
 * API. One table, the same cases for each (docs/documents.md).
 */
const world = testWorld();
const hasDossierAt = new Set([...world.electricityRequests.map((r) => r.niu), ...world.permitApplications.map((p) => p.niu)]);
// Adults with no CEET or Urbanisme dossier (so that the one filed here is theirs alone), away from the first and last
// ones other suites take.
const people = world.persons.filter((p) => p.birthDate < '2000-01-01' && p.deathDate === null && !hasDossierAt.has(p.niu)).slice(-12, -6);
// For RNEC (every adult of the world has copy requests already): adults with no CEET or Urbanisme dossier, from the
// middle of the list, away from the first and last ones other suites take.
const adults = world.persons.filter((p) => p.birthDate < '2000-01-01' && p.deathDate === null && !hasDossierAt.has(p.niu));
const rnecPeople = adults.slice(Math.floor(adults.length / 2), Math.floor(adults.length / 2) + 9);

/** A gateway whose civil-registry subgraph is a process of its own, with its own RNEC variables (routing…). */
interface OwnCivilRegistry {
  readonly graphqlUrl: string;
  stop(): Promise<void>;
}

async function startOwnCivilRegistry(env: NodeJS.ProcessEnv): Promise<OwnCivilRegistry> {
  const subgraph = await spawnExtra('civil-registry-pieces-v2', 'subgraphs/civil-registry/main.js', {
    NODE_ENV: 'test',
    INTERNAL_TOKEN_SECRET: testInternalTokenSecret,
    RNEC_URL: `${inject('legacyUrls').rnec}/ws/rnec`,
    OUTBOX_PATH: join(mkdtempSync(join(tmpdir(), 'guichet-pieces-v2-')), 'civil-registry.sqlite'),
    // The gateway's store: where the uploads are.
    DOCUMENTS_PATH: inject('documentsPath'),
    IDENTITY_CACHE_TTL_MS: '0',
    RNEC_TIMEOUT_MS: '1000',
    RNEC_DEADLINE_MS: '2500',
    RNEC_RETRY_BASE_DELAY_MS: '20',
    RNEC_BREAKER_HALF_OPEN_AFTER_MS: '300',
    ...env,
  });
  const gateway = await spawnGateway({ WORKERS: '1', NODE_ENV: 'test' }, { ...inject('serviceUrls'), 'civil-registry': subgraph.url });
  return {
    graphqlUrl: gateway.graphqlUrl,
    stop: async () => {
      await gateway.stop();
      await subgraph.stop();
    },
  };
}

interface Ministry {
  readonly name: string;
  readonly system: LegacySystem;
  /** Three applicants: the one who files, the patient one (filed while down), the other one (refusals, stranger). */
  readonly people: readonly Person[];
  readonly procedure: Procedure;
  /** The portal's shipped filing document (clients/operations). */
  readonly operation: string;
  readonly mutation: string;
  readonly dossierType: string;
  readonly referencePrefix: string;
  /** The dossier's pieces, read from the simulator's own API (what its agents' screens would show): kind and sha256. */
  readonly piecesAt: (reference: string) => Promise<{ kind: string; sha256: string }[]>;
  /** When set, the row files through its own gateway and civil-registry subgraph, started with these variables. */
  readonly ownSubgraphEnv?: NodeJS.ProcessEnv;
  /** An operation of the simulator's call counter that must have been called, proof of which wire carried the files. */
  readonly wireOperation?: string;
}

const operation = (name: string) => readFileSync(new URL(`../../../clients/operations/${name}.graphql`, import.meta.url), 'utf8');
/** RNEC's pieces of a request, read from its v2 API (the same store as SOAP's `ListerPieces`). */
async function rnecPieces(reference: string): Promise<{ kind: string; sha256: string }[]> {
  const response = await fetch(`${inject('legacyUrls').rnec}/v2/demandes/${reference.replace(/^RNEC-/, 'DC-')}/pieces`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { pieces: { nature: string; empreinte: string }[] }).pieces.map((p) => ({ kind: p.nature, sha256: p.empreinte }));
}
const rnec = {
  system: 'rnec',
  procedure: findProcedure(ProcedureCode.BIRTH_ACT_COPY)!,
  operation: operation('RequestCivilActCopy'),
  mutation: 'requestCivilActCopy',
  dossierType: 'CivilActCopyRequest',
  referencePrefix: 'RNEC-',
  piecesAt: rnecPieces,
} as const;

const ministries: readonly Ministry[] = [
  {
    name: 'ceet (REST multipart)',
    people: people.slice(0, 3),
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
    name: 'urbanisme (REST multipart)',
    people: people.slice(3, 6),
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
  // The stack's civil-registry: SOAP, base64 in DeposerPieces (the default).
  { ...rnec, name: 'rnec (SOAP)', people: rnecPeople.slice(0, 3), wireOperation: 'DeposerPieces' },
  // Pieces routed to RNEC's v2 REST (multipart), the rest over SOAP: the strangler's first step for documents.
  {
    ...rnec,
    name: 'rnec (pieces over v2 REST)',
    people: rnecPeople.slice(3, 6),
    ownSubgraphEnv: { RNEC_MODE_OVERRIDES: 'listPieces:rest,sendPieces:rest' },
    wireOperation: 'v2.deposerPieces',
  },
  // SOAP with MTOM/XOP attachments instead of base64 (the adapter's test checks the wire itself through a recording
  // proxy; here, that the simulator's XOP decoding in front of node-soap files them whole, exactly once).
  {
    ...rnec,
    name: 'rnec (SOAP with MTOM)',
    people: rnecPeople.slice(6, 9),
    ownSubgraphEnv: { RNEC_PIECES_MTOM: 'true' },
    wireOperation: 'DeposerPieces',
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
async function dossierCount(niu: string, url?: string): Promise<number> {
  const response = await gql<{ me: { dossiers: { totalCount: number } } }>('{ me { dossiers(first: 1) { totalCount } } }', {}, { token: await citizenToken(niu), ...(url ? { url } : {}) });
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

describe.each(ministries)('filing with documents at $name', (ministry) => {
  const [applicant, patient, other] = ministry.people as [Person, Person, Person];
  // The documents filed as files (a copy request's act number is its input's actNumber, not a file).
  const files = ministry.procedure.documents.filter((document) => document.givenAs === 'file');
  const uploadAll = (niu: string) => Promise.all(files.map(({ kind }) => uploadWithHash(niu, kind)));
  let own: OwnCivilRegistry | undefined;
  beforeAll(async () => {
    if (ministry.ownSubgraphEnv) own = await startOwnCivilRegistry(ministry.ownSubgraphEnv);
  }, 60_000);
  afterAll(() => own?.stop());
  /** The gateway the row files and reads through (uploads go to the stack's: the same store). */
  const via = async (niu: string) => ({ token: await citizenToken(niu), ...(own ? { url: own.graphqlUrl } : {}) });
  const dossierDocuments = `query($r: ID!) { dossier(reference: $r) { ... on ${ministry.dossierType} { documents { id kind mediaType size sha256 } } } }`;
  type Filed = Record<string, { reference: string; status: string } | null>;
  const file = async (person: (typeof people)[number], documents: readonly { kind: string; id: string }[], idempotencyKey = randomUUID()) => {
    const input = { ...filingInputs[ministry.mutation]!(person), documents: documents.map(({ kind, id }) => ({ kind, id })) };
    const response = await gql<Filed>(ministry.operation, { input, idempotencyKey }, await via(person.niu));
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
    if (ministry.wireOperation) expect((await legacyAdmin.calls(ministry.system))[ministry.wireOperation]).toBeGreaterThan(0);
    // The dossier shows them to its applicant, each with Guichet's id, and is NOT_FOUND for another citizen.
    const shown = await gql<{ dossier: { documents: { id: string | null; kind: string; mediaType: string; size: number; sha256: string }[] } | null }>(
      dossierDocuments,
      { r: reference },
      await via(applicant.niu),
    );
    expect(shown.errors).toBeUndefined();
    expect(sorted(shown.data!.dossier!.documents)).toEqual(sorted(documents));
    for (const document of shown.data!.dossier!.documents) {
      expect(document.mediaType).toBe('application/pdf');
      expect(document.id).toBe(documents.find((d) => d.kind === document.kind)!.id);
    }
    const stranger = await gql(dossierDocuments, { r: reference }, await via(other.niu));
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('files while the system is down (QUEUED), then delivers the application and each of its files exactly once', async () => {
    const documents = await uploadAll(patient.niu);
    const options = await via(patient.niu);
    const referencesAt = async () => {
      const mine = await gql<{ me: { dossiers: { nodes: { reference: string }[] } } }>('{ me { dossiers(first: 100) { nodes { reference } } } }', {}, options);
      expect(mine.errors).toBeUndefined();
      return mine.data!.me.dossiers.nodes.map((node) => node.reference).filter((reference) => reference.startsWith(ministry.referencePrefix));
    };
    // The citizen's dossiers at the system before (seeded copy requests at RNEC): exactly one more once delivered.
    const before = new Set(await referencesAt());
    await legacyAdmin.setFaults(ministry.system, { down: true });
    let queued: Awaited<ReturnType<typeof file>>;
    try {
      queued = await file(patient, documents);
    } finally {
      await legacyAdmin.reset(ministry.system);
    }
    expect(queued.response.errors).toBeUndefined();
    expect(queued.filed!.status).toBe('QUEUED');
    await expect
      .poll(async () => (await gql<{ dossier: { status: string } | null }>('query($r: ID!) { dossier(reference: $r) { status } }', { r: queued.filed!.reference }, options)).data?.dossier?.status, {
        timeout: 40_000,
        interval: 500,
      })
      .toBe('SUBMITTED');
    const numbered = (await referencesAt()).filter((reference) => !before.has(reference));
    expect(numbered).toHaveLength(1);
    expect(sorted(await ministry.piecesAt(numbered[0]!))).toEqual(sorted(documents));
    const shown = await gql<{ dossier: { documents: { kind: string; sha256: string }[] } | null }>(dossierDocuments, { r: numbered[0]! }, options);
    expect(sorted(shown.data!.dossier!.documents)).toEqual(sorted(documents));
  }, 60_000);

  it('refuses a missing required document, naming it in French, and files nothing', async () => {
    const documents = await uploadAll(other.niu);
    const before = await dossierCount(other.niu, own?.graphqlUrl);
    const missing = files.at(-1)!;
    const refused = await file(other, documents.slice(0, -1));
    expect(refused.response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.response.errors?.[0]?.message).toContain('Pièces manquantes');
    expect(fieldsOf(refused.response)).toEqual([{ path: ['input', 'documents'], code: 'REQUIRED', message: expect.stringContaining(missing.detail ?? missing.label) }]);
    expect(await dossierCount(other.niu, own?.graphqlUrl)).toBe(before);
    expect(referencedBy(documents.map((d) => d.id)).every((r) => r === null)).toBe(true);
  });

  it('refuses another user’s document id as unknown, and files nothing', async () => {
    const documents = await uploadAll(other.niu);
    const stolen = await uploadWithHash(applicant.niu, files[0]!.kind);
    const before = await dossierCount(other.niu, own?.graphqlUrl);
    const refused = await file(other, [stolen, ...documents.slice(1)]);
    expect(refused.response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(refused.response).map((f) => f.path)).toEqual([['input', 'documents', 0, 'id']]);
    expect(await dossierCount(other.niu, own?.graphqlUrl)).toBe(before);
    expect(referencedBy([stolen.id, ...documents.map((d) => d.id)]).every((r) => r === null)).toBe(true);
  });
});

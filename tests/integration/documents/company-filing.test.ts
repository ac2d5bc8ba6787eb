import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { cleanPdf } from '../../../documents/test-support/sample-files.js';
import { seededCompanies } from '../../../legacy/world/index.js';
import { findProcedure, ProcedureCode, type DocumentKind } from '../../../schema/index.js';
import { externalReferenceFor } from '../../../subgraphs/shared/submissions/idempotency.js';
import { eventOf, oneDossierEvents, subscribe } from '../../../gateway/subscriptions/test-support/subscribers.js';
import { errorCodes, gql } from '../../support/graphql-client.js';
import { upload, uploadParts } from '../../support/document-upload.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { citizenToken } from '../../support/tokens.js';
import { testWorld } from '../../support/world.js';

/**
 * A company representative files a company-only procedure for their company with its documents, end to end: uploads
 * at the gateway, the shipped mutation with `company { nif rccm }` and `documents`, SIGEM's simulator receives each
 * file once, the company's dossier shows them to its representatives; and the same with SIGEM down at filing time.
 *
 * Test company: the seeded world's company index 5 (three representatives), which no other suite takes
 * (companies.test.ts takes the first with two representatives and the next disjoint one, the authorization matrix the
 * last one and the first disjoint from it).
 */
const world = testWorld();
const companies = seededCompanies(world);
const company = companies[5]!;
const [filer, queuedFiler, colleague] = company.representatives.map((r) => r.niu) as [string, string, string];
const mandateHolders = new Set(companies.flatMap((c) => c.representatives.map((r) => r.niu)));
const outsider = companies.find((c) => c.representatives.every((r) => !company.representatives.some((m) => m.niu === r.niu)) && c !== companies[0] && c !== companies.at(-1))!.representatives[0]!.niu;

const myDossierEvents = readFileSync(new URL('../../../clients/operations/MyDossierEvents.graphql', import.meta.url), 'utf8');
const gatewayOrigin = () => new URL(inject('gatewayUrl')).origin;
const submit = readFileSync(new URL('../../../clients/operations/SubmitEnergyMinesApplication.graphql', import.meta.url), 'utf8');
const procedure = findProcedure(ProcedureCode.PETROLEUM_IMPORT_LICENCE)!;
const licence = (applicantNiu: string) => ({ applicantNiu, procedureCode: procedure.code, company: { nif: company.nif, rccm: company.rccm } });

async function uploadAll(niu: string): Promise<{ kind: DocumentKind; id: string; sha256: string }[]> {
  const token = await citizenToken(niu);
  return Promise.all(
    procedure.documents.map(async ({ kind }) => {
      const answer = await upload(uploadParts(kind, await cleanPdf()), token);
      expect(answer.status).toBe(201);
      return { kind, id: answer.body.id!, sha256: answer.body.sha256! };
    }),
  );
}

async function file(niu: string, documents: readonly { kind: string; id: string }[], idempotencyKey: string) {
  return gql<{ submitEnergyMinesApplication: { reference: string; status: string } | null }>(
    submit,
    { input: { ...licence(niu), documents: documents.map(({ kind, id }) => ({ kind, id })) }, idempotencyKey },
    { token: await citizenToken(niu) },
  );
}

interface SigemDossier {
  NumeroDossier: string;
}
/** The applications SIGEM holds under the external reference a filing with this key gets (its own API). */
async function atSigem(niu: string, idempotencyKey: string): Promise<string[]> {
  const ref = externalReferenceFor('MEM', ProcedureCode.PETROLEUM_IMPORT_LICENCE, niu, idempotencyKey);
  const response = await fetch(`${inject('legacyUrls').mines}/api/v2/dossiers?refExterne=${encodeURIComponent(ref)}`);
  return ((await response.json()) as { Donnees: { Dossiers: SigemDossier[] } }).Donnees.Dossiers.map((d) => `MEM-${d.NumeroDossier.replace('/', '-')}`);
}
async function piecesAtSigem(reference: string): Promise<{ kind: string; sha256: string }[]> {
  const numero = reference.replace(/^MEM-(\d{4})-(\d{6})$/, '$1/$2');
  const response = await fetch(`${inject('legacyUrls').mines}/api/v2/dossiers/${numero}/pieces`);
  return sorted(((await response.json()) as { Donnees: { Pieces: { Nature: string; Empreinte: string }[] } }).Donnees.Pieces.map((p) => ({ kind: p.Nature, sha256: p.Empreinte })));
}
const sorted = (pieces: readonly { kind: string; sha256: string }[]) => pieces.map(({ kind, sha256 }) => ({ kind, sha256 })).sort((a, b) => a.kind.localeCompare(b.kind));
const dossierDocuments = 'query($r: ID!) { dossier(reference: $r) { ... on EnergyMinesApplication { company { nif } documents { kind mediaType sha256 } } } }';
async function shownTo(niu: string, reference: string) {
  return gql<{ dossier: { company: { nif: string } | null; documents: { kind: string; mediaType: string; sha256: string }[] } | null }>(
    dossierDocuments,
    { r: reference },
    { token: await citizenToken(niu) },
  );
}

afterEach(() => legacyAdmin.reset('mines'));

describe('a company’s application filed with its documents by its representative', () => {
  it('the test company’s representatives hold its mandate, and the outsider none of it', () => {
    expect(company.representatives).toHaveLength(3);
    expect(mandateHolders.has(outsider)).toBe(true);
    expect(company.representatives.some((r) => r.niu === outsider)).toBe(false);
  });

  it('files while SIGEM is up: SIGEM receives each file once, the dossier shows them to the company’s representatives only', async () => {
    const documents = await uploadAll(filer);
    const key = `company-docs-${randomUUID()}`;
    const filed = await file(filer, documents, key);
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.submitEnergyMinesApplication!.status).toBe('SUBMITTED');
    const reference = filed.data!.submitEnergyMinesApplication!.reference;
    // A retry with the same key: the same application, nothing sent again.
    const again = await file(filer, documents, key);
    expect(again.data!.submitEnergyMinesApplication!.reference).toBe(reference);
    expect(await atSigem(filer, key)).toEqual([reference]);
    expect(await piecesAtSigem(reference)).toEqual(sorted(documents));
    for (const niu of [filer, colleague]) {
      const shown = await shownTo(niu, reference);
      expect(shown.errors, niu).toBeUndefined();
      expect(shown.data!.dossier!.company).toEqual({ nif: company.nif });
      expect(sorted(shown.data!.dossier!.documents)).toEqual(sorted(documents));
    }
    expect(errorCodes(await shownTo(outsider, reference))).toEqual(['NOT_FOUND']);
  });

  it('files while SIGEM is down (QUEUED), then delivers the application with its files exactly once when SIGEM is back', async () => {
    const documents = await uploadAll(queuedFiler);
    const key = `company-docs-queued-${randomUUID()}`;
    await legacyAdmin.setFaults('mines', { down: true });
    let queued: Awaited<ReturnType<typeof file>>;
    try {
      queued = await file(queuedFiler, documents, key);
    } finally {
      await legacyAdmin.reset('mines');
    }
    expect(queued.errors).toBeUndefined();
    expect(queued.data!.submitEnergyMinesApplication!.status).toBe('QUEUED');
    // Delivered by the outbox: one application at SIGEM under the filing's external reference, with every file once.
    await expect.poll(async () => (await atSigem(queuedFiler, key)).length, { timeout: 40_000, interval: 500 }).toBe(1);
    const [reference] = await atSigem(queuedFiler, key);
    await expect.poll(async () => piecesAtSigem(reference!), { timeout: 20_000, interval: 500 }).toEqual(sorted(documents));
    // The same key again once delivered: the same application, no second deposit, no file sent twice.
    const again = await file(queuedFiler, documents, key);
    expect(again.errors).toBeUndefined();
    expect(await atSigem(queuedFiler, key)).toEqual([reference]);
    expect(await piecesAtSigem(reference!)).toEqual(sorted(documents));
    for (const niu of [queuedFiler, colleague]) {
      const shown = await shownTo(niu, reference!);
      expect(shown.errors, niu).toBeUndefined();
      expect(sorted(shown.data!.dossier!.documents)).toEqual(sorted(documents));
    }
    expect(errorCodes(await shownTo(outsider, reference!))).toEqual(['NOT_FOUND']);

    // Its events are the company's: a representative who did not file it is told it was delivered (the outbox's
    // outcome) and created (SIGEM's feed), on both transports; someone outside the company may not follow it.
    for (const transport of ['sse', 'ws'] as const) {
      const stream = subscribe(transport, gatewayOrigin(), { query: myDossierEvents, variables: { after: '0' }, token: await citizenToken(colleague) });
      try {
        const types = new Set<unknown>();
        while (!(types.has('SUBMISSION_DELIVERED') && types.has('CREATED'))) {
          const event = eventOf(await stream.next(30_000));
          if (event === undefined) throw new Error(`${transport}: the stream ended before the company's events`);
          if (event.reference === reference) types.add(event.type);
        }
      } finally {
        await stream.close();
      }
    }
    // dossierEvents(reference): decided by the graph with the subscriber's own token — the colleague follows it (the
    // log from its start holds its CREATED), someone outside the company reads it as no dossier at all.
    const followed = subscribe('ws', gatewayOrigin(), { query: oneDossierEvents, variables: { reference, after: '0' }, token: await citizenToken(colleague) });
    try {
      expect(eventOf(await followed.next(30_000))).toMatchObject({ reference });
    } finally {
      await followed.close();
    }
    const refused = subscribe('sse', gatewayOrigin(), { query: oneDossierEvents, variables: { reference }, token: await citizenToken(outsider) });
    try {
      expect((await refused.next()) as unknown).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    } finally {
      await refused.close();
    }
  }, 120_000);
});

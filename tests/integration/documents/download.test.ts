import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanPdf, pngImage } from '../../../documents/test-support/sample-files.js';
import { seededCompanies } from '../../../legacy/world/index.js';
import { findProcedure, ProcedureCode, type DocumentKind } from '../../../schema/index.js';
import { gql } from '../../support/graphql-client.js';
import { documentsUrl, upload, uploadParts } from '../../support/document-upload.js';
import { agentToken, citizenToken, supervisorToken, tokenFor } from '../../support/tokens.js';
import { testMinesDossiers, testWorld } from '../../support/world.js';

/**
 * GET /documents/{id}, an authorization matrix generated from a rule: every caller × every document, each answer
 * derived from who may read the dossier the document is filed with (or, unfiled, from who uploaded it) — never
 * listed by hand. Then the headers of a served file, the audit (the reads appear in the citizen's and the company's
 * access logs), and typed refusals.
 *
 * Test citizens: the 74th and 75th adults born before 1985 with no SIGEM dossier (filing.test.ts takes the 41st to
 * 43rd, the clients' filing test the 71st), the representatives of the seeded world's company index 9, the first
 * representative of company index 10 (no other suite takes either).
 */
const world = testWorld();
const minesApplicants = new Set(testMinesDossiers().map((d) => d.NuiDemandeur));
const adults = world.persons.filter((p) => p.birthDate < '1985-01-01' && p.deathDate === null && !minesApplicants.has(p.niu));
const citizen = adults[73]!.niu;
const stranger = adults[74]!.niu;
const companies = seededCompanies(world);
const company = companies[9]!;
const [representative, colleague] = company.representatives.map((r) => r.niu) as [string, string];
const otherRepresentative = companies[10]!.representatives[0]!.niu;

const submit = readFileSync(new URL('../../../clients/operations/SubmitEnergyMinesApplication.graphql', import.meta.url), 'utf8');
const accessLog = readFileSync(new URL('../../../clients/operations/MyAccessLog.graphql', import.meta.url), 'utf8');
const companiesLog = readFileSync(new URL('../../../clients/operations/MyCompaniesAccessLog.graphql', import.meta.url), 'utf8');
const quarry = findProcedure(ProcedureCode.QUARRY_AUTHORIZATION)!;
const licence = findProcedure(ProcedureCode.PETROLEUM_IMPORT_LICENCE)!;

/** Who calls: a name, how to get the token (none: no Authorization header), and who they are for the rule. */
interface Caller {
  readonly name: string;
  readonly token: () => Promise<string | undefined>;
  readonly niu?: string;
  readonly minesAgent?: boolean;
  readonly anonymous?: boolean;
}
const callers: readonly Caller[] = [
  { name: 'the citizen', token: () => citizenToken(citizen), niu: citizen },
  { name: 'another citizen', token: () => citizenToken(stranger), niu: stranger },
  { name: 'the company’s representative who filed', token: () => citizenToken(representative), niu: representative },
  { name: 'the company’s other representative', token: () => citizenToken(colleague), niu: colleague },
  { name: 'another company’s representative', token: () => citizenToken(otherRepresentative), niu: otherRepresentative },
  { name: 'an agent of the mines ministry', token: () => agentToken('MINES'), minesAgent: true },
  { name: 'an agent of another ministry', token: () => agentToken('URBAN_PLANNING') },
  { name: 'a supervisor', token: () => supervisorToken() },
  { name: 'an integrator with webhooks:manage only', token: () => tokenFor({ role: 'integrator', scopes: ['webhooks:manage'] }) },
  { name: 'nobody (no token)', token: () => Promise.resolve(undefined), anonymous: true },
];

/** What a document is, for the rule: its uploader, and whose dossier it is filed with (none: not filed). */
interface Target {
  readonly name: string;
  readonly uploader: string;
  readonly dossier: { readonly applicant: string; readonly representatives?: readonly string[] } | undefined;
  id: string;
  sha256: string;
  kind: DocumentKind;
  mediaType: string;
}
const targets: Target[] = [];
/** The reference each filed target's application was answered with. */
const referenceOf = new Map<string, string>();

/** The rule: an unfiled document is its uploader's; a filed one, whoever may read its dossier. */
function expectedStatus(caller: Caller, target: Target): 200 | 401 | 404 {
  if (caller.anonymous === true) return 401;
  if (target.dossier === undefined) return caller.niu === target.uploader ? 200 : 404;
  if (caller.minesAgent === true) return 200;
  const readers = [target.dossier.applicant, ...(target.dossier.representatives ?? [])];
  return caller.niu !== undefined && readers.includes(caller.niu) ? 200 : 404;
}

async function uploaded(niu: string, kind: DocumentKind, content: Buffer, mediaType = 'application/pdf') {
  const answer = await upload(uploadParts(kind, content, 'piece.pdf', mediaType), await citizenToken(niu));
  expect(answer.status).toBe(201);
  return { kind, id: answer.body.id!, sha256: answer.body.sha256!, mediaType: answer.body.mediaType! };
}
async function fileWith(niu: string, input: Record<string, unknown>, documents: readonly { kind: string; id: string }[]) {
  const filed = await gql<{ submitEnergyMinesApplication: { reference: string } }>(
    submit,
    { input: { ...input, documents: documents.map(({ kind, id }) => ({ kind, id })) }, idempotencyKey: `download-${randomUUID()}` },
    { token: await citizenToken(niu) },
  );
  expect(filed.errors).toBeUndefined();
  return filed.data!.submitEnergyMinesApplication.reference;
}
async function download(id: string, token: string | undefined): Promise<Response> {
  return fetch(`${documentsUrl()}/${id}`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
}

beforeAll(async () => {
  // A draft: uploaded, filed with nothing (an image, so that a served PNG is checked too).
  const draft = await uploaded(citizen, 'IDENTITY_DOCUMENT', await pngImage(), 'image/png');
  targets.push({ name: 'the citizen’s unfiled upload', uploader: citizen, dossier: undefined, ...draft });
  // The citizen's own application.
  const own = await Promise.all(quarry.documents.map(async ({ kind }) => uploaded(citizen, kind, await cleanPdf())));
  await fileWith(
    citizen,
    { applicantNiu: citizen, procedureCode: quarry.code, companyName: 'Carrières du Haho SARL', communeCode: 'ZIO2', locality: 'Gapé', substance: 'GRAVEL', areaHectares: 2 },
    own,
  );
  targets.push({ name: 'a document of the citizen’s application', uploader: citizen, dossier: { applicant: citizen }, ...own[0]! });
  // The company's application, filed by one of its representatives.
  const companys = await Promise.all(licence.documents.map(async ({ kind }) => uploaded(representative, kind, await cleanPdf())));
  referenceOf.set(companys[0]!.id, await fileWith(representative, { applicantNiu: representative, procedureCode: licence.code, company: { nif: company.nif, rccm: company.rccm } }, companys));
  targets.push({
    name: 'a document of the company’s application',
    uploader: representative,
    dossier: { applicant: representative, representatives: company.representatives.map((r) => r.niu) },
    ...companys[0]!,
  });
}, 60_000);

describe('GET /documents/{id}: who may read a document (callers × documents, from the rule)', () => {
  it('the matrix’s people are who the rule assumes', () => {
    expect(company.representatives.length).toBeGreaterThanOrEqual(2);
    expect(company.representatives.some((r) => r.niu === otherRepresentative)).toBe(false);
    expect(new Set([citizen, stranger, representative, colleague, otherRepresentative]).size).toBe(5);
  });

  it('answers every caller for every document as the rule says: the bytes, or the answer of a document that does not exist', async () => {
    const answers: string[] = [];
    const expected: string[] = [];
    for (const target of targets) {
      for (const caller of callers) {
        const response = await download(target.id, await caller.token());
        const body = Buffer.from(await response.arrayBuffer());
        const status = expectedStatus(caller, target);
        expected.push(`${caller.name} × ${target.name}: ${status}`);
        answers.push(`${caller.name} × ${target.name}: ${response.status}`);
        if (response.status === 200) {
          expect(createHash('sha256').update(body).digest('hex'), `${caller.name} × ${target.name}`).toBe(target.sha256);
          expect(response.headers.get('content-type')).toBe(target.mediaType);
        } else {
          const error = (JSON.parse(body.toString('utf8')) as { errors: { message: string; extensions: { code: string } }[] }).errors[0]!;
          expect(error.extensions.code).toBe(status === 401 ? 'UNAUTHENTICATED' : 'NOT_FOUND');
          // Refused alike whether the document exists or not: nothing of it in the answer.
          expect(body.toString('utf8')).not.toContain(target.sha256);
        }
      }
    }
    expect(answers).toEqual(expected);
    // The matrix is not one-sided: each document has readers and refusals.
    for (const target of targets) {
      const statuses = callers.map((caller) => expectedStatus(caller, target));
      expect(statuses).toContain(200);
      expect(statuses).toContain(404);
    }
  });
});

describe('GET /documents/{id}: the file as served, the audit, typed refusals', () => {
  it('serves the stored bytes as an attachment named after the kind, with the sniffed type, nosniff and no caching', async () => {
    for (const target of targets) {
      const response = await download(target.id, await citizenToken(target.uploader));
      expect(response.status).toBe(200);
      const extension = target.mediaType === 'image/png' ? 'png' : 'pdf';
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${target.kind.toLowerCase()}.${extension}"`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-security-policy')).toContain('sandbox');
    }
  });

  it('puts each download in the access logs: the citizen’s (document:read, and the agent’s read of the dossier), the company’s', async () => {
    const [, own, companys] = targets as [Target, Target, Target];
    expect((await download(own.id, await agentToken('MINES'))).status).toBe(200);
    expect((await download(companys.id, await tokenFor({ role: 'citizen', niu: colleague, clientId: 'portail-entreprises' }))).status).toBe(200);
    type Entry = { kind: string; role: string; client: string; operation: string | null; systems: string[] };
    await expect
      .poll(
        async () => {
          const log = await gql<{ me: { accessLog: Entry[] } }>(accessLog, { last: 50 }, { token: await citizenToken(citizen) });
          const entries = log.data?.me.accessLog ?? [];
          return {
            documentRead: entries.some((e) => e.kind === 'READ' && e.role === 'AGENT' && e.operation === 'document:read' && e.systems.includes('documents')),
            dossierRead: entries.some((e) => e.kind === 'READ' && e.role === 'AGENT' && e.operation === 'DocumentDossier'),
          };
        },
        { timeout: 5_000 },
      )
      .toEqual({ documentRead: true, dossierRead: true });
    await expect
      .poll(
        async () => {
          const log = await gql<{ myCompanies: { nif: string; accessLog: Entry[] }[] }>(companiesLog, { last: 50 }, { token: await citizenToken(representative) });
          const entries = log.data?.myCompanies.find((c) => c.nif === company.nif)?.accessLog ?? [];
          return entries.some((e) => e.kind === 'READ' && e.client === 'portail-entreprises' && e.operation === 'DocumentDossier');
        },
        { timeout: 5_000 },
      )
      .toBe(true);
  });

  it('gives the dossier’s readers each document’s id (the dossier’s documents field), which they may then download', async () => {
    const companys = targets[2]!;
    const reference = referenceOf.get(companys.id)!;
    const shown = await gql<{ dossier: { documents: { id: string | null; kind: string; sha256: string }[] } }>(
      'query($r: ID!) { dossier(reference: $r) { ... on EnergyMinesApplication { documents { id kind sha256 } } } }',
      { r: reference },
      { token: await citizenToken(colleague) },
    );
    expect(shown.errors).toBeUndefined();
    const listed = shown.data!.dossier.documents.find((d) => d.kind === companys.kind)!;
    expect(listed).toEqual({ id: companys.id, kind: companys.kind, sha256: companys.sha256 });
    expect((await download(listed.id!, await citizenToken(colleague))).status).toBe(200);
  });

  it('refuses an unknown id, a malformed id and a path below it alike (NOT_FOUND, in French), and a forged token (UNAUTHENTICATED)', async () => {
    const token = await citizenToken(citizen);
    for (const path of [randomUUID(), 'not-an-id', `${targets[0]!.id}.pdf`, '..%2F..%2Fetc%2Fpasswd']) {
      const response = await fetch(`${documentsUrl()}/${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, path).toBe(404);
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('NOT_FOUND');
      expect(body.errors[0]!.message).toMatch(/Aucun document/);
    }
    const forged = await download(targets[0]!.id, `${token.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });
});

import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seededCompanies } from '../../../legacy/world/index.js';
import { legacySystems, ProcedureCode } from '../../../schema/index.js';
import { ministryDossierTypes } from '../../../subgraphs/dossiers/ministry-dossier-types.js';
import { testApiSchema } from '../../support/api-schema.js';
import { scalarsOf, judge } from '../../support/authorization-matrix/check.js';
import { alwaysEmpty, expectationOf, isCallersOwn, mustBeAudited, partiesOf, type Expectation } from '../../support/authorization-matrix/expectations.js';
import { documentOf, generatePaths, lastEdgeKey, pathKey, type Path } from '../../support/authorization-matrix/paths.js';
import { unclassifiedFields } from '../../support/authorization-matrix/policy.js';
import { matrixRoles, tokenRequestOf, type MatrixRole } from '../../support/authorization-matrix/roles.js';
import { argumentsFor, matrixTargets, setMatrixWebhook, type MatrixTarget } from '../../support/authorization-matrix/targets.js';
import { personOf } from '../../support/citizens.js';
import { filingInputs, filingMutationNames } from '../../support/filing-inputs.js';
import { gql, type GraphQLResponse } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { agentToken, citizenToken, tokenFor } from '../../support/tokens.js';
import { dossiersByCitizen, testWorld } from '../../support/world.js';

/**
 * The authorization matrix, generated from the schema: every way from `Query` to every field (paths of up to four
 * hops, each interface through each implementation) × every kind of caller × every state a system can be in (up;
 * down with nothing remembered; down with last-known values; answering 503; failing until its circuit opens; a
 * submission queued in the outbox; a read shared or cached at the gateway) → allowed or denied as the matrix
 * (tests/support/authorization-matrix/policy.ts) says, never a value of a denied field in any state, and every
 * allowed read of someone else's personal data on that person's audit trail.
 */
const schema = testApiSchema();
/**
 * Every path but those reading the lists of a worklist's applicants: they are whoever filed last, other suites' citizens
 * among them, and each list read is remembered as their last-known value (which would mask the failures those suites
 * inject). The same lists are tried from the matrix's own citizens, by every other root.
 */
const paths = generatePaths(schema).filter((p) => !(p.hops[0]!.type.endsWith('Page') && p.hops.some((h) => h.parent === 'Citizen')));
const targets = matrixTargets();
if (targets.length < 3) throw new Error('the test world has too few citizens with a dossier in every system');
/** Read while every system is up (so remembered as last known), never read before a failure, and a stranger to both. */
const [warm, cold, stranger] = [targets[0]!, targets[1]!, targets[2]!];

/**
 * A company's dossier, tried as a target of its own: its owner is the company's representative who filed it (their
 * token carries the company's mandate), the stranger either a representative of another company or a citizen who
 * represents none. The paths are every one that reads an energy & mines application by reference, and the
 * representative's own `myCompanies` (its access log then holds the filing).
 */
const companies = seededCompanies(testWorld());
const matrixCompany = companies.at(-1)!;
const companyRepresentative = matrixCompany.representatives[0]!.niu;
const otherCompanyRepresentative = companies.find((c) => c.representatives.every((r) => !matrixCompany.representatives.some((m) => m.niu === r.niu)))!.representatives[0]!.niu;
const companyTargets: MatrixTarget[] = [];
const companyPaths = () =>
  paths.filter((p) => (p.hops[0]!.parent === 'Query' && p.hops[0]!.type === 'EnergyMinesApplication' && p.hops[0]!.field !== 'energyMinesApplicationQueue') || p.hops[0]!.field === 'myCompanies');

/**
 * The `integrator-webhooks` caller's own webhook, with one delivery and its attempt (a test message to a closed port
 * of this machine, allowed by the stack's WEBHOOKS_ALLOWED_TARGETS): so that every webhook path has data to read.
 */
beforeAll(async () => {
  // Registered by the same client (the webhook's owner is its `sub`), which then also held dossiers:read.
  const request = tokenRequestOf(matrixRoles.find((r) => r.name === 'integrator-webhooks')!, {
    ownerNiu: warm.niu,
    otherNiu: stranger.niu,
    owningMinistry: 'ENERGY',
    otherMinistry: 'URBAN_PLANNING',
  })!;
  const token = await tokenFor({ ...request, scopes: [...(request.scopes ?? []), 'dossiers:read'] });
  const registered = await gql<{ registerWebhook: { webhook: { id: string } } }>(`mutation { registerWebhook(input: { url: "http://127.0.0.1:9/matrix" }) { webhook { id } } }`, {}, { token });
  const webhookId = registered.data?.registerWebhook.webhook.id;
  if (!webhookId) throw new Error(`the matrix's webhook: ${JSON.stringify(registered.errors)}`);
  const test = await gql<{ testWebhook: { id: string } }>(`mutation($id: ID!) { testWebhook(id: $id) { id } }`, { id: webhookId }, { token });
  const deliveryId = test.data!.testWebhook.id;
  for (let i = 0; i < 100; i += 1) {
    const attempts = await gql<{ webhookDelivery: { attempts: number } }>(`query($id: ID!) { webhookDelivery(id: $id) { attempts } }`, { id: deliveryId }, { token });
    if ((attempts.data?.webhookDelivery.attempts ?? 0) > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  setMatrixWebhook({ webhookId, deliveryId });

  // SIGEM's seeded dossiers carry the papers filed at its counter; CEET's, Urbanisme's and RNEC's carry none: one paper
  // is deposited at each of the target's dossiers there (the simulators' own pieces routes; RNEC's v2 one), so that
  // their `documents` have something to serve — or to leak.
  await depositCounterPaper(`${inject('legacyUrls').ceet}/v1/demandes/${warm.references.ElectricityConnectionRequest!.replace(/^CEET-/, '')}/pieces`, { 'x-api-key': 'dev-ceet-key' });
  await depositCounterPaper(`${inject('legacyUrls').urbanisme}/api/dossiers/${warm.references.BuildingPermitApplication!.replace(/^URB-/, 'PC-')}/pieces`, {});
  await depositCounterPaper(`${inject('legacyUrls').rnec}/v2/demandes/${warm.references.CivilActCopyRequest!.replace(/^RNEC-/, 'DC-')}/pieces`, {});

  // The company's dossier, filed by its representative through the gateway.
  const filed = await gql<{ submitEnergyMinesApplication: { reference: string } }>(
    `mutation($input: EnergyMinesApplicationInput!, $key: String!) { submitEnergyMinesApplication(input: $input, idempotencyKey: $key) { reference } }`,
    { input: companyFiling(companyRepresentative), key: `matrix-company-${randomUUID()}` },
    { token: await citizenToken(companyRepresentative) },
  );
  const reference = filed.data?.submitEnergyMinesApplication.reference;
  if (!reference) throw new Error(`the matrix's company dossier: ${JSON.stringify(filed.errors)}`);
  const base = { niu: companyRepresentative, references: { EnergyMinesApplication: reference }, actNumber: personOf(companyRepresentative).birthActNumber };
  const secrets = [reference, matrixCompany.nif, matrixCompany.rccm, matrixCompany.name];
  companyTargets.push({ ...base, other: otherCompanyRepresentative, secrets }, { ...base, other: stranger.niu, secrets });
});

/** A company-only licence for the matrix's company, filed by `applicantNiu`. */
const companyFiling = (applicantNiu: string) => ({ applicantNiu, procedureCode: ProcedureCode.PETROLEUM_IMPORT_LICENCE, company: { nif: matrixCompany.nif, rccm: matrixCompany.rccm } });

/** One edge per loader call site: the shortest path ending with each `parent.field → type`. */
function edges(of: readonly Path[]): Path[] {
  const byEdge = new Map<string, Path>();
  for (const path of of) {
    const known = byEdge.get(lastEdgeKey(path));
    if (!known || known.hops.length > path.hops.length) byEdge.set(lastEdgeKey(path), path);
  }
  return [...byEdge.values()];
}

interface Tried {
  readonly state: string;
  readonly path: Path;
  readonly role: MatrixRole;
  /** W3C trace id of the request: what its audit records are found by. */
  readonly traceId: string;
  readonly expectation: Expectation;
  readonly response: GraphQLResponse<unknown>;
  readonly target: MatrixTarget;
}

const problems: string[] = [];
const tried: Tried[] = [];
let requests = 0;

/** What a target's data looks like, seen by its owner: the values a denied caller must never get. */
const secretsByTarget = new Map<string, Set<string>>();
function secretsOf(target: MatrixTarget): Set<string> {
  let secrets = secretsByTarget.get(target.niu);
  if (!secrets) {
    const person = personOf(target.niu);
    const dossiers = dossiersByCitizen().get(target.niu);
    const seeded = dossiers ? [...dossiers.ceet, ...dossiers.urb, ...dossiers.rnec, ...dossiers.mem] : [];
    secrets = new Set([person.lastName, person.firstNames, person.birthDate, person.phone, ...seeded, ...(target.secrets ?? [])]);
    secretsByTarget.set(target.niu, secrets);
  }
  return secrets;
}

/** Distinctive values only: not booleans, small numbers, enum-like codes or anything public. */
const distinctive = (value: string) => value.length >= 6 && !/^[A-Z_]+$/.test(value) && !/^\d{1,5}$/.test(value);

/**
 * One operation name for the whole matrix (the gateway's metrics keep a bounded set of operation names: thousands
 * of distinct ones would crowd out every other suite's), and one trace id per request to find its audit records.
 */
const operation = 'AuthorizationMatrix';
const traced = () => {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } };
};

async function tryPath(state: string, path: Path, role: MatrixRole, target: MatrixTarget, strict: boolean): Promise<Tried> {
  const parties = partiesOf(schema, path, target.niu, target.other ?? stranger.niu);
  const expectation = expectationOf(schema, path, role, parties);
  const document = documentOf(schema, path, operation, argumentsFor(target));
  const request = tokenRequestOf(role, parties);
  const token = request ? await tokenFor(request) : undefined;
  const { traceId, headers } = traced();
  const response = await gql(document, {}, { ...(token ? { token } : {}), headers });
  requests += 1;
  const verdict = judge(path, expectation, response, strict);
  const at = `[${state}] ${role.name} on ${pathKey(path)}`;
  for (const problem of verdict.problems) problems.push(`${at}: ${problem}`);
  // The leak scan: whatever the matrix denies, none of the owner's distinctive values may be anywhere in the answer.
  const self = role.name === 'owner' || (isCallersOwn(path) && role.name === 'other-citizen');
  const deniesAll = expectation.deniedHop !== -1 || Object.values(expectation.leaves).every((allowed) => !allowed);
  if (!self && deniesAll) {
    const text = scalarsOf(response).join('\n');
    for (const secret of secretsOf(target)) if (distinctive(secret) && !document.includes(secret) && text.includes(secret)) problems.push(`${at}: LEAK of an owner's value in a denied answer`);
  }
  const entry: Tried = { state, path, role, traceId, expectation, response, target };
  tried.push(entry);
  return entry;
}

/** Runs `tasks` with at most `width` at once. */
async function pooled<T>(tasks: readonly (() => Promise<T>)[], width = 6): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

interface AuditLine {
  readonly niu: string;
  readonly operationName: string | null;
  readonly traceId: string;
  readonly clientId: string;
  readonly action: string;
}

/** The trail as the gateway wrote it: every allowed read by someone else must be there, for the right person. */
function auditedRequests(): Map<string, AuditLine[]> {
  const byTrace = new Map<string, AuditLine[]>();
  for (const line of readFileSync(inject('auditLogPath'), 'utf8').split('\n')) {
    if (!line.includes(`"${operation}"`)) continue;
    const record = JSON.parse(line) as AuditLine;
    if (record.operationName !== operation) continue;
    byTrace.set(record.traceId, [...(byTrace.get(record.traceId) ?? []), record]);
  }
  return byTrace;
}

function checkAudit(since: number, strict: boolean): void {
  const audited = auditedRequests();
  for (const entry of tried.slice(since)) {
    const { path, role, expectation, traceId, target, state } = entry;
    const self = role.name === 'owner' || (isCallersOwn(path) && role.name === 'other-citizen');
    const records = (audited.get(traceId) ?? []).filter((r) => r.clientId === `matrix-${role.name}`);
    const at = `[${state}] ${role.name} on ${pathKey(path)}`;
    if (!self && mustBeAudited(path, expectation, entry.response.data, strict)) {
      const worklist = path.hops[0]!.type.endsWith('Page');
      if (records.length === 0 || (!worklist && !records.some((r) => r.niu === target.niu))) problems.push(`${at}: personal data served, not on the owner's audit trail`);
    }
    // A refusal at the root is never recorded as a read of the person's data.
    if (expectation.deniedHop === 0 && records.some((r) => r.niu === target.niu && r.action === 'read')) problems.push(`${at}: refused, yet recorded as a read`);
  }
}

/**
 * Callers that reach the subgraphs' row-level rules and loaders, where a degraded path could skip a check: the ones
 * the scopes refuse first (anonymous, supervisors) are tried when every system is up and in the cached state.
 */
const degradedRoles = matrixRoles.filter((r) => !['anonymous', 'supervisor', 'integrator-supervision', 'integrator-both'].includes(r.name));

async function runState(state: string, statePaths: readonly Path[], target: MatrixTarget, strict: boolean, roles: readonly MatrixRole[] = matrixRoles): Promise<void> {
  const since = tried.length;
  // The owner first: then the others, whose reads put entries on the owner's access log.
  const owner = roles.filter((r) => r.name === 'owner');
  const others = roles.filter((r) => r.name !== 'owner');
  // A failing system's answers mostly wait on backoff timers, not on the CPU: more of them in flight.
  const width = strict ? 6 : 16;
  await pooled(
    statePaths.flatMap((path) => owner.map((role) => () => tryPath(state, path, role, target, strict))),
    width,
  );
  await pooled(
    statePaths.flatMap((path) => others.map((role) => () => tryPath(state, path, role, target, strict))),
    width,
  );
  checkAudit(since, strict);
}

/** Every legacy system in the same failure at once: each path meets the failure of every system it reads. */
async function withFaults(faults: Parameters<typeof legacyAdmin.setFaults>[1], run: () => Promise<void>): Promise<void> {
  await Promise.all(legacySystems.map((system) => legacyAdmin.setFaults(system, faults)));
  try {
    await run();
  } finally {
    await Promise.all(legacySystems.map((system) => legacyAdmin.reset(system)));
    // Let opened circuits half-open and close on a healthy call before the next state.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const token = await citizenToken(warm.niu);
    await pooled(ministryDossierTypes.map((m) => () => gql(`query { dossier(reference: "${warm.references[m.typeName]}") { reference } me { firstName } }`, {}, { token })));
  }
}

/** A paper deposited at a legacy system's dossier as its counter would (one multipart part named by its kind). */
async function depositCounterPaper(url: string, headers: Record<string, string>): Promise<void> {
  const form = new FormData();
  form.append('IDENTITY_DOCUMENT', new Blob([Buffer.from('%PDF-1.7 pièce remise au guichet')], { type: 'application/pdf' }), 'identite.pdf');
  const response = await fetch(url, { method: 'POST', body: form, headers });
  if (!response.ok) throw new Error(`a counter paper at ${url}: HTTP ${response.status}`);
  const body = (await response.json()) as { pieces?: unknown[] };
  if (!body.pieces?.length) throw new Error(`a counter paper at ${url}: ${JSON.stringify(body)}`);
}

/** Problems found since `since` (each test reports its own), first 40 distinct. */
const report = (since: number) => [...new Set(problems.slice(since))].slice(0, 40);

const edgePaths = edges(paths);

describe('the authorization matrix, generated from the schema', () => {
  afterAll(async () => {
    await Promise.all(legacySystems.map((system) => legacyAdmin.reset(system)));
  });

  it('classifies every field of the API schema, and reaches every object type', () => {
    expect(unclassifiedFields(schema)).toEqual([]);
    expect(paths.length).toBeGreaterThan(100);
  });

  it('every path × every caller, every system up: exactly what the matrix allows, audited', { timeout: 600_000 }, async () => {
    const found = problems.length;
    // Someone else read the target before: its own access log has something to show.
    await gql(`query { dossier(reference: "${warm.references.ElectricityConnectionRequest}") { reference } }`, {}, { token: await agentToken('ENERGY') });
    await runState('up', paths, warm, true);
    // A company's dossier: its representative, another company's, a citizen representing none, every other caller.
    expect(companyTargets).toHaveLength(2);
    for (const target of companyTargets) await runState('up-company', companyPaths(), target, true);
    // Non-vacuity: every path the matrix allows to someone gave that someone data.
    const exercised = new Set(tried.filter((t) => t.state.startsWith('up') && judge(t.path, t.expectation, t.response, true).gotData).map((t) => pathKey(t.path)));
    // (A worklist's first page is whoever filed last: its applicants may have no dossier of some kind; a company
    // applicant is never under a citizen's lists.)
    const anchored = paths.filter((p) => !p.hops[0]!.type.endsWith('Page') && !alwaysEmpty(p));
    const allowedSomewhere = anchored.filter((p) => matrixRoles.some((role) => expectationOf(schema, p, role, partiesOf(schema, p, warm.niu, stranger.niu)).deniedHop === -1));
    expect(allowedSomewhere.filter((p) => !exercised.has(pathKey(p))).map(pathKey)).toEqual([]);
    expect(report(found)).toEqual([]);
  });

  it('every system down, nothing remembered: the same refusals, no leak', { timeout: 300_000 }, async () => {
    const found = problems.length;
    await withFaults({ down: true }, () => runState('down-cold', edgePaths, cold, false, degradedRoles));
    expect(report(found)).toEqual([]);
  });

  it('every system down, last-known values served: only to whom the matrix allows', { timeout: 300_000 }, async () => {
    const found = problems.length;
    const since = tried.length;
    await withFaults({ down: true }, () => runState('last-known', edgePaths, warm, false, degradedRoles));
    // The state was exercised: allowed callers got remembered dossiers of every system (stale: true).
    for (const { typeName } of ministryDossierTypes) {
      const stale = tried.slice(since).some((t) => t.role.name !== 'owner' && t.path.hops.some((h) => h.type === typeName) && JSON.stringify(t.response.data ?? null).includes('"stale":true'));
      expect({ typeName, stale }).toEqual({ typeName, stale: true });
    }
    expect(report(found)).toEqual([]);
  });

  it('every system overloaded (503 + Retry-After): the same refusals, no leak', { timeout: 300_000 }, async () => {
    const found = problems.length;
    await withFaults({ overloadRate: 1, retryAfterSeconds: 0 }, () => runState('overloaded', edgePaths, warm, false, degradedRoles));
    expect(report(found)).toEqual([]);
  });

  it('every system failing until its circuit opens: the same refusals, no leak', { timeout: 300_000 }, async () => {
    const found = problems.length;
    const since = tried.length;
    await withFaults({ errorRate: 1 }, () => runState('circuit', edgePaths, warm, false, degradedRoles));
    expect(tried.slice(since).some((t) => (t.response.errors ?? []).some((e) => e.extensions?.code === 'CIRCUIT_OPEN'))).toBe(true);
    expect(report(found)).toEqual([]);
  });

  it('every system down, a submission of each ministry queued in the outbox: read only as the matrix allows', { timeout: 300_000 }, async () => {
    const found = problems.length;
    const since = tried.length;
    await withFaults({ down: true }, async () => {
      const token = await citizenToken(warm.niu);
      const mutations = schema.getMutationType()!.getFields();
      const references: Record<string, string> = {};
      for (const ministry of ministryDossierTypes) {
        const field = Object.keys(filingInputs).find((name) => mutations[name]!.type.toString().startsWith(ministry.typeName))!;
        const inputType = mutations[field]!.args.find((a) => a.name === 'input')!.type.toString();
        const filed = await gql<Record<string, { reference: string; status: string }>>(
          `mutation($input: ${inputType}, $key: String!) { ${field}(input: $input, idempotencyKey: $key) { reference status } }`,
          { input: filingInputs[field]!(personOf(warm.niu)), key: `matrix-${randomUUID()}` },
          { token },
        );
        expect(filed.data?.[field]?.status).toBe('QUEUED');
        references[ministry.typeName] = filed.data![field]!.reference;
      }
      // Every edge into a dossier type, the by-reference ones now on a queued submission's Guichet reference.
      const landing = edgePaths.filter((p) => p.hops.some((h) => ministryDossierTypes.some((m) => m.typeName === h.type)));
      await runState('queued', landing, { ...warm, references }, false, degradedRoles);
    });
    expect(tried.slice(since).some((t) => t.role.name !== 'owner' && JSON.stringify(t.response.data ?? null).includes('"QUEUED"'))).toBe(true);
    expect(report(found)).toEqual([]);
  });

  it('every filing × every caller: the applicant themself and integrators allowed to write, audited as writes; nobody else', { timeout: 120_000 }, async () => {
    const mutations = schema.getMutationType()!.getFields();
    const writers = new Set(['owner', 'integrator-write-only']);
    const outcomes = await pooled(
      filingMutationNames(schema).flatMap((field) =>
        matrixRoles.map((role) => async () => {
          const inputType = mutations[field]!.args.find((a) => a.name === 'input')!.type.toString();
          // Agents of the applicant's ministries or not: no agent files.
          const request = tokenRequestOf(role, { ownerNiu: cold.niu, otherNiu: stranger.niu, owningMinistry: 'ENERGY', otherMinistry: 'URBAN_PLANNING' });
          const token = request ? await tokenFor(request) : undefined;
          const input = filingInputs[field];
          if (!input) return `${field}: no filing input (tests/support/filing-inputs.ts)`;
          const { traceId, headers } = traced();
          const response = await gql<Record<string, { reference: string } | null>>(
            `mutation ${operation}($input: ${inputType}, $key: String!) { ${field}(input: $input, idempotencyKey: $key) { reference } }`,
            { input: input(personOf(cold.niu)), key: `matrix-${randomUUID()}` },
            { ...(token ? { token } : {}), headers },
          );
          const filed = typeof response.data?.[field]?.reference === 'string';
          const codes = (response.errors ?? []).map((e) => String(e.extensions?.code));
          const records = auditedRequests().get(traceId) ?? [];
          if (writers.has(role.name) !== filed) return `${field} by ${role.name}: ${filed ? 'filed, though the matrix refuses it' : `refused (${codes.join(', ')})`}`;
          if (!filed && !codes.every((c) => c === 'UNAUTHENTICATED' || c === 'FORBIDDEN')) return `${field} by ${role.name}: refused with ${codes.join(', ')}`;
          if (filed && !records.some((r) => r.niu === cold.niu && r.action === 'write')) return `${field} by ${role.name}: filed, not on the applicant's audit trail`;
          return undefined;
        }),
      ),
    );
    expect(outcomes.filter((o) => o !== undefined)).toEqual([]);
  });

  it('a filing for a company × every caller: its representative and integrators allowed to write, audited on the company’s trail; nobody else', { timeout: 120_000 }, async () => {
    const writers = new Set(['owner', 'integrator-write-only']);
    const subject = `company:${matrixCompany.nif}`;
    // The representative is the owner, another company's representative the other citizen.
    const outcomes = await pooled(
      matrixRoles.map((role) => async () => {
        const request = tokenRequestOf(role, { ownerNiu: companyRepresentative, otherNiu: otherCompanyRepresentative, owningMinistry: 'MINES', otherMinistry: 'URBAN_PLANNING' });
        const token = request ? await tokenFor(request) : undefined;
        const { traceId, headers } = traced();
        // Each caller files in its own name where it has one: the mandate is checked against the caller's token.
        const applicant = role.name === 'other-citizen' ? otherCompanyRepresentative : companyRepresentative;
        const response = await gql<{ submitEnergyMinesApplication: { reference: string } | null }>(
          `mutation ${operation}($input: EnergyMinesApplicationInput!, $key: String!) { submitEnergyMinesApplication(input: $input, idempotencyKey: $key) { reference } }`,
          { input: companyFiling(applicant), key: `matrix-company-${randomUUID()}` },
          { ...(token ? { token } : {}), headers },
        );
        const filed = typeof response.data?.submitEnergyMinesApplication?.reference === 'string';
        const codes = (response.errors ?? []).map((e) => String(e.extensions?.code));
        const records = auditedRequests().get(traceId) ?? [];
        if (writers.has(role.name) !== filed) return `company filing by ${role.name}: ${filed ? 'filed, though the matrix refuses it' : `refused (${codes.join(', ')})`}`;
        if (!filed && !codes.every((c) => c === 'UNAUTHENTICATED' || c === 'FORBIDDEN')) return `company filing by ${role.name}: refused with ${codes.join(', ')}`;
        if (filed && !records.some((r) => r.niu === subject && r.action === 'write')) return `company filing by ${role.name}: filed, not on the company's audit trail`;
        return undefined;
      }),
    );
    expect(outcomes.filter((o) => o !== undefined)).toEqual([]);
  });

  it('a read shared or cached at the gateway: the same document, allowed callers first, then everyone else', { timeout: 300_000 }, async () => {
    const found = problems.length;
    const since = tried.length;
    await pooled(
      edgePaths.map((path) => async () => {
        const parties = partiesOf(schema, path, warm.niu, stranger.niu);
        const first = matrixRoles.filter((role) => expectationOf(schema, path, role, parties).deniedHop === -1);
        const then = matrixRoles.filter((role) => !first.includes(role));
        for (const role of [...first, ...then]) await tryPath('cached', path, role, warm, true);
      }),
    );
    checkAudit(since, true);
    expect(report(found)).toEqual([]);
    console.log(`authorization matrix: ${paths.length} paths, ${matrixRoles.length} callers, ${requests} requests`);
  });
});

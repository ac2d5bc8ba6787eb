import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { seededCompanies } from '../../legacy/world/index.js';
import { ProcedureCode } from '../../schema/index.js';
import { externalReferenceFor } from '../../subgraphs/shared/submissions/idempotency.js';
import { errorCodes, gql } from '../support/graphql-client.js';
import { legacyAdmin } from '../support/legacy-admin.js';
import { agentToken, citizenToken, integratorToken, tokenFor } from '../support/tokens.js';
import { testMinesDossiers, testWorld } from '../support/world.js';

/**
 * Companies as applicants, end to end (gateway, subgraphs, SIGEM's simulator, the IdP's register of mandates): a
 * representative files a company-only procedure for their company and sees it; nobody else does; the company's access
 * log shows the reads; every bad input is a typed French error and nothing is filed.
 */
const world = testWorld();
const companies = seededCompanies(world);
const minesApplicants = new Set(testMinesDossiers().map((d) => d.NuiDemandeur));
// A company with two representatives, and another company whose representatives hold no mandate of the first.
const company = companies.find((c) => c.representatives.length >= 2)!;
const [manager, colleague] = company.representatives.map((r) => r.niu) as [string, string];
const representativesOf = (nif: string) => new Set(companies.find((c) => c.nif === nif)!.representatives.map((r) => r.niu));
const otherCompany = companies.find((c) => c.nif !== company.nif && c.representatives.every((r) => !representativesOf(company.nif).has(r.niu)))!;
const otherRepresentative = otherCompany.representatives[0]!.niu;
const mandateHolders = new Set(companies.flatMap((c) => c.representatives.map((r) => r.niu)));
// A citizen who represents nobody and has no SIGEM dossier.
const stranger = world.persons.find((p) => p.deathDate === null && p.birthDate < '1990-01-01' && !mandateHolders.has(p.niu) && !minesApplicants.has(p.niu))!;

/** The portal's shipped documents (clients/operations): what a production gateway accepts. */
const submit = readFileSync(new URL('../../clients/operations/SubmitEnergyMinesApplication.graphql', import.meta.url), 'utf8');
const companiesLog = readFileSync(new URL('../../clients/operations/MyCompaniesAccessLog.graphql', import.meta.url), 'utf8');
const read = `query CompanyDossier($r: ID!) { energyMinesApplication(reference: $r) { reference status company { nif rccm } companyName applicant { niu } } }`;
const unified = `query CompanyDossierUnified($r: ID!) { dossier(reference: $r) { reference ... on EnergyMinesApplication { company { nif } } } }`;

// A petroleum-products import licence: companies only, no site, no surface.
const licence = (applicantNiu: string, nif = company.nif, rccm = company.rccm) => ({ applicantNiu, procedureCode: ProcedureCode.PETROLEUM_IMPORT_LICENCE, company: { nif, rccm } });

/** Applications SIGEM holds under the external reference a filing with this key would get. */
async function filedUnder(applicantNiu: string, idempotencyKey: string): Promise<number> {
  const ref = externalReferenceFor('MEM', ProcedureCode.PETROLEUM_IMPORT_LICENCE, applicantNiu, idempotencyKey);
  const response = await fetch(`${inject('legacyUrls').mines}/api/v2/dossiers?refExterne=${encodeURIComponent(ref)}`);
  return ((await response.json()) as { Donnees: { Dossiers: unknown[] } }).Donnees.Dossiers.length;
}

afterEach(() => legacyAdmin.reset('mines'));

describe('a company’s application, filed by its representative', () => {
  it('is filed for the company, seen by its representatives and the ministry’s agents, and by nobody else; its access log shows the reads', async () => {
    const key = `company-${randomUUID()}`;
    const filed = await gql<{ submitEnergyMinesApplication: { reference: string; status: string } }>(submit, { input: licence(manager), idempotencyKey: key }, { token: await citizenToken(manager) });
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.submitEnergyMinesApplication.status).toBe('SUBMITTED');
    const reference = filed.data!.submitEnergyMinesApplication.reference;
    expect(await filedUnder(manager, key)).toBe(1);

    // The filer sees it, with the company as applicant and themself as the representative who filed.
    const own = await gql(read, { r: reference }, { token: await citizenToken(manager) });
    expect(own.errors).toBeUndefined();
    expect(own.data).toEqual({
      energyMinesApplication: { reference, status: 'SUBMITTED', company: { nif: company.nif, rccm: company.rccm }, companyName: company.name, applicant: { niu: manager } },
    });
    // The other representative, through a client of their own so that the log tells the reads apart.
    const colleagueToken = await tokenFor({ role: 'citizen', niu: colleague, clientId: 'portail-entreprises' });
    expect((await gql(unified, { r: reference }, { token: colleagueToken })).data).toEqual({ dossier: { reference, company: { nif: company.nif } } });
    expect((await gql(read, { r: reference }, { token: await agentToken('MINES') })).data).toMatchObject({ energyMinesApplication: { reference } });

    // Another citizen, another company's representative: the answer of a dossier that does not exist.
    for (const niu of [stranger.niu, otherRepresentative]) {
      for (const query of [read, unified]) {
        const refused = await gql(query, { r: reference }, { token: await citizenToken(niu) });
        expect(errorCodes(refused), niu).toEqual(['NOT_FOUND']);
        expect(JSON.stringify(refused.data ?? null)).not.toContain(company.nif);
      }
    }
    // Not among the filer's own dossiers.
    const mine = await gql<{ me: { dossiers: { nodes: { reference: string }[] } } }>(`{ me { dossiers(first: 50) { nodes { reference } } } }`, {}, { token: await citizenToken(manager) });
    expect(mine.data!.me.dossiers.nodes.map((n) => n.reference)).not.toContain(reference);

    // The company's access log, read by its manager: the filing, the colleague's read, the agent's.
    await expect
      .poll(
        async () => {
          const log = await gql<{ myCompanies: { nif: string; accessLog: { kind: string; role: string; client: string; operation: string | null; systems: string[]; ministry: string | null }[] }[] }>(
            companiesLog,
            { last: 50 },
            { token: await citizenToken(manager) },
          );
          const entries = log.data?.myCompanies.find((c) => c.nif === company.nif)?.accessLog ?? [];
          return {
            write: entries.some((e) => e.kind === 'WRITE' && e.operation === 'SubmitEnergyMinesApplication' && e.systems.includes('mines')),
            colleague: entries.some((e) => e.kind === 'READ' && e.role === 'CITIZEN' && e.client === 'portail-entreprises' && e.operation === 'CompanyDossierUnified'),
            agent: entries.some((e) => e.kind === 'READ' && e.role === 'AGENT' && e.operation === 'CompanyDossier'),
          };
        },
        { timeout: 5_000 },
      )
      .toEqual({ write: true, colleague: true, agent: true });
    // Nobody else's log shows the company, and another company's representative sees only their own company.
    const others = await gql<{ myCompanies: { nif: string; accessLog: unknown[] | null }[] }>(companiesLog, {}, { token: await citizenToken(otherRepresentative) });
    expect(others.data!.myCompanies.map((c) => c.nif)).not.toContain(company.nif);
    expect((await gql<{ myCompanies: unknown[] }>(companiesLog, {}, { token: await citizenToken(stranger.niu) })).data).toEqual({ myCompanies: [] });
    expect(errorCodes(await gql(companiesLog, {}, { token: await agentToken('MINES') }))).toEqual(['FORBIDDEN']);
  });
});

describe('a company’s application: bad input, each a typed French error, nothing filed', () => {
  const attempt = async (token: string, input: Record<string, unknown>, applicantNiu: string) => {
    const key = `company-bad-${randomUUID()}`;
    const before = (await legacyAdmin.calls('mines')).deposerDossier ?? 0;
    const response = await gql(submit, { input, idempotencyKey: key }, { token });
    return {
      codes: errorCodes(response),
      message: response.errors?.[0]?.message ?? '',
      extensions: response.errors?.[0]?.extensions ?? {},
      data: response.data?.submitEnergyMinesApplication ?? null,
      deposits: ((await legacyAdmin.calls('mines')).deposerDossier ?? 0) - before,
      filed: await filedUnder(applicantNiu, key),
    };
  };

  it('a malformed NIF or RCCM: BAD_USER_INPUT naming each field, SIGEM not called', async () => {
    const bad = await attempt(await citizenToken(manager), licence(manager, '1000000017', 'RC-LOME-1234'), manager);
    expect(bad).toMatchObject({ codes: ['BAD_USER_INPUT'], data: null, deposits: 0, filed: 0 });
    const fields = bad.extensions.fields as { path: string[]; message: string }[];
    expect(fields.map((f) => f.path.join('.'))).toEqual(['input.company.nif', 'input.company.rccm']);
    expect(fields.map((f) => f.message).join(' ')).toMatch(/clé de contrôle.*TG-LOM-2019-B-01234/);
  });

  it('a company the caller does not represent: FORBIDDEN, in French, SIGEM not called', async () => {
    const bad = await attempt(await citizenToken(manager), licence(manager, otherCompany.nif, otherCompany.rccm), manager);
    expect(bad).toMatchObject({ codes: ['FORBIDDEN'], data: null, deposits: 0, filed: 0 });
    expect(bad.message).toMatch(/Vous ne représentez pas la société/);
  });

  it('a company-only procedure filed by a citizen in their own name: BAD_USER_INPUT, in French, SIGEM not called', async () => {
    const bad = await attempt(await citizenToken(stranger.niu), { applicantNiu: stranger.niu, procedureCode: ProcedureCode.PETROLEUM_IMPORT_LICENCE }, stranger.niu);
    expect(bad).toMatchObject({ codes: ['BAD_USER_INPUT'], data: null, deposits: 0, filed: 0 });
    expect(bad.message).toMatch(/réservée aux sociétés/);
  });

  it('a company SIGEM does not know: SIGEM’s own refusal (SOCIETE_INCONNUE) as BAD_USER_INPUT from the mines system, nothing filed', async () => {
    // Its NIF with another company's RCCM, by its own representative…
    const mismatched = await attempt(await citizenToken(manager), licence(manager, company.nif, otherCompany.rccm), manager);
    expect(mismatched).toMatchObject({ codes: ['BAD_USER_INPUT'], extensions: { system: 'mines' }, data: null, deposits: 1, filed: 0 });
    expect(mismatched.message).toMatch(/Aucune société immatriculée/);
    // …and a well-formed company nobody registered, filed by an integrator allowed to file for anyone.
    expect(companies.some((c) => c.nif === '1000000016')).toBe(false);
    const unknown = await attempt(await integratorToken('dossiers:write'), licence(manager, '1000000016', 'TG-LOM-2019-B-01234'), manager);
    expect(unknown).toMatchObject({ codes: ['BAD_USER_INPUT'], extensions: { system: 'mines' }, data: null, deposits: 1, filed: 0 });
    expect(unknown.message).toMatch(/Aucune société immatriculée/);
  });
});

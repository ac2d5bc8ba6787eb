import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { procedureOfCode, substanceOfLegacyCode } from '../../adapters/mines/index.js';
import { documentKindLabels, handlingBodies, minesProcedureRows, ProcedureCode, procedures, type DocumentKind, type MinesProcedureRow } from '../../schema/index.js';
import { errorCodes, gql } from '../support/graphql-client.js';
import { legacyAdmin } from '../support/legacy-admin.js';
import { agentToken, citizenToken, supervisorToken } from '../support/tokens.js';
import { citizensInAllSystems, citizensWithMinesDossiers, testMinesDossiers, testWorld } from '../support/world.js';

/**
 * The fourth ministry, added with `npm run new:ministry`, end to end through the gateway: unified dossiers, lookup by
 * reference, the catalogue, submissions (queued while SIGEM is down), supervision figures, and its agents' boundary.
 */
const holder = citizensWithMinesDossiers()[0]!;
const stranger = citizensInAllSystems()[30]!;
const world = testWorld();
const minesApplicants = new Set(testMinesDossiers().map((d) => d.NuiDemandeur));
// An adult with no SIGEM dossier yet, whom no other suite files for.
const applicant = world.persons.filter((p) => p.birthDate < '1985-01-01' && p.deathDate === null && !minesApplicants.has(p.niu))[21]!;
const memCodes = procedures.filter((p) => p.ministry === 'MINES').map((p) => p.code);

interface Node {
  __typename: string;
  reference: string;
  updatedAt: string;
  status: string;
  procedure: { code: string; ministryCode: string } | null;
  substance?: string | null;
  areaHectares?: number | null;
}
const myDossiers = `{ me { dossiers(first: 20) { totalCount incomplete nodes { __typename reference updatedAt status procedure { code ministryCode } ... on EnergyMinesApplication { substance areaHectares filingFeeFcfa } } } } }`;
const byReference = `query($r: ID!) { dossier(reference: $r) { __typename reference status ministryStatus ... on EnergyMinesApplication { companyName communeCode substance areaHectares } } }`;
/** The portal's shipped document (clients/operations): the one a production gateway accepts. */
const submit = readFileSync(new URL('../../clients/operations/SubmitEnergyMinesApplication.graphql', import.meta.url), 'utf8');
const quarry = {
  applicantNiu: applicant.niu,
  procedureCode: ProcedureCode.QUARRY_AUTHORIZATION,
  companyName: 'Carrières du Zio SARL',
  communeCode: 'ZIO2',
  locality: 'Gapé',
  substance: 'GRAVEL',
  areaHectares: 4.5,
};

/** Applications SIGEM holds under an external reference (a retried POST would make a second). */
async function filedUnder(externalReference: string): Promise<number> {
  const response = await fetch(`${inject('legacyUrls').mines}/api/v2/dossiers?refExterne=${encodeURIComponent(externalReference)}`);
  return ((await response.json()) as { Donnees: { Dossiers: unknown[] } }).Donnees.Dossiers.length;
}

afterEach(() => legacyAdmin.reset('mines'));

describe('energy & mines — the citizen’s dossiers', () => {
  it('lists the MEM dossiers among the others in the unified list, most recently updated first', async () => {
    const response = await gql<{ me: { dossiers: { totalCount: number; incomplete: boolean; nodes: Node[] } } }>(myDossiers, {}, { token: await citizenToken(holder.niu) });
    expect(response.errors).toBeUndefined();
    const { totalCount, incomplete, nodes } = response.data!.me.dossiers;
    expect(incomplete).toBe(false);
    expect(totalCount).toBe(holder.ceet.length + holder.urb.length + holder.rnec.length + holder.mem.length);
    const mem = nodes.filter((n) => n.reference.startsWith('MEM-'));
    expect(mem.map((n) => n.reference).sort()).toEqual([...holder.mem].sort());
    for (const node of mem) {
      expect(node).toMatchObject({ __typename: 'EnergyMinesApplication', procedure: { ministryCode: 'MINES' } });
      expect(memCodes).toContain(node.procedure?.code);
    }
    const times = nodes.map((n) => Date.parse(n.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('finds one MEM dossier by reference for its holder, and answers NOT_FOUND to anyone else', async () => {
    const reference = holder.mem[0]!;
    const own = await gql<{ dossier: { __typename: string; reference: string } }>(byReference, { r: reference }, { token: await citizenToken(holder.niu) });
    expect(own.errors).toBeUndefined();
    expect(own.data!.dossier).toMatchObject({ __typename: 'EnergyMinesApplication', reference });
    const theirs = await gql(byReference, { r: reference }, { token: await citizenToken(stranger.niu) });
    expect(errorCodes(theirs)).toEqual(['NOT_FOUND']);
    expect(theirs.data?.dossier ?? null).toBeNull();
  });
});

describe('energy & mines — the catalogue', () => {
  it('lists the ministry’s 29 procedures from its table, each with documents by kind, a fee, a legal delay, its body and applicants', async () => {
    type Entry = {
      code: string;
      ministryCode: string;
      feeFcfa: number;
      legalDelayDays: number;
      requiredDocuments: string[];
      documents: { kind: string; label: string; detail: string | null }[];
      handlingBody: { code: string; name: string } | null;
      applicantKinds: string[];
    };
    const response = await gql<{ procedures: Entry[] }>(
      '{ procedures { code ministryCode feeFcfa legalDelayDays requiredDocuments documents { kind label detail } handlingBody { code name } applicantKinds } }',
    );
    expect(response.errors).toBeUndefined();
    const mines = response.data!.procedures.filter((p) => p.ministryCode === 'MINES');
    expect(mines).toHaveLength(minesProcedureRows.length);
    expect(mines.map((p) => p.code)).toEqual(minesProcedureRows.map((r) => r.code));
    for (const [i, p] of mines.entries()) {
      const row = minesProcedureRows[i]!;
      expect(p.documents.map((d) => d.kind)).toEqual(row.documents.map((d) => (typeof d === 'string' ? d : d.kind)));
      for (const d of p.documents) expect(d.label).toBe(documentKindLabels[d.kind as DocumentKind]);
      expect(p.requiredDocuments).toEqual(p.documents.map((d) => d.detail ?? d.label));
      expect(p).toMatchObject({ feeFcfa: row.feeFcfa, legalDelayDays: row.legalDelayDays, handlingBody: { code: row.body, name: handlingBodies[row.body].name }, applicantKinds: [...row.applicants] });
      expect(p.feeFcfa).toBeGreaterThanOrEqual(0);
      expect(p.legalDelayDays).toBeGreaterThan(0);
    }
    expect(mines.find((p) => p.code === 'MEM-PERMIS-RECHERCHE')).toMatchObject({ feeFcfa: 500_000, legalDelayDays: 90, handlingBody: { code: 'DGMG' }, applicantKinds: ['COMPANY'] });
  });
});

/** A valid input for a procedure, from its row: a site if it has one, a substance and the smallest surface if it is a mining title. */
function inputFor(row: MinesProcedureRow, niu: string): Record<string, unknown> {
  const mining = procedureOfCode(row.code)?.mining ?? null;
  return {
    applicantNiu: niu,
    procedureCode: row.code,
    ...(row.sigem.site ? { communeCode: 'KOZAH1', locality: 'Kpéwa' } : {}),
    ...(mining && row.sigem.mining ? { substance: substanceOfLegacyCode[row.sigem.mining.usualSubstances[0]!], areaHectares: mining.minHectares } : {}),
  };
}

// An adult with no SIGEM dossier, none of the suites' citizens in all systems, the last of them (suites pick from the
// start): one of each procedure open to citizens.
const inAllSystems = new Set(citizensInAllSystems().map((c) => c.niu));
const matrixApplicant = world.persons.filter((p) => p.birthDate < '1985-01-01' && p.deathDate === null && !minesApplicants.has(p.niu) && !inAllSystems.has(p.niu)).at(-1)!;
const openToCitizens = minesProcedureRows.filter((r) => (r.applicants as readonly string[]).includes('CITIZEN'));

describe('energy & mines — one of each procedure open to citizens, filed through the gateway', () => {
  it.each(openToCitizens.map((r) => [r.code, r] as const))('%s', async (code, row) => {
    const response = await gql<{ submitEnergyMinesApplication: { reference: string; status: string; filingFeeFcfa: number; procedure: { code: string } } }>(
      submit,
      { input: inputFor(row, matrixApplicant.niu), idempotencyKey: `mem-matrix-${randomUUID()}` },
      { token: await citizenToken(matrixApplicant.niu) },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.submitEnergyMinesApplication).toMatchObject({ status: 'SUBMITTED', filingFeeFcfa: row.feeFcfa, procedure: { code } });
    expect(response.data!.submitEnergyMinesApplication.reference).toMatch(/^MEM-\d{4}-\d{6}$/);
  });
});

describe('energy & mines — submissions', () => {
  it('files a quarry authorization with SIGEM, once per idempotency key', async () => {
    const token = await citizenToken(applicant.niu);
    const key = `mem-${randomUUID()}`;
    const first = await gql<{ submitEnergyMinesApplication: { reference: string; status: string; substance: string; areaHectares: number; filingFeeFcfa: number } }>(
      submit,
      { input: quarry, idempotencyKey: key },
      { token },
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitEnergyMinesApplication).toMatchObject({ status: 'SUBMITTED', substance: 'GRAVEL', areaHectares: 4.5, filingFeeFcfa: 250_000 });
    expect(first.data!.submitEnergyMinesApplication.reference).toMatch(/^MEM-\d{4}-\d{6}$/);
    const again = await gql<{ submitEnergyMinesApplication: { reference: string } }>(submit, { input: quarry, idempotencyKey: key }, { token });
    expect(again.data!.submitEnergyMinesApplication.reference).toBe(first.data!.submitEnergyMinesApplication.reference);
  });

  it('refuses a mining title without its surface, in French, before SIGEM sees it', async () => {
    const response = await gql(submit, { input: { ...quarry, areaHectares: null }, idempotencyKey: `mem-${randomUUID()}` }, { token: await citizenToken(applicant.niu) });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toMatch(/superficie/);
  });

  it('answers QUEUED while SIGEM is down, then delivers the application exactly once', async () => {
    const token = await citizenToken(applicant.niu);
    const key = `mem-down-${randomUUID()}`;
    const installer = { applicantNiu: applicant.niu, procedureCode: ProcedureCode.ELECTRICAL_INSTALLER_APPROVAL };
    await legacyAdmin.setFaults('mines', { down: true });
    const queued = await gql<{ submitEnergyMinesApplication: { reference: string; status: string } }>(submit, { input: installer, idempotencyKey: key }, { token });
    expect(queued.errors).toBeUndefined();
    const reference = queued.data!.submitEnergyMinesApplication.reference;
    expect(queued.data!.submitEnergyMinesApplication.status).toBe('QUEUED');
    expect(reference).toMatch(/^GCH-MEM-[0-9A-F]{20}$/);
    await legacyAdmin.reset('mines');
    await expect
      .poll(async () => (await gql<{ dossier: { status: string } | null }>(byReference, { r: reference }, { token })).data?.dossier?.status, { timeout: 40_000, interval: 500 })
      .toBe('SUBMITTED');
    expect(await filedUnder(reference)).toBe(1);
  }, 60_000);
});

describe('energy & mines — agents and supervision', () => {
  it('lets an agent of the ministry read its dossiers and queue, and nothing of another ministry', async () => {
    const mines = await agentToken('MINES');
    const reference = holder.mem[0]!;
    expect((await gql<{ dossier: { reference: string } }>(byReference, { r: reference }, { token: mines })).data?.dossier).toMatchObject({ reference });
    const queue = await gql<{ energyMinesApplicationQueue: { totalCount: number; nodes: { reference: string }[] } }>(
      '{ energyMinesApplicationQueue(pageSize: 10) { totalCount nodes { reference } } }',
      {},
      { token: mines },
    );
    expect(queue.errors).toBeUndefined();
    expect(queue.data!.energyMinesApplicationQueue.totalCount).toBeGreaterThanOrEqual(testMinesDossiers().length);
    for (const node of queue.data!.energyMinesApplicationQueue.nodes) expect(node.reference).toMatch(/^MEM-/);
    expect(errorCodes(await gql(byReference, { r: stranger.urb[0] }, { token: mines }))).toEqual(['NOT_FOUND']);
    // CEET's agents belong to another ministry code: no MEM dossier, no queue.
    const energy = await agentToken('ENERGY');
    expect(errorCodes(await gql(byReference, { r: reference }, { token: energy }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gql('{ energyMinesApplicationQueue { totalCount } }', {}, { token: energy }))).toContain('FORBIDDEN');
  });

  it('counts the ministry in the supervision figures, from SIGEM’s change feed, and shows SIGEM’s health', async () => {
    const token = await supervisorToken();
    const query = `query($filter: SupervisionFilter) { supervision(filter: $filter) { byMinistry { ministry figures { total } } byProcedure { procedure { code } figures { total } } legacySystems { system name circuit } } }`;
    type Overview = {
      supervision: {
        byMinistry: { ministry: string; figures: { total: number } }[];
        byProcedure: { procedure: { code: string }; figures: { total: number } }[];
        legacySystems: { system: string; name: string | null; circuit: string | null }[];
      };
    };
    const total = async () => (await gql<Overview>(query, { filter: null }, { token })).data?.supervision.byMinistry.find((m) => m.ministry === 'MINES')?.figures.total ?? 0;
    await expect.poll(total, { timeout: 20_000, interval: 500 }).toBeGreaterThanOrEqual(testMinesDossiers().length);
    const filtered = await gql<Overview>(query, { filter: { ministry: 'MINES' } }, { token });
    expect(filtered.errors).toBeUndefined();
    expect(filtered.data!.supervision.byMinistry.map((m) => m.ministry)).toEqual(['MINES']);
    for (const p of filtered.data!.supervision.byProcedure) expect(memCodes).toContain(p.procedure.code);
    expect(filtered.data!.supervision.legacySystems.find((s) => s.system === 'mines')).toMatchObject({ name: 'SIGEM — Titres miniers et autorisations énergétiques', circuit: expect.any(String) });
  });
});

import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createCeetAdapter } from '../../adapters/ceet/index.js';
import { createMinesAdapter } from '../../adapters/mines/index.js';
import { createUrbanismeAdapter } from '../../adapters/urbanisme/index.js';
import { findProcedure } from '../../schema/index.js';
import { errorCodes, gql } from '../support/graphql-client.js';
import { agentToken, citizenToken, integratorToken, supervisorToken } from '../support/tokens.js';
import { testWorld } from '../support/world.js';

/** The supervision room's API through the real gateway, over the read model the real change feeds fill. */
const figures = `total byStatus { status count } processingDaysP50 processingDaysP90 backlog backlogAgeDaysP50 backlogAgeDaysMax beyondLegalDelayShare waitingOnCitizen`;
const overview = `query Supervision($filter: SupervisionFilter) {
  supervision(filter: $filter) {
    asOf incomplete unavailableSystems
    totals { ${figures} }
    byMinistry { ministry figures { ${figures} } }
    byProcedure { procedure { code title legalDelayDays } figures { ${figures} } }
    byCommune { commune figures { total backlog } }
    submittedPerDay { day count }
    legacySystems { system name circuit }
  }
}`;

interface Figures {
  total: number;
  byStatus: { status: string; count: number }[];
  processingDaysP50: number | null;
  backlog: number;
  beyondLegalDelayShare: number;
  waitingOnCitizen: number;
}
interface Overview {
  asOf: string;
  incomplete: boolean;
  unavailableSystems: string[];
  totals: Figures;
  byMinistry: { ministry: string; figures: Figures }[];
  byProcedure: { procedure: { code: string; title: string; legalDelayDays: number }; figures: Figures }[];
  byCommune: { commune: string; figures: { total: number; backlog: number } }[];
  submittedPerDay: { day: string; count: number }[];
  legacySystems: { system: string; name: string | null; circuit: string | null }[];
}

const world = testWorld();
const applicant = world.persons.find((p) => p.birthDate < '1990-01-01' && p.deathDate === null)!;

async function supervision(filter: Record<string, unknown> | null = null): Promise<Overview> {
  const response = await gql<{ supervision: Overview }>(overview, { filter }, { token: await supervisorToken() });
  expect(response.errors).toBeUndefined();
  return response.data!.supervision;
}

/** Polls the API until `done` holds (the read model polls the feeds every SUPERVISION_POLL_MS, 2 s by default). */
async function eventually(filter: Record<string, unknown> | null, done: (o: Overview) => boolean, timeoutMs = 15_000): Promise<Overview> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await supervision(filter);
    if (done(view) || Date.now() > deadline) return view;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const ceet = () => createCeetAdapter({ baseUrl: inject('legacyUrls').ceet, apiKey: 'dev-ceet-key', timeoutMs: 3000 });
const urbanisme = () => createUrbanismeAdapter({ baseUrl: inject('legacyUrls').urbanisme, timeoutMs: 3000 });
const mines = () => createMinesAdapter({ baseUrl: inject('legacyUrls').mines, timeoutMs: 3000 });

describe('supervision API', () => {
  let loaded: Overview;
  beforeAll(async () => {
    loaded = await eventually(null, (o) => !o.incomplete);
  });

  it('gives a supervisor the figures of every ministry, once the feeds are loaded', async () => {
    expect(loaded).toMatchObject({ incomplete: false, unavailableSystems: [] });
    expect(Date.now() - Date.parse(loaded.asOf)).toBeLessThan(60_000);
    const [ceetTotal, urbTotal, minesAll] = await Promise.all([
      ceet().listRequests({ page: 1, pageSize: 1 }),
      urbanisme().listApplications({ limit: 1 }),
      mines().listChangedDossiers('2000-01-01T00:00:00Z'),
    ]);
    const view = await eventually(
      null,
      (o) => o.byMinistry.find((m) => m.ministry === 'ENERGY')?.figures.total === ceetTotal.totalCount && o.byMinistry.find((m) => m.ministry === 'MINES')?.figures.total === minesAll.length,
    );
    const of = (ministry: string) => view.byMinistry.find((m) => m.ministry === ministry)?.figures.total;
    // Exactly what the legacy systems hold (earlier tests filed some), every dossier counted once.
    expect(of('ENERGY')).toBe(ceetTotal.totalCount);
    expect(of('URBAN_PLANNING')).toBe(urbTotal.totalCount);
    expect(of('CIVIL_REGISTRY')).toBeGreaterThanOrEqual(world.copyRequests.length);
    expect(of('MINES')).toBe(minesAll.length);
    const sum = (list: { figures: { total: number } }[]) => list.reduce((n, g) => n + g.figures.total, 0);
    expect(sum(view.byMinistry)).toBe(view.totals.total);
    expect(sum(view.byProcedure)).toBe(view.totals.total);
    // Electrical installers' approvals concern a person, not a site: no commune, so not in byCommune.
    expect(sum(view.byCommune)).toBe(view.totals.total - minesAll.filter((r) => r.communeCode === null).length);
    expect(view.submittedPerDay.reduce((n, d) => n + d.count, 0)).toBe(view.totals.total);
    expect(view.totals.byStatus.reduce((n, s) => n + s.count, 0)).toBe(view.totals.total);
    expect(view.totals).toMatchObject({ processingDaysP50: expect.any(Number), backlog: expect.any(Number) });
    expect(view.totals.beyondLegalDelayShare).toBeGreaterThan(0);
    expect(view.totals.waitingOnCitizen).toBeGreaterThan(0);
    // Each system's health comes from the ministry subgraph that calls it.
    expect(view.legacySystems.map((s) => s.system)).toEqual(['rnec', 'ceet', 'urbanisme', 'mines']);
    for (const health of view.legacySystems) expect(health).toMatchObject({ name: expect.any(String), circuit: expect.any(String) });
  });

  it('resolves each procedure from the catalogue (the dossiers subgraph): title and legal delay', () => {
    expect(loaded.byProcedure.length).toBeGreaterThanOrEqual(3);
    for (const { procedure } of loaded.byProcedure) {
      expect(procedure.title).toBe(findProcedure(procedure.code)?.title);
      expect(procedure.legalDelayDays).toBe(findProcedure(procedure.code)?.legalDelayDays);
    }
  });

  it('holds nothing personal: no NIU, no dossier reference, no name anywhere in the answer', async () => {
    const response = await gql(overview, { filter: null }, { token: await supervisorToken() });
    const text = JSON.stringify(response);
    expect(text).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
    expect(text).not.toMatch(/\b(?:CEET|URB|RNEC)-\d{4}-\d+|\b(?:DC|PC)-\d{4}-\d+/);
    expect(text).not.toContain(applicant.lastName);
  });

  it('filters by ministry, procedure, commune and period', async () => {
    const energy = await supervision({ ministry: 'ENERGY' });
    expect(energy.byMinistry.map((m) => m.ministry)).toEqual(['ENERGY']);
    const commune = await supervision({ commune: 'GOLFE1' });
    expect(commune.byCommune.map((c) => c.commune)).toEqual(['GOLFE1']);
    expect(commune.totals.total).toBeLessThan(loaded.totals.total);
    const october = await supervision({ procedure: 'URB-PERMIS-CONSTRUIRE', from: '2026-10-01', to: '2026-10-31' });
    expect(october.submittedPerDay).toHaveLength(31);
    expect(october.byProcedure.map((p) => p.procedure.code)).toEqual(['URB-PERMIS-CONSTRUIRE']);
    const refused = await gql(overview, { filter: { procedure: 'INCONNUE' } }, { token: await supervisorToken() });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
  });

  it('shows a new submission within a few seconds', async () => {
    const filter = { ministry: 'ENERGY' };
    const before = await supervision(filter);
    const submittedBefore = before.totals.byStatus.find((s) => s.status === 'SUBMITTED')?.count ?? 0;
    const filed = await gql<{ requestElectricityConnection: { status: string } }>(
      `mutation($input: ElectricityConnectionInput!, $key: String!) { requestElectricityConnection(input: $input, idempotencyKey: $key) { status } }`,
      { input: { applicantNiu: applicant.niu, meterType: 'SINGLE_PHASE', communeCode: 'TONE1', quarter: 'Nassablé', applianceCount: 4 }, key: `supervision-${randomUUID()}` },
      { token: await citizenToken(applicant.niu) },
    );
    expect(filed.data?.requestElectricityConnection.status).toBe('SUBMITTED');
    const filedAt = Date.now();
    const after = await eventually(filter, (o) => o.totals.total === before.totals.total + 1, 10_000);
    const shownAfterMs = Date.now() - filedAt;
    expect(after.totals.total).toBe(before.totals.total + 1);
    expect(shownAfterMs).toBeLessThan(6_000);
    expect(after.totals.byStatus.find((s) => s.status === 'SUBMITTED')?.count).toBe(submittedBefore + 1);
    expect(after.submittedPerDay.at(-1)?.count).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['a citizen', () => citizenToken(applicant.niu)],
    ['an agent', () => agentToken('ENERGY')],
    ['an integrator without supervision:read', () => integratorToken('dossiers:read')],
  ])('%s is FORBIDDEN, with no data', async (_who, token) => {
    const response = await gql(overview, { filter: null }, { token: await token() });
    expect(response.data).toBeNull();
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });

  it('an anonymous caller is UNAUTHENTICATED, with no data', async () => {
    const response = await gql(overview, { filter: null });
    expect(response.data).toBeNull();
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('an integrator granted supervision:read gets the aggregates', async () => {
    const response = await gql<{ supervision: Overview }>(`{ supervision { totals { total } } }`, {}, { token: await integratorToken('supervision:read') });
    expect(response.errors).toBeUndefined();
    expect(response.data!.supervision.totals.total).toBeGreaterThan(0);
  });
});

import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createCeetAdapter } from '../../adapters/ceet/index.js';
import { createMinesAdapter } from '../../adapters/mines/index.js';
import { createUrbanismeAdapter } from '../../adapters/urbanisme/index.js';
import { findProcedure } from '../../schema/index.js';
import { errorCodes, gql } from '../support/graphql-client.js';
import { sample } from '../support/prometheus.js';
import { readSupervisionRules } from '../support/supervision-rules.js';
import { agentToken, citizenToken, integratorToken, supervisorToken } from '../support/tokens.js';
import { testWorld } from '../support/world.js';

/** The supervision room's API through the real gateway, over the read model the real change feeds fill. */
const figures = `total byStatus { status count } processingDaysP50 processingDaysP90 backlog backlogAgeDaysP50 backlogAgeDaysMax beyondLegalDelayShare beyondLegalDelay overdueBacklog waitingOnCitizen`;
const overview = `query Supervision($filter: SupervisionFilter) {
  supervision(filter: $filter) {
    asOf incomplete unavailableSystems minGroupSize belowFloor withheldGroups
    alertThresholds { beyondLegalDelayShare overdueBacklog }
    previousPeriod { from to belowFloor totals { ${figures} } }
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
  beyondLegalDelay: number;
  overdueBacklog: number;
  waitingOnCitizen: number;
}
interface Overview {
  asOf: string;
  incomplete: boolean;
  unavailableSystems: string[];
  minGroupSize: number;
  belowFloor: boolean;
  withheldGroups: number;
  alertThresholds: { beyondLegalDelayShare: number; overdueBacklog: number };
  previousPeriod: { from: string; to: string; belowFloor: boolean; totals: Figures } | null;
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
    // Procedures under the aggregation floor are left out of the list, never out of the totals.
    const unlisted = view.totals.total - sum(view.byProcedure);
    expect(unlisted).toBeGreaterThanOrEqual(0);
    expect(unlisted).toBeLessThanOrEqual(view.withheldGroups * (view.minGroupSize - 1));
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

  it('lists no group under the aggregation floor, and withholds a selection under it', async () => {
    expect(loaded.minGroupSize).toBe(5);
    for (const group of [...loaded.byMinistry, ...loaded.byProcedure, ...loaded.byCommune]) expect(group.figures.total).toBeGreaterThanOrEqual(5);
    // A SIGEM procedure on a day it got between 1 and 4 applications: a selection small enough to point at someone.
    const perDay = new Map<string, number>();
    for (const record of await mines().listChangedDossiers('2000-01-01T00:00:00Z')) {
      const key = `${record.procedureCode} ${record.submittedAt.slice(0, 10)}`;
      perDay.set(key, (perDay.get(key) ?? 0) + 1);
    }
    const small = [...perDay].find(([, count]) => count > 0 && count < 5);
    expect(small, 'a procedure-day with 1–4 applications').toBeDefined();
    const [procedure, day] = small![0].split(' ') as [string, string];
    const withheld = await supervision({ procedure, from: day, to: day });
    expect(withheld).toMatchObject({ belowFloor: true, byProcedure: [], byCommune: [], byMinistry: [], totals: { total: 0, backlog: 0 } });
  });

  it('counts the open dossiers past their legal delay, gives the thresholds, and compares with the previous period', async () => {
    expect(loaded.alertThresholds).toEqual({ beyondLegalDelayShare: 0.25, overdueBacklog: 20 });
    expect(loaded.totals.overdueBacklog).toBeGreaterThan(0);
    expect(loaded.totals.overdueBacklog).toBeLessThanOrEqual(loaded.totals.backlog);
    expect(Math.abs(loaded.totals.beyondLegalDelay / loaded.totals.total - loaded.totals.beyondLegalDelayShare)).toBeLessThan(0.0001);
    expect(loaded.previousPeriod).toBeNull();
    const october = await supervision({ ministry: 'ENERGY', from: '2026-10-01', to: '2026-10-31' });
    expect(october.previousPeriod).toMatchObject({ from: '2026-08-31', to: '2026-09-30' });
    const september = await supervision({ ministry: 'ENERGY', from: '2026-08-31', to: '2026-09-30' });
    // Counts only: ages move with asOf, which moves with every poll between the two reads.
    expect(october.previousPeriod!.totals.total).toBe(september.totals.total);
    expect(september.totals.total).toBeGreaterThan(0);
  });

  it('exports the per-procedure figures and the thresholds as metrics, every metric the example alerting rules read among them', async () => {
    const { metrics } = readSupervisionRules();
    expect(metrics.length).toBeGreaterThanOrEqual(4);
    const url = inject('serviceUrls').supervision!.replace(/\/graphql$/, '/metrics');
    const scraped = await (await fetch(url, { headers: { connection: 'close' } })).text();
    for (const metric of metrics) expect(scraped, metric).toMatch(new RegExp(`^${metric}(\\{| )`, 'm'));
    expect(sample(scraped, 'guichet_supervision_alert_threshold', { threshold: 'overdue_backlog' })).toBe(20);
    // The same figure as the API's, read until both sides saw the same ingestion.
    const code = 'CEET-RACCORDEMENT-BT';
    await expect
      .poll(
        async () => {
          const api = (await supervision(null)).byProcedure.find((p) => p.procedure.code === code)?.figures.overdueBacklog;
          const text = await (await fetch(url, { headers: { connection: 'close' } })).text();
          return api === sample(text, 'guichet_supervision_procedure_overdue_backlog', { procedure: code, ministry: 'ENERGY', body: 'CEET' });
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(true);
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

import { describe, expect, it } from 'vitest';
import type { DossierRecord, LegacySystem } from '../../../adapters/shared/index.js';
import { ProcedureCode, type DossierStatus } from '../../../schema/index.js';
import { createReadModel, factOf, type DossierFact } from './index.js';

/** A hand-written version of a dossier as a change feed gives it: its history, oldest first. */
function version(system: LegacySystem, reference: string, procedureCode: string, commune: string | null, steps: readonly [DossierStatus, string][]): DossierFact {
  const history = steps.map(([status, at]) => ({ status, ministryStatus: status, at }));
  const last = history.at(-1)!;
  const record: DossierRecord = {
    reference,
    applicantNiu: '123456789012',
    status: last.status,
    ministryStatus: last.ministryStatus,
    ministryStatusCode: last.status,
    submittedAt: history[0]!.at,
    updatedAt: last.at,
    history,
    nextAction: null,
    procedureCode: procedureCode as DossierRecord['procedureCode'],
    externalReference: null,
  };
  return factOf(system, record, commune);
}

const asOf = Date.parse('2026-11-20T12:00:00Z');
const electricity = (ref: string, commune: string, steps: readonly [DossierStatus, string][]) => version('ceet', ref, ProcedureCode.ELECTRICITY_CONNECTION_LV, commune, steps);
const permit = (ref: string, commune: string, steps: readonly [DossierStatus, string][]) => version('urbanisme', ref, ProcedureCode.BUILDING_PERMIT, commune, steps);
const birthCopy = (ref: string, commune: string, steps: readonly [DossierStatus, string][]) => version('rnec', ref, ProcedureCode.BIRTH_ACT_COPY, commune, steps);

// CEET-1 changes status twice, arriving in three polls; it is decided in 20 days (legal delay: 45).
const ceet1 = [
  electricity('CEET-2026-000001', 'GOLFE1', [['SUBMITTED', '2026-10-01T08:00:00Z']]),
  electricity('CEET-2026-000001', 'GOLFE1', [
    ['SUBMITTED', '2026-10-01T08:00:00Z'],
    ['IN_PROGRESS', '2026-10-03T08:00:00Z'],
  ]),
  electricity('CEET-2026-000001', 'GOLFE1', [
    ['SUBMITTED', '2026-10-01T08:00:00Z'],
    ['IN_PROGRESS', '2026-10-03T08:00:00Z'],
    ['COMPLETED', '2026-10-21T08:00:00Z'],
  ]),
];
/** Waiting on the citizen (a quote to pay) for 80 days: beyond CEET's 45. */
const ceet2 = electricity('CEET-2026-000002', 'GOLFE1', [
  ['SUBMITTED', '2026-09-01T08:00:00Z'],
  ['ACTION_REQUIRED', '2026-09-15T08:00:00Z'],
]);
/** Delivered in 40 days: beyond the permit's 30. */
const urb1 = permit('URB-2026-000001', 'AGOE1', [
  ['SUBMITTED', '2026-10-01T08:00:00Z'],
  ['IN_PROGRESS', '2026-10-05T08:00:00Z'],
  ['APPROVED', '2026-11-10T08:00:00Z'],
]);
const urb2 = permit('URB-2026-000002', 'AGOE1', [['SUBMITTED', '2026-11-18T12:00:00Z']]);
const rnec1 = birthCopy('RNEC-2026-000001', 'GOLFE1', [
  ['SUBMITTED', '2026-11-02T09:00:00Z'],
  ['REJECTED', '2026-11-03T09:00:00Z'],
]);
const rnec2 = birthCopy('RNEC-2026-000002', 'LACS1', [['SUBMITTED', '2026-11-19T12:00:00Z']]);

function loadedModel() {
  const model = createReadModel();
  model.apply([ceet1[0]!, ceet2]);
  model.apply([ceet1[1]!, urb1, rnec1]);
  model.apply([ceet1[2]!, urb2, rnec2]);
  return model;
}

describe('read model', () => {
  it('counts each dossier once, in its latest status, whatever the number of versions fed', () => {
    const model = loadedModel();
    expect(model.size).toBe(6);
    const { totals } = model.overview({}, asOf);
    expect(totals.total).toBe(6);
    expect(totals.byStatus).toEqual([
      { status: 'SUBMITTED', count: 2 },
      { status: 'ACTION_REQUIRED', count: 1 },
      { status: 'APPROVED', count: 1 },
      { status: 'COMPLETED', count: 1 },
      { status: 'REJECTED', count: 1 },
    ]);
  });

  it('measures processing (submitted → decision) and the backlog at asOf', () => {
    const { totals } = loadedModel().overview({}, asOf);
    // Decided in 1, 20 and 40 days; nearest rank: p50 = 20, p90 = 40.
    expect(totals).toMatchObject({ processingDaysP50: 20, processingDaysP90: 40 });
    // Open for 1.0, 2.0 and 80.2 days.
    expect(totals).toMatchObject({ backlog: 3, backlogAgeDaysP50: 2, backlogAgeDaysMax: 80.2 });
  });

  it('counts dossiers beyond their own procedure’s legal delay, open or decided, and those waiting on the citizen', () => {
    const { totals, byProcedure } = loadedModel().overview({}, asOf);
    // CEET-2 (open 80 days > 45) and URB-1 (decided in 40 days > 30); CEET-1 took 20 of 45, RNEC-1 1 of 3.
    expect(totals.beyondLegalDelayShare).toBe(0.3333);
    expect(totals.waitingOnCitizen).toBe(1);
    expect(byProcedure.map((p) => [p.procedure, p.figures.beyondLegalDelayShare])).toEqual([
      [ProcedureCode.ELECTRICITY_CONNECTION_LV, 0.5],
      [ProcedureCode.BUILDING_PERMIT, 0.5],
      [ProcedureCode.BIRTH_ACT_COPY, 0],
    ]);
  });

  it('gives figures per ministry, per procedure and per commune', () => {
    const view = loadedModel().overview({}, asOf);
    expect(view.byMinistry.map((m) => [m.ministry, m.figures.total])).toEqual([
      ['ENERGY', 2],
      ['URBAN_PLANNING', 2],
      ['CIVIL_REGISTRY', 2],
    ]);
    expect(view.byCommune.map((c) => [c.commune, c.figures.total])).toEqual([
      ['AGOE1', 2],
      ['GOLFE1', 3],
      ['LACS1', 1],
    ]);
    const energy = view.byMinistry[0]!.figures;
    expect(energy).toMatchObject({ total: 2, backlog: 1, waitingOnCitizen: 1, processingDaysP50: 20, backlogAgeDaysMax: 80.2 });
  });

  it('filters by ministry, procedure, commune and submission period', () => {
    const model = loadedModel();
    expect(model.overview({ ministry: 'ENERGY' }, asOf).totals.total).toBe(2);
    expect(model.overview({ procedure: ProcedureCode.BIRTH_ACT_COPY }, asOf).byMinistry.map((m) => m.ministry)).toEqual(['CIVIL_REGISTRY']);
    expect(model.overview({ commune: 'GOLFE1' }, asOf).totals.total).toBe(3);
    expect(model.overview({ commune: 'NULLE-PART' }, asOf).totals.total).toBe(0);
    expect(model.overview({ ministry: 'JUSTICE' }, asOf).byMinistry).toEqual([]);
    const november = model.overview({ from: '2026-11-01', to: '2026-11-19' }, asOf);
    expect(november.totals.total).toBe(3);
    expect(november.submittedPerDay).toHaveLength(19);
    expect(november.submittedPerDay.filter((d) => d.count > 0)).toEqual([
      { day: '2026-11-02', count: 1 },
      { day: '2026-11-18', count: 1 },
      { day: '2026-11-19', count: 1 },
    ]);
  });

  it('lists every day from the first submission to asOf when no period is given, never beyond asOf', () => {
    const view = loadedModel().overview({}, asOf);
    expect(view.submittedPerDay[0]).toEqual({ day: '2026-09-01', count: 1 });
    expect(view.submittedPerDay.at(-1)).toEqual({ day: '2026-11-20', count: 0 });
    expect(view.submittedPerDay).toHaveLength(81);
    expect(view.submittedPerDay.reduce((sum, d) => sum + d.count, 0)).toBe(6);
    expect(loadedModel().overview({ to: '2027-12-31' }, asOf).submittedPerDay.at(-1)?.day).toBe('2026-11-20');
  });

  it('has empty figures, not errors, when nothing matches', () => {
    const { totals, submittedPerDay } = createReadModel().overview({}, asOf);
    expect(totals).toEqual({
      total: 0,
      byStatus: [],
      processingDaysP50: null,
      processingDaysP90: null,
      backlog: 0,
      backlogAgeDaysP50: null,
      backlogAgeDaysMax: null,
      beyondLegalDelayShare: 0,
      beyondLegalDelay: 0,
      overdueBacklog: 0,
      waitingOnCitizen: 0,
    });
    expect(submittedPerDay).toEqual([]);
  });

  it('moves its revision only when a figure may change, and answers a repeated view from its cache until then', () => {
    const model = loadedModel();
    const revision = model.revision;
    expect(model.apply([ceet1[2]!, urb2])).toEqual({ changed: 0, ignored: 0 });
    expect(model.revision).toBe(revision);
    const first = model.overview({ ministry: 'ENERGY' }, asOf);
    expect(model.overview({ ministry: 'ENERGY' }, asOf)).toBe(first);
    const reopened = electricity('CEET-2026-000001', 'GOLFE1', [
      ['SUBMITTED', '2026-10-01T08:00:00Z'],
      ['IN_PROGRESS', '2026-11-19T08:00:00Z'],
    ]);
    expect(model.apply([reopened])).toEqual({ changed: 1, ignored: 0 });
    const after = model.overview({ ministry: 'ENERGY' }, asOf);
    expect(after).not.toBe(first);
    // Open again: no decision, in the backlog.
    expect(after.totals).toMatchObject({ backlog: 2, processingDaysP50: null });
  });

  it('ignores a dossier whose procedure is not in the catalogue', () => {
    const model = createReadModel();
    expect(model.apply([version('ceet', 'CEET-2026-000009', 'INCONNUE', null, [['SUBMITTED', '2026-11-01T08:00:00Z']])])).toEqual({ changed: 0, ignored: 1 });
    expect(model.size).toBe(0);
  });

  it('takes the decision from the history: the first decision step, not the last update', () => {
    const fact = permit('URB-2026-000003', 'GOLFE2', [
      ['SUBMITTED', '2026-10-01T08:00:00Z'],
      ['APPROVED', '2026-10-11T08:00:00Z'],
      ['COMPLETED', '2026-10-30T08:00:00Z'],
    ]);
    expect(fact.decidedMs).toBe(Date.parse('2026-10-11T08:00:00Z'));
    expect(fact).not.toHaveProperty('applicantNiu');
    expect(createReadModel().overview({}, asOf).totals.total).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { isAdapterError } from '../shared/index.js';
import { legacyDossier } from './legacy-payloads.js';
import { mapDossier } from './map-dossier.js';
import { minesProcedures } from './procedures.js';

const procedure = minesProcedures[0]!;
const raw = (overrides: Record<string, unknown> = {}) =>
  legacyDossier.parse({
    NumeroDossier: '2026/000042',
    NuiDemandeur: '123456789012',
    CodeProcedure: procedure.legacyCode,
    CodeEtat: 'COMPL',
    LibelleEtat: 'Compléments demandés',
    DateDepot: '14/03/2026 09:12',
    DateMaj: '20/03/2026 11:02',
    RaisonSociale: null,
    Commune: 'KOZAH1',
    Localite: 'Kpéwa',
    FraisDossierFcfa: 10_000,
    Historique: [
      { CodeEtat: 'RECV', Date: '15/03/2026 08:00', Observation: null },
      { CodeEtat: 'ENR', Date: '14/03/2026 09:12', Observation: 'Dépôt en ligne' },
      { CodeEtat: 'COMPL', Date: '20/03/2026 11:02', Observation: null },
    ],
    PiecesDemandees: ['Plan de situation signé'],
    RefExterne: 'GCH-MEM-0123456789ABCDEF0123',
    ...overrides,
  });

describe('Mines mapping', () => {
  it('maps numbers, dates, states and the documents awaited', () => {
    expect(mapDossier(raw(), 'test')).toMatchObject({
      reference: 'MEM-2026-000042',
      status: 'ACTION_REQUIRED',
      ministryStatusCode: 'COMPL',
      submittedAt: '2026-03-14T09:12:00Z',
      updatedAt: '2026-03-20T11:02:00Z',
      procedureCode: procedure.procedureCode,
      missingDocuments: ['Plan de situation signé'],
      nextAction: 'Fournir les pièces complémentaires : Plan de situation signé',
      externalReference: 'GCH-MEM-0123456789ABCDEF0123',
    });
  });

  it('gives a permit’s surface in hectares (SIGEM keeps it in km²) and names the substance', () => {
    expect(mapDossier(raw({ Substance: 'PHOS', Superficie: 12.5, UniteSuperficie: 'KM2' }), 'test')).toMatchObject({ substance: 'PHOSPHATE', areaHectares: 1_250 });
    expect(mapDossier(raw({ Substance: 'SABL', Superficie: 3.5, UniteSuperficie: 'HA' }), 'test')).toMatchObject({ substance: 'SAND', areaHectares: 3.5 });
    expect(mapDossier(raw(), 'test')).toMatchObject({ substance: null, areaHectares: null });
  });

  it('sorts the history oldest first', () => {
    expect(mapDossier(raw(), 'test').history.map((s) => s.status)).toEqual(['SUBMITTED', 'IN_PROGRESS', 'ACTION_REQUIRED']);
  });

  it('forgets the awaited documents once the dossier moved on', () => {
    expect(mapDossier(raw({ CodeEtat: 'INST' }), 'test').missingDocuments).toEqual([]);
  });

  it('refuses an unknown state, procedure, numbering or substance, or a surface without unit, as BAD_BACKEND_RESPONSE', () => {
    for (const overrides of [{ CodeEtat: 'ZZZ' }, { CodeProcedure: 'ZZZ' }, { NumeroDossier: '42' }, { Substance: 'URANIUM' }, { Superficie: 4, UniteSuperficie: null }]) {
      let error: unknown;
      try {
        mapDossier(raw(overrides), 'test');
      } catch (e) {
        error = e;
      }
      expect(isAdapterError(error) && error.code).toBe('BAD_BACKEND_RESPONSE');
    }
  });

  it('refuses a date in another format', () => {
    expect(() => raw({ DateDepot: '2026-03-14T09:12:00Z' })).toThrow();
  });
});

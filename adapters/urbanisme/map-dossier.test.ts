import { describe, expect, it } from 'vitest';
import { isAdapterError } from '../shared/index.js';
import { legacyDossier, type LegacyDossier } from './legacy-payloads.js';
import { mapDossier } from './map-dossier.js';

const raw = {
  numero: 'PC-2026-004321',
  demandeur_niu: '123456789012',
  etape: 'PIECES_MANQUANTES',
  libelle_etape: 'En attente de pièces',
  date_depot: '2026-03-14T09:12:00+00:00',
  date_maj: '2026-03-20T11:02:00+00:00',
  titre_foncier: 'TF-2004-123456',
  architecte: { numero_ordre: 'ONAT-0101', nom: 'Cabinet AGBEKO & Associés' },
  commune: 'GOLFE1',
  quartier: 'Bè',
  nature_projet: 'IMMEUBLE_R+1',
  surface_plancher_m2: 180,
  niveaux: 2,
  // Out of order on purpose: the clean history is oldest first.
  historique: [
    { etape: 'PIECES_MANQUANTES', date: '2026-03-20T11:02:00+00:00', commentaire: 'Pièces complémentaires demandées' },
    { etape: 'DEPOT', date: '2026-03-14T09:12:00+00:00', commentaire: null },
    { etape: 'RECEVABILITE', date: '2026-03-16T08:00:00+01:00', commentaire: null },
  ],
  pieces_manquantes: ['Étude de sol', 'Plan de masse signé'],
  reference_externe: 'GUICHET-42',
};
const parse = (overrides: Record<string, unknown> = {}): LegacyDossier => legacyDossier.parse({ ...raw, ...overrides });
function badResponse(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isAdapterError(error) && error.code).toBe('BAD_BACKEND_RESPONSE');
    return (error as Error).message;
  }
  throw new Error('expected BAD_BACKEND_RESPONSE');
}

describe('mapDossier', () => {
  it('maps a dossier waiting for documents', () => {
    expect(mapDossier(parse(), 'test')).toMatchObject({
      reference: 'URB-2026-004321',
      status: 'ACTION_REQUIRED',
      ministryStatus: 'Pièces manquantes',
      nextAction: 'Fournir les pièces manquantes : Étude de sol, Plan de masse signé',
      missingDocuments: ['Étude de sol', 'Plan de masse signé'],
      projectKind: 'BUILDING_R1',
      submittedAt: '2026-03-14T09:12:00Z',
      updatedAt: '2026-03-20T11:02:00Z',
      externalReference: 'GUICHET-42',
    });
  });

  it('normalizes offsets to Z instants and sorts the history oldest first', () => {
    expect(mapDossier(parse(), 'test').history).toEqual([
      { status: 'SUBMITTED', ministryStatus: 'Dossier déposé', at: '2026-03-14T09:12:00Z' },
      { status: 'IN_PROGRESS', ministryStatus: 'Examen de recevabilité', at: '2026-03-16T07:00:00Z' },
      { status: 'ACTION_REQUIRED', ministryStatus: 'Pièces manquantes', at: '2026-03-20T11:02:00Z' },
    ]);
  });

  it('says only « Fournir les pièces manquantes » when Urbanisme did not list them', () => {
    expect(mapDossier(parse({ pieces_manquantes: [] }), 'test').nextAction).toBe('Fournir les pièces manquantes');
  });

  it('refuses an unknown stage, project kind or numbering as BAD_BACKEND_RESPONSE', () => {
    expect(badResponse(() => mapDossier(parse({ etape: 'ARCHIVE' }), 'test'))).toContain('unknown stage "ARCHIVE"');
    expect(badResponse(() => mapDossier(parse({ historique: [{ etape: 'SUSPENDU', date: raw.date_depot }] }), 'test'))).toContain('SUSPENDU');
    expect(badResponse(() => mapDossier(parse({ nature_projet: 'CHATEAU' }), 'test'))).toContain('CHATEAU');
    expect(badResponse(() => mapDossier(parse({ numero: '2026-004321' }), 'test'))).toContain('numero');
  });

  it('rejects dates that are not ISO 8601 instants at the payload check', () => {
    expect(legacyDossier.safeParse({ ...raw, date_maj: '20/03/2026' }).success).toBe(false);
  });
});

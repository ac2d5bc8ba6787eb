import { describe, expect, it } from 'vitest';
import { documentKinds } from './document-kinds.js';
import { handlingBodyCodes } from './handling-bodies.js';
import { minesProcedureRows } from './mines-procedures.js';
import { findProcedure, procedures } from './procedures.js';

/** The energy & mines ministry's procedure table: what the catalogue, SIGEM's simulator and its adapter all read. */
describe('the energy & mines procedure table', () => {
  it('holds the ministry’s 29 procedures, each key, graph code and SIGEM code once', () => {
    expect(minesProcedureRows).toHaveLength(29);
    for (const field of ['key', 'code'] as const) expect(new Set(minesProcedureRows.map((r) => r[field])).size).toBe(29);
    expect(new Set(minesProcedureRows.map((r) => r.sigem.code)).size).toBe(29);
    for (const row of minesProcedureRows) expect(row.code).toMatch(/^MEM-[A-Z-]+$/);
  });

  it.each(minesProcedureRows.map((r) => [r.code, r] as const))('%s: documents by kind, a fee (or an explicit 0), a legal delay, a body, applicants, stages', (_code, row) => {
    const kinds = row.documents.map((d) => (typeof d === 'string' ? d : d.kind));
    expect(kinds.length).toBeGreaterThan(0);
    for (const kind of kinds) expect(documentKinds).toContain(kind);
    expect(new Set(kinds).size, 'a kind asked twice').toBe(kinds.length);
    expect(Number.isInteger(row.feeFcfa) && row.feeFcfa >= 0).toBe(true);
    expect(Number.isInteger(row.legalDelayDays) && row.legalDelayDays > 0).toBe(true);
    expect(handlingBodyCodes).toContain(row.body);
    expect(row.applicants.length).toBeGreaterThan(0);
    expect(row.stages[0]).toBe('RECV');
    // A title ends delivered, a declaration recorded.
    expect(['DELIV', 'ENREG']).toContain(row.stages.at(-1));
    expect(new Set(row.stages).size).toBe(row.stages.length);
    const mining = row.sigem.mining;
    if (mining) {
      expect(row.sigem.site).toBe(true);
      expect(mining.min).toBeGreaterThan(0);
      expect(mining.max).toBeGreaterThan(mining.min);
      expect(mining.usualSubstances.length).toBeGreaterThan(0);
    }
    expect(row.sigem.seedWeight).toBeGreaterThan(0);
  });

  it('names each of the ministry’s directorates and supervised bodies, and both kinds of applicant', () => {
    expect(new Set(minesProcedureRows.map((r) => r.body))).toEqual(new Set(['DGMG', 'DGE', 'DH', 'CEET', 'AT2ER', 'ARSE']));
    expect(minesProcedureRows.some((r) => (r.applicants as readonly string[]).includes('CITIZEN'))).toBe(true);
    expect(minesProcedureRows.some((r) => r.applicants.length === 1 && r.applicants[0] === 'COMPANY')).toBe(true);
  });

  it('is the MINES row of the catalogue, documents as text kept beside documents by kind', () => {
    expect(procedures.filter((p) => p.ministry === 'MINES').map((p) => p.code)).toEqual(minesProcedureRows.map((r) => r.code));
    for (const row of minesProcedureRows) {
      const entry = findProcedure(row.code)!;
      expect(entry).toMatchObject({ feeFcfa: row.feeFcfa, legalDelayDays: row.legalDelayDays, handlingBody: { code: row.body }, applicantKinds: row.applicants });
      expect(entry.requiredDocuments).toEqual(entry.documents.map((d) => d.detail ?? d.label));
      expect(entry.documents).toHaveLength(row.documents.length);
    }
    // A ministry whose documents are not typed yet keeps its text, with no kinds, citizens only and no body.
    expect(findProcedure('JUS-CASIER-B3')).toMatchObject({ documents: [], handlingBody: null, applicantKinds: ['CITIZEN'] });
    expect(findProcedure('JUS-CASIER-B3')?.requiredDocuments).toEqual(['Acte de naissance', 'Pièce d’identité']);
    // Typing a row's documents kept its text: the civil registry's and the building permit's read as before.
    expect(findProcedure('RNEC-COPIE-NAISSANCE')?.requiredDocuments).toEqual(['Numéro de l’acte de naissance', 'Pièce d’identité du demandeur']);
    expect(findProcedure('CEET-RACCORDEMENT-BT')?.requiredDocuments).toEqual([
      'Pièce d’identité du demandeur',
      'Plan de situation',
      'Plan de localisation',
      'Liste des appareils électriques (pour le calibrage du compteur)',
    ]);
    expect(findProcedure('URB-PERMIS-CONSTRUIRE')?.requiredDocuments).toEqual([
      'Titre foncier du terrain',
      'Plans du projet signés par un architecte inscrit à l’Ordre',
      'Pièce d’identité du demandeur',
      'Devis descriptif des travaux',
    ]);
  });
});

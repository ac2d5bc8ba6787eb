import type { DossierAdminOutcome } from '../shared/index.js';
import { dateLegacy, parseDateLegacy, type DossierMines } from './legacy-dossier.js';
import { codesEtat, libellesEtat, type CodeEtat } from './states.js';

const isCodeEtat = (value: string): value is CodeEtat => (codesEtat as readonly string[]).includes(value);

/** The system's register of dossiers, in memory, in registration order; new deposits are appended. */
export class DossierStore {
  private readonly entries: DossierMines[] = [];
  private readonly byNumero = new Map<string, DossierMines>();
  private readonly byNui = new Map<string, DossierMines[]>();
  private readonly byRefExterne = new Map<string, DossierMines[]>();
  /** Last sequence number used per year (`2026/000123` → 123). */
  private readonly lastSeqByYear = new Map<number, number>();

  constructor(dossiers: readonly DossierMines[]) {
    for (const dossier of dossiers) this.append(dossier);
  }

  get size(): number {
    return this.entries.length;
  }

  /** One page (1-based) of every dossier or of one applicant's, most recently deposited first. */
  page({ nui, page, taille }: { readonly nui: string | null; readonly page: number; readonly taille: number }): { dossiers: DossierMines[]; total: number } {
    const list = nui === null ? this.entries : (this.byNui.get(nui) ?? []);
    const newestFirst = [...list].reverse();
    return { dossiers: newestFirst.slice((page - 1) * taille, page * taille), total: list.length };
  }

  get(numero: string): DossierMines | undefined {
    return this.byNumero.get(numero);
  }

  withRefExterne(ref: string): DossierMines[] {
    return this.byRefExterne.get(ref) ?? [];
  }

  /** Registers a new dossier under the next number of its deposit year. Never deduplicates: POST is not idempotent. */
  add(draft: Omit<DossierMines, 'NumeroDossier'>): DossierMines {
    const year = new Date(parseDateLegacy(draft.DateDepot)).getUTCFullYear();
    const seq = (this.lastSeqByYear.get(year) ?? 0) + 1;
    const dossier: DossierMines = { NumeroDossier: `${year}/${String(seq).padStart(6, '0')}`, ...draft };
    this.append(dossier);
    return dossier;
  }

  /**
   * Moves a dossier to `codeEtat` (`INST`, `COMPL`, `PAIE`…), as an agent would: a step dated now (to the minute, as
   * the system writes dates), `DateMaj` now, so the change feed reports it. The admin endpoint's operation
   * (`POST /__admin/dossiers/<numero>/status`; the number's `/` URL-encoded: `2026%2F000123`).
   */
  setStatus(numero: string, codeEtat: string, nowMs: number = Date.now()): DossierAdminOutcome {
    const dossier = this.byNumero.get(numero);
    if (!dossier) return { kind: 'not-found' };
    if (!isCodeEtat(codeEtat)) return { kind: 'invalid', error: `unknown SIGEM state ${codeEtat}: expected one of ${codesEtat.join(', ')}` };
    const date = dateLegacy(nowMs);
    dossier.CodeEtat = codeEtat;
    dossier.LibelleEtat = libellesEtat[codeEtat];
    dossier.DateMaj = date;
    dossier.Historique.push({ CodeEtat: codeEtat, Date: date, Observation: null });
    return { kind: 'done', dossier };
  }

  /** Dossiers updated at or after the minute `sinceMs` falls in (the system's dates have no seconds), oldest first. */
  changedSince(sinceMs: number): DossierMines[] {
    const minute = Math.floor(sinceMs / 60_000) * 60_000;
    return this.entries
      .map((dossier, rank) => ({ dossier, rank, at: parseDateLegacy(dossier.DateMaj) }))
      .filter((e) => e.at >= minute)
      .sort((a, b) => a.at - b.at || a.rank - b.rank)
      .map((e) => e.dossier);
  }

  private append(dossier: DossierMines): void {
    this.entries.push(dossier);
    this.byNumero.set(dossier.NumeroDossier, dossier);
    const own = this.byNui.get(dossier.NuiDemandeur);
    if (own) own.push(dossier);
    else this.byNui.set(dossier.NuiDemandeur, [dossier]);
    if (dossier.RefExterne) this.byRefExterne.set(dossier.RefExterne, [...this.withRefExterne(dossier.RefExterne), dossier]);
    const match = /^(\d{4})\/(\d+)$/.exec(dossier.NumeroDossier);
    if (match) {
      const year = Number(match[1]);
      this.lastSeqByYear.set(year, Math.max(this.lastSeqByYear.get(year) ?? 0, Number(match[2])));
    }
  }
}

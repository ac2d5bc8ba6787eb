import type { ElectricityRequest } from '../world/index.js';
import { formatHorodatage, formatMontant } from './ceet-format.js';
import { demandeFromWorld, libellesStatut, type Demande } from './demande.js';
import type { NouvelleDemande } from './validate-demande.js';
import type { DossierAdminOutcome } from '../shared/index.js';
import type { CeetStatusCode } from '../world/index.js';

const isCeetStatus = (code: number): code is CeetStatusCode => Object.hasOwn(libellesStatut, code);

/** CEET's filing fee, charged on every request. */
const FRAIS_DOSSIER_FCFA = 1_500;

/** Newest first: by filing time, then by numero. */
const newestFirst = (a: Demande, b: Demande) => b.dateDepot.localeCompare(a.dateDepot) || b.numero.localeCompare(a.numero);

/** CEET's requests in memory, in legacy shape, with the indexes its endpoints need. */
export class CeetStore {
  /** Every request, newest first (the agents' worklist order). */
  private readonly all: Demande[];
  private readonly byNumero = new Map<string, Demande>();
  private readonly byNiu = new Map<string, Demande[]>();
  private readonly byReference = new Map<string, Demande[]>();
  private readonly lastSequence = new Map<string, number>();

  constructor(requests: readonly ElectricityRequest[]) {
    this.all = requests.map(demandeFromWorld).sort(newestFirst);
    for (const demande of [...this.all].reverse()) this.index(demande);
  }

  get size(): number {
    return this.all.length;
  }

  /** One page (from 1) of every request, or of one citizen's, newest first. */
  page(options: { niu?: string; page: number; taille: number }): { total: number; demandes: Demande[] } {
    const source = options.niu === undefined ? this.all : (this.byNiu.get(options.niu) ?? []);
    const start = (options.page - 1) * options.taille;
    return { total: source.length, demandes: source.slice(start, start + options.taille) };
  }

  get(numero: string): Demande | undefined {
    return this.byNumero.get(numero);
  }

  /** Every request filed with this external reference, oldest first (a retried POST leaves several). */
  byExternalReference(reference: string): Demande[] {
    return [...(this.byReference.get(reference) ?? [])];
  }

  /** Requests changed at or after `depuis` (`aaaa-mm-jj hh:mm:ss`), oldest change first. */
  changedSince(depuis: string): Demande[] {
    return this.all.filter((d) => d.dateMaj >= depuis).sort((a, b) => a.dateMaj.localeCompare(b.dateMaj) || a.numero.localeCompare(b.numero));
  }

  /** Files a new request: numbered in sequence for the current year, dated by the real clock. Never deduplicated. */
  create(input: NouvelleDemande, nowMs: number = Date.now()): Demande {
    const date = formatHorodatage(nowMs);
    const year = date.slice(0, 4);
    const sequence = (this.lastSequence.get(year) ?? 0) + 1;
    const demande: Demande = {
      numero: `${year}-${String(sequence).padStart(6, '0')}`,
      niuDemandeur: input.niuDemandeur,
      statut: 10,
      libelleStatut: libellesStatut[10],
      dateDepot: date,
      dateMaj: date,
      typeCompteur: input.typeCompteur,
      commune: input.commune,
      quartier: input.quartier,
      titreFoncier: input.titreFoncier,
      nombreAppareils: input.nombreAppareils,
      fraisDossier: formatMontant(FRAIS_DOSSIER_FCFA),
      montantDevis: null,
      referenceExterne: input.referenceExterne,
      historique: [{ statut: 10, date }],
    };
    const at = this.all.findIndex((d) => newestFirst(demande, d) < 0);
    this.all.splice(at === -1 ? this.all.length : at, 0, demande);
    this.index(demande);
    return demande;
  }

  /**
   * Moves a request to `statut` (a CEET code: 10…90), as an agent would: a step dated now in its history, `dateMaj`
   * now, so the change feed reports it. The admin endpoint's operation (`POST /__admin/dossiers/<numero>/status`).
   */
  setStatus(numero: string, statut: string, nowMs: number = Date.now()): DossierAdminOutcome {
    const demande = this.byNumero.get(numero);
    if (!demande) return { kind: 'not-found' };
    const code = Number(statut);
    if (!isCeetStatus(code)) return { kind: 'invalid', error: `unknown CEET status ${statut}: expected one of ${Object.keys(libellesStatut).join(', ')}` };
    const date = formatHorodatage(nowMs);
    demande.statut = code;
    demande.libelleStatut = libellesStatut[code];
    demande.dateMaj = date;
    demande.historique.push({ statut: code, date });
    return { kind: 'done', dossier: demande };
  }

  /** Adds to the lookup indexes; called oldest first so duplicates by external reference stay oldest first. */
  private index(demande: Demande): void {
    this.byNumero.set(demande.numero, demande);
    const ofCitizen = this.byNiu.get(demande.niuDemandeur) ?? [];
    ofCitizen.push(demande);
    ofCitizen.sort(newestFirst);
    this.byNiu.set(demande.niuDemandeur, ofCitizen);
    if (demande.referenceExterne !== null) {
      const same = this.byReference.get(demande.referenceExterne) ?? [];
      same.push(demande);
      this.byReference.set(demande.referenceExterne, same);
    }
    const [year, sequence] = demande.numero.split('-');
    if (year && sequence) this.lastSequence.set(year, Math.max(this.lastSequence.get(year) ?? 0, Number(sequence)));
  }
}

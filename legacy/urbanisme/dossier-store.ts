import type { DossierAdminOutcome } from '../shared/index.js';
import type { PermitStage } from '../world/index.js';
import { legacyInstant, libellesEtape, type DossierUrbanisme } from './legacy-dossier.js';

interface Entry {
  /** Registration order: the key cursors remember. */
  readonly rank: number;
  readonly dossier: DossierUrbanisme;
  /** Moves when an agent changes the dossier (the admin endpoint's `setStatus`). */
  updatedMs: number;
}

const isStage = (value: string): value is PermitStage => Object.hasOwn(libellesEtape, value);

export interface StorePage {
  readonly dossiers: readonly DossierUrbanisme[];
  /** Rank of the last dossier served when more follow, else null. */
  readonly lastRank: number | null;
  readonly total: number;
}

/** Urbanisme's register of dossiers, in memory, in registration order; new deposits are appended. */
export class DossierStore {
  private readonly entries: Entry[] = [];
  private readonly byNumero = new Map<string, Entry>();
  private readonly byNiu = new Map<string, Entry[]>();
  /** Last sequence number used per year (`PC-2026-004321` → 4321). */
  private readonly lastSeqByYear = new Map<number, number>();

  constructor(dossiers: readonly DossierUrbanisme[]) {
    for (const dossier of dossiers) this.append(dossier);
  }

  get size(): number {
    return this.entries.length;
  }

  /** One page after `afterRank` (-1 for the first), of every dossier or of one applicant's. */
  page({ niu, afterRank, limit }: { readonly niu: string | null; readonly afterRank: number; readonly limit: number }): StorePage {
    const list = niu === null ? this.entries : (this.byNiu.get(niu) ?? []);
    // Ranks are positions in `entries`; an applicant's list is sorted by rank, so search it.
    const start = niu === null ? afterRank + 1 : firstAfter(list, afterRank);
    const slice = list.slice(start, start + limit);
    const more = start + slice.length < list.length;
    return { dossiers: slice.map((e) => e.dossier), lastRank: more ? (slice.at(-1)?.rank ?? null) : null, total: list.length };
  }

  get(numero: string): DossierUrbanisme | undefined {
    return this.byNumero.get(numero)?.dossier;
  }

  /** Registers a new dossier under the next number of its deposit year. Never deduplicates: POST is not idempotent. */
  add(draft: Omit<DossierUrbanisme, 'numero'>): DossierUrbanisme {
    const year = new Date(Date.parse(draft.date_depot)).getUTCFullYear();
    const seq = (this.lastSeqByYear.get(year) ?? 0) + 1;
    const dossier: DossierUrbanisme = { numero: `PC-${year}-${String(seq).padStart(6, '0')}`, ...draft };
    this.append(dossier);
    return dossier;
  }

  /**
   * Moves a dossier to `etape` (`INSTRUCTION_TECHNIQUE`, `PIECES_MANQUANTES`…), as an agent would: a step dated now,
   * `date_maj` now, so the change feed reports it. The admin endpoint's operation (`POST /__admin/dossiers/<numero>/status`).
   */
  setStatus(numero: string, etape: string, nowMs: number = Date.now()): DossierAdminOutcome {
    const entry = this.byNumero.get(numero);
    if (!entry) return { kind: 'not-found' };
    if (!isStage(etape)) return { kind: 'invalid', error: `unknown Urbanisme stage ${etape}: expected one of ${Object.keys(libellesEtape).join(', ')}` };
    const date = legacyInstant(nowMs);
    const { dossier } = entry;
    dossier.etape = etape;
    dossier.libelle_etape = libellesEtape[etape];
    dossier.date_maj = date;
    dossier.historique.push({ etape, date, commentaire: null });
    entry.updatedMs = Date.parse(date);
    return { kind: 'done', dossier };
  }

  /** Dossiers updated strictly after `sinceMs`, oldest change first. */
  changedSince(sinceMs: number): DossierUrbanisme[] {
    return this.entries
      .filter((e) => e.updatedMs > sinceMs)
      .sort((a, b) => a.updatedMs - b.updatedMs || a.rank - b.rank)
      .map((e) => e.dossier);
  }

  private append(dossier: DossierUrbanisme): void {
    const entry: Entry = { rank: this.entries.length, dossier, updatedMs: Date.parse(dossier.date_maj) };
    this.entries.push(entry);
    this.byNumero.set(dossier.numero, entry);
    const own = this.byNiu.get(dossier.demandeur_niu);
    if (own) own.push(entry);
    else this.byNiu.set(dossier.demandeur_niu, [entry]);
    const match = /^PC-(\d{4})-(\d+)$/.exec(dossier.numero);
    if (match) {
      const year = Number(match[1]);
      this.lastSeqByYear.set(year, Math.max(this.lastSeqByYear.get(year) ?? 0, Number(match[2])));
    }
  }
}

/** Index of the first entry whose rank is greater than `rank` (binary search). */
function firstAfter(list: readonly Entry[], rank: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.rank ?? Infinity) > rank) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

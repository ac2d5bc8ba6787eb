import type { MinistryCode, Procedure } from '../../../schema/index.js';
import type { DossierFact } from './dossier-fact.js';
import { DAY_MS, statusIndex } from './processing-figures.js';

/** A procedure of the catalogue as the table needs it: its ministry and legal delay. */
export interface TableProcedure {
  readonly code: string;
  readonly ministry: MinistryCode;
  readonly legalDelayMs: number;
}

/**
 * Every dossier as one row of number columns (procedure, commune, status, submitted, decided): a view scans plain
 * arrays of numbers, never 60,000 objects. A newer version of a dossier overwrites its row in place, so nothing is
 * ever counted twice. Feeds report no deletions: rows are never removed.
 */
export class FactTable {
  readonly procedures: readonly TableProcedure[];
  private readonly procedureIndex: ReadonlyMap<string, number>;
  /** Commune codes met so far; a row holds an index (-1: the dossier has no commune). */
  readonly communes: string[] = [];
  private readonly communeIndex = new Map<string, number>();
  private readonly rows = new Map<string, number>();
  readonly procedureCol: number[] = [];
  readonly communeCol: number[] = [];
  readonly statusCol: number[] = [];
  readonly submittedCol: number[] = [];
  /** NaN while open. */
  readonly decidedCol: number[] = [];
  /** Days (since the epoch) of the first and last submissions held. */
  firstDay = Infinity;
  lastDay = -Infinity;

  constructor(catalogue: readonly Procedure[]) {
    this.procedures = catalogue.map((p) => ({ code: p.code, ministry: p.ministry, legalDelayMs: p.legalDelayDays * DAY_MS }));
    this.procedureIndex = new Map(this.procedures.map((p, i) => [p.code, i]));
  }

  get size(): number {
    return this.rows.size;
  }

  indexOfCommune(code: string): number | undefined {
    return this.communeIndex.get(code);
  }

  /**
   * Adds or replaces one dossier. Returns `changed` when a figure may move, `same` for a version that changes none
   * (a feed re-reading its overlap), `ignored` for a procedure outside the catalogue.
   */
  upsert(fact: DossierFact): 'changed' | 'same' | 'ignored' {
    const procedure = this.procedureIndex.get(fact.procedure);
    const status = statusIndex.get(fact.status);
    if (procedure === undefined || status === undefined || Number.isNaN(fact.submittedMs)) return 'ignored';
    const commune = fact.commune === null ? -1 : this.communeOf(fact.commune);
    const decided = fact.decidedMs ?? Number.NaN;
    const day = Math.floor(fact.submittedMs / DAY_MS);
    if (day < this.firstDay) this.firstDay = day;
    if (day > this.lastDay) this.lastDay = day;
    const row = this.rows.get(fact.key);
    if (row === undefined) {
      this.rows.set(fact.key, this.procedureCol.length);
      this.procedureCol.push(procedure);
      this.communeCol.push(commune);
      this.statusCol.push(status);
      this.submittedCol.push(fact.submittedMs);
      this.decidedCol.push(decided);
      return 'changed';
    }
    const previousDecided = this.decidedCol[row] ?? Number.NaN;
    const sameDecision = previousDecided === decided || (Number.isNaN(previousDecided) && Number.isNaN(decided));
    if (this.procedureCol[row] === procedure && this.communeCol[row] === commune && this.statusCol[row] === status && this.submittedCol[row] === fact.submittedMs && sameDecision) {
      return 'same';
    }
    this.procedureCol[row] = procedure;
    this.communeCol[row] = commune;
    this.statusCol[row] = status;
    this.submittedCol[row] = fact.submittedMs;
    this.decidedCol[row] = decided;
    return 'changed';
  }

  private communeOf(code: string): number {
    let index = this.communeIndex.get(code);
    if (index === undefined) {
      index = this.communes.length;
      this.communes.push(code);
      this.communeIndex.set(code, index);
    }
    return index;
  }
}

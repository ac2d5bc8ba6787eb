import type { Company } from '../world/index.js';

/** A company as SIGEM's register of operators keeps it (its own vocabulary: `Mandataires` are NUIs). */
export interface SocieteMines {
  readonly Nif: string;
  readonly Rccm: string;
  readonly RaisonSociale: string;
  /** NUIs of the persons allowed to file for it: its manager and its declared representatives. */
  readonly Mandataires: readonly string[];
}

/**
 * SIGEM's register of the operators it deals with, loaded from the seeded world's companies: a deposit for a company
 * names it by NIF and RCCM, and is taken only from one of its mandate holders.
 */
export class CompanyRegister {
  private readonly byNif: ReadonlyMap<string, SocieteMines>;

  constructor(companies: readonly Company[]) {
    this.byNif = new Map(companies.map((c) => [c.nif, { Nif: c.nif, Rccm: c.rccm, RaisonSociale: c.name, Mandataires: c.representatives.map((r) => r.niu) }]));
  }

  get size(): number {
    return this.byNif.size;
  }

  get(nif: string): SocieteMines | undefined {
    return this.byNif.get(nif);
  }
}

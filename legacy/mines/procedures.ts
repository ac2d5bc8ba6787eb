/**
 * The procedures SIGEM knows, by its own codes (`CodeProcedure`), with the filing fee it records. SIGEM was built
 * for the mining cadastre first: the energy approvals were added later with the same screens, which is why a
 * petroleum depot also has a "site" and why surfaces and substances are columns of every dossier (null when unused).
 */
export interface ProcedureLegacy {
  readonly code: string;
  readonly libelle: string;
  readonly fraisFcfa: number;
  /** Does the procedure concern a site (commune, locality), or only a person or company? */
  readonly site: boolean;
  /** Mining titles: a substance and a surface, in the unit SIGEM requires for that title. */
  readonly minier: { readonly unite: UniteSuperficie; readonly min: number; readonly max: number } | null;
  /** Is there a field visit (`VISITE`) before the duties are asked for? */
  readonly visite: boolean;
  /** Relative weight in the seeded world. */
  readonly poids: number;
}

/** Exploration permits are drawn on the 1/50 000 map in km²; small sites in hectares. */
export type UniteSuperficie = 'KM2' | 'HA';

/** Substances, by SIGEM's codes. */
export const substances = ['OR', 'PHOS', 'CALC', 'GRAN', 'SABL', 'GRAV', 'MARB', 'MANG', 'ARGI'] as const;
export type Substance = (typeof substances)[number];

export const proceduresLegacy: readonly ProcedureLegacy[] = [
  { code: 'PR', libelle: 'Permis de recherche minière', fraisFcfa: 500_000, site: true, minier: { unite: 'KM2', min: 5, max: 500 }, visite: false, poids: 8 },
  { code: 'AEA', libelle: 'Autorisation d’exploitation artisanale', fraisFcfa: 100_000, site: true, minier: { unite: 'HA', min: 1, max: 25 }, visite: true, poids: 25 },
  { code: 'AOC', libelle: 'Autorisation d’ouverture de carrière', fraisFcfa: 250_000, site: true, minier: { unite: 'HA', min: 0.5, max: 50 }, visite: true, poids: 30 },
  { code: 'ADP', libelle: 'Agrément de dépôt de produits pétroliers', fraisFcfa: 300_000, site: true, minier: null, visite: true, poids: 12 },
  { code: 'AIE', libelle: 'Agrément d’installateur électricien', fraisFcfa: 50_000, site: false, minier: null, visite: false, poids: 25 },
];

/** What each mining title is usually sought for. */
export const substancesOf: Readonly<Record<string, readonly Substance[]>> = {
  PR: ['OR', 'PHOS', 'MANG', 'MARB', 'CALC'],
  AEA: ['OR', 'OR', 'OR', 'GRAN', 'ARGI'],
  AOC: ['SABL', 'GRAV', 'GRAN', 'CALC', 'ARGI'],
};

const byCode = new Map(proceduresLegacy.map((p) => [p.code, p]));

export function procedureLegacy(code: string): ProcedureLegacy | undefined {
  return byCode.get(code);
}

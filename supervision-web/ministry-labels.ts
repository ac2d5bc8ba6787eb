/**
 * The room's names for the ministries and their systems, in one place (the page is built apart from the server code,
 * so it keeps its own short labels). Unknown codes are shown as they are.
 */

/** Short ministry names for tight places (the catalogue gives the full ones). */
export const ministryShortNames: Readonly<Record<string, string>> = {
  CIVIL_REGISTRY: 'État civil',
  ENERGY: 'Énergie (CEET)',
  URBAN_PLANNING: 'Urbanisme',
  SECURITY: 'Sécurité',
  JUSTICE: 'Justice',
  MINES: 'Mines et Énergie (titres)',
  // new-ministry:room-ministry-names
};

/** Each legacy system: its short name (notices) and its name with what it serves (health table). */
export const systemLabels: Readonly<Record<string, { readonly short: string; readonly long: string }>> = {
  rnec: { short: 'RNEC', long: 'RNEC (état civil)' },
  ceet: { short: 'CEET', long: 'CEET (électricité)' },
  urbanisme: { short: 'Urbanisme', long: 'Urbanisme (permis)' },
  mines: { short: 'Mines', long: 'Mines (Mines et Énergie (titres))' },
  // new-ministry:room-system-names
};

import type { LegacySystem } from '../../adapters/shared/index.js';
import type { DossierSystem } from '../../schema/index.js';

/**
 * The one table that ties each ministry's dossier type into the unified view. Adding a ministry means one row
 * here; the stub types, the `@external` lists on Citizen, the `@requires` selection and the reference prefixes
 * are all generated from it.
 */
export interface MinistryDossierType {
  /** The entity type the ministry subgraph owns. */
  readonly typeName: string;
  /** The ministry subgraph's list of a citizen's dossiers, on `Citizen`. */
  readonly citizenListField: string;
  /** Prefix of its references (`CEET-2026-000123`). */
  readonly referencePrefix: DossierSystem;
  /** Legacy system behind it, as named in errors' `extensions.system`. */
  readonly legacySystem: LegacySystem;
}

export const ministryDossierTypes: readonly MinistryDossierType[] = [
  { typeName: 'ElectricityConnectionRequest', citizenListField: 'electricityRequests', referencePrefix: 'CEET', legacySystem: 'ceet' },
  { typeName: 'BuildingPermitApplication', citizenListField: 'buildingPermitApplications', referencePrefix: 'URB', legacySystem: 'urbanisme' },
  { typeName: 'CivilActCopyRequest', citizenListField: 'civilActCopyRequests', referencePrefix: 'RNEC', legacySystem: 'rnec' },
  { typeName: 'EnergyMinesApplication', citizenListField: 'energyMinesApplications', referencePrefix: 'MEM', legacySystem: 'mines' },
  // new-ministry:dossier-types
];

export function ministryOfReferencePrefix(prefix: DossierSystem): MinistryDossierType | undefined {
  return ministryDossierTypes.find((m) => m.referencePrefix === prefix);
}

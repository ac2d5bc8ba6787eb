import type { LegacySystem } from '../../adapters/shared/index.js';
import { connectedMinistriesInCatalogueOrder, type DossierSystem } from '../../schema/index.js';

/**
 * What ties each ministry's dossier type into the unified view: the stub types, the `@external` lists on Citizen, the
 * `@requires` selection and the reference prefixes are all generated from it. Derived from the ministry registry
 * (`schema/ministries.ts`, each row's `subgraph` and `system`), in catalogue order (the `@requires` selection's order).
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

export const ministryDossierTypes: readonly MinistryDossierType[] = connectedMinistriesInCatalogueOrder.map((m) => ({
  typeName: m.subgraph.dossierType,
  citizenListField: m.subgraph.citizenListField,
  referencePrefix: m.system.referencePrefix,
  legacySystem: m.system.code,
}));

export function ministryOfReferencePrefix(prefix: DossierSystem): MinistryDossierType | undefined {
  return ministryDossierTypes.find((m) => m.referencePrefix === prefix);
}

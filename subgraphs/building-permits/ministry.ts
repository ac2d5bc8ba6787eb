import { adapterKit, buildingPermitInputSchema, type BuildingPermitRecord, type UrbanismeAdapter } from '../../adapters/urbanisme/index.js';
import { defineMinistrySubgraph, ministryDocuments, type MinistryContext } from '../shared/index.js';
import { buildBuildingPermitsSchema } from './build-building-permits-schema.js';

/** The building-permits subgraph: Urbanisme's permit applications (registry row `building-permits`). */
export const buildingPermits = defineMinistrySubgraph({
  name: 'building-permits',
  adapter: adapterKit,
  buildSchema: buildBuildingPermitsSchema,
  inputSchema: buildingPermitInputSchema,
  queuedRecord: (common, input): BuildingPermitRecord => ({
    ...common,
    landTitle: input.landTitle,
    architectRegistration: input.architectRegistration,
    // The register's name for the architect is known once the ministry has the file.
    architectName: input.architectRegistration,
    communeCode: input.communeCode,
    quarter: input.quarter,
    projectKind: input.projectKind,
    floorAreaM2: input.floorAreaM2,
    levels: input.levels,
    missingDocuments: [],
    // Not at Urbanisme yet: the files follow the application when the outbox delivers it.
    documents: [],
  }),
  notFoundMessage: (reference) => `Aucune demande de permis ${reference}.`,
  // Applications carry supporting documents (docs/documents.md): the store the gateway puts uploads in; the files
  // then follow the application to Urbanisme through the same outbox delivery (exactly once).
  ...ministryDocuments,
});

export type BuildingPermitsContext = MinistryContext<BuildingPermitRecord, UrbanismeAdapter>;

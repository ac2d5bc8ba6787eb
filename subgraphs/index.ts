import type { GraphQLSchema } from 'graphql';
import { BUILDING_PERMITS_DEFAULT_PORT, buildBuildingPermitsSchema } from './building-permits/index.js';
import { CIVIL_REGISTRY_DEFAULT_PORT, buildCivilRegistrySchema } from './civil-registry/index.js';
import { DOSSIERS_DEFAULT_PORT, buildDossiersSchema } from './dossiers/index.js';
import { ELECTRICITY_DEFAULT_PORT, buildElectricitySchema } from './electricity/index.js';
import { SUPERVISION_DEFAULT_PORT, buildSupervisionSchema } from './supervision/index.js';
import { ENERGY_MINES_DEFAULT_PORT, buildEnergyMinesSchema } from './energy-mines/index.js';
// new-ministry:subgraph-imports

/** Every subgraph of the graph: its name in the supergraph, its default URL and how its schema is built. */
export interface SubgraphDefinition {
  readonly name: string;
  readonly defaultUrl: string;
  readonly buildSchema: () => Promise<GraphQLSchema>;
}

const local = (port: number) => `http://127.0.0.1:${port}/graphql`;

export const subgraphDefinitions: readonly SubgraphDefinition[] = [
  { name: 'civil-registry', defaultUrl: local(CIVIL_REGISTRY_DEFAULT_PORT), buildSchema: buildCivilRegistrySchema },
  { name: 'electricity', defaultUrl: local(ELECTRICITY_DEFAULT_PORT), buildSchema: buildElectricitySchema },
  { name: 'building-permits', defaultUrl: local(BUILDING_PERMITS_DEFAULT_PORT), buildSchema: buildBuildingPermitsSchema },
  { name: 'energy-mines', defaultUrl: local(ENERGY_MINES_DEFAULT_PORT), buildSchema: buildEnergyMinesSchema },
  // new-ministry:subgraph-definitions
  { name: 'dossiers', defaultUrl: local(DOSSIERS_DEFAULT_PORT), buildSchema: buildDossiersSchema },
  { name: 'supervision', defaultUrl: local(SUPERVISION_DEFAULT_PORT), buildSchema: buildSupervisionSchema },
];

import type { GraphQLSchema } from 'graphql';
import { buildSchema as buildBuildingPermitsSchema } from './building-permits/index.js';
import { buildSchema as buildCivilRegistrySchema } from './civil-registry/index.js';
import { DOSSIERS_DEFAULT_PORT, buildDossiersSchema } from './dossiers/index.js';
import { buildSchema as buildElectricitySchema } from './electricity/index.js';
import { SUPERVISION_DEFAULT_PORT, buildSupervisionSchema } from './supervision/index.js';
import { buildSchema as buildEnergyMinesSchema } from './energy-mines/index.js';
// new-ministry:subgraph-imports

/** Every subgraph of the graph: its name in the supergraph, its default URL and how its schema is built. */
export interface SubgraphDefinition {
  readonly name: string;
  readonly defaultUrl: string;
  readonly buildSchema: () => Promise<GraphQLSchema>;
}

const local = (port: number) => `http://127.0.0.1:${port}/graphql`;

export const subgraphDefinitions: readonly SubgraphDefinition[] = [
  { name: 'civil-registry', defaultUrl: local(4101), buildSchema: buildCivilRegistrySchema },
  { name: 'electricity', defaultUrl: local(4102), buildSchema: buildElectricitySchema },
  { name: 'building-permits', defaultUrl: local(4103), buildSchema: buildBuildingPermitsSchema },
  { name: 'energy-mines', defaultUrl: local(4106), buildSchema: buildEnergyMinesSchema },
  // new-ministry:subgraph-definitions
  { name: 'dossiers', defaultUrl: local(DOSSIERS_DEFAULT_PORT), buildSchema: buildDossiersSchema },
  { name: 'supervision', defaultUrl: local(SUPERVISION_DEFAULT_PORT), buildSchema: buildSupervisionSchema },
];

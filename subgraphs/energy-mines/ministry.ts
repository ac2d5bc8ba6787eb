import { adapterKit, energyMinesApplicationInputSchema, type EnergyMinesApplicationRecord, type MinesAdapter } from '../../adapters/mines/index.js';
import { findProcedure } from '../../schema/index.js';
import { defineMinistrySubgraph, ministryDocuments, type MinistryContext } from '../shared/index.js';
import { buildEnergyMinesSchema } from './build-energy-mines-schema.js';

/** The energy & mines subgraph: SIGEM's permits, authorizations and declarations (registry row `energy-mines`). */
export const energyMines = defineMinistrySubgraph({
  name: 'energy-mines',
  adapter: adapterKit,
  buildSchema: buildEnergyMinesSchema,
  inputSchema: energyMinesApplicationInputSchema,
  queuedRecord: (common, input): EnergyMinesApplicationRecord => ({
    ...common,
    companyName: input.companyName,
    company: input.company,
    communeCode: input.communeCode,
    locality: input.locality,
    substance: input.substance,
    areaHectares: input.areaHectares,
    filingFeeFcfa: findProcedure(input.procedureCode)?.feeFcfa ?? 0,
    missingDocuments: [],
    // Not at SIGEM yet: the files follow the application when the outbox delivers it.
    documents: [],
  }),
  notFoundMessage: (reference) => `Aucune demande ${reference}.`,
  // Applications carry supporting documents (docs/documents.md): the store the gateway puts uploads in; the files then
  // follow the application to SIGEM through the same outbox delivery (exactly once).
  ...ministryDocuments,
});

export type EnergyMinesContext = MinistryContext<EnergyMinesApplicationRecord, MinesAdapter>;

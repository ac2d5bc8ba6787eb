import { adapterKit, electricityRequestInputSchema, type CeetAdapter, type ElectricityRequestRecord } from '../../adapters/ceet/index.js';
import { findProcedure, ProcedureCode } from '../../schema/index.js';
import { defineMinistrySubgraph, ministryDocuments, type MinistryContext } from '../shared/index.js';
import { buildElectricitySchema } from './build-electricity-schema.js';

/** The electricity subgraph: CEET's connection requests (registry row `electricity`). */
export const electricity = defineMinistrySubgraph({
  name: 'electricity',
  adapter: adapterKit,
  buildSchema: buildElectricitySchema,
  inputSchema: electricityRequestInputSchema,
  queuedRecord: (common, input): ElectricityRequestRecord => ({
    ...common,
    meterType: input.meterType,
    communeCode: input.communeCode,
    quarter: input.quarter,
    landTitle: input.landTitle,
    applianceCount: input.applianceCount,
    filingFeeFcfa: findProcedure(ProcedureCode.ELECTRICITY_CONNECTION_LV)?.feeFcfa ?? 0,
    quoteAmountFcfa: null,
    // Not at CEET yet: the files follow the request when the outbox delivers it.
    documents: [],
  }),
  notFoundMessage: (reference) => `Aucune demande de raccordement ${reference}.`,
  // Requests carry supporting documents (docs/documents.md): the store the gateway puts uploads in; the files then
  // follow the request to CEET through the same outbox delivery (exactly once).
  ...ministryDocuments,
});

export type ElectricityContext = MinistryContext<ElectricityRequestRecord, CeetAdapter>;

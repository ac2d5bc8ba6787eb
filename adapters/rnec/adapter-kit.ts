import type { MinistryAdapterKit, MinistryDossierAdapter } from '../shared/index.js';
import { rnecAdapterEnvSchema, rnecAdapterOptionsFromEnv } from './config.js';
import { copyRequestDossiers } from './copy-request-dossiers.js';
import { createRnecAdapter, type RnecAdapterOptions } from './rnec-adapter.js';
import type { CivilActCopyRequestRecord, CopyRequestInput, RnecAdapter } from './types.js';

/** RNEC's whole adapter (persons, acts) with its copy requests as the ministry dossier contract. */
export type RnecDossierAdapter = RnecAdapter & MinistryDossierAdapter<CivilActCopyRequestRecord, CopyRequestInput>;

/** RNEC's adapter as the house wires every ministry's (see MinistryAdapterKit). */
export const adapterKit: MinistryAdapterKit<typeof rnecAdapterEnvSchema, RnecAdapterOptions, CivilActCopyRequestRecord, CopyRequestInput, RnecDossierAdapter> = {
  system: 'rnec',
  envSchema: rnecAdapterEnvSchema,
  optionsFromEnv: rnecAdapterOptionsFromEnv,
  create: (options) => {
    const rnec = createRnecAdapter(options);
    return { ...rnec, ...copyRequestDossiers(rnec) };
  },
  locationOf: (options) => options.url,
  // Where the copy is delivered: the registry office's commune.
  communeOf: (record) => record.deliveryCommuneCode,
};

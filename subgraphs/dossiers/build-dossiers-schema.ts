import { buildFederatedSchema } from '../shared/index.js';
import { dossierStubs } from './dossier-stubs.js';
import { CitizenDossiersResolver, DossiersQueryResolver } from './dossiers-resolver.js';
import { dossiersReferenceResolvers } from './reference-resolvers.js';

export function buildDossiersSchema() {
  return buildFederatedSchema({
    resolvers: [DossiersQueryResolver, CitizenDossiersResolver],
    orphanedTypes: [...dossierStubs.values()],
    referenceResolvers: dossiersReferenceResolvers,
  });
}

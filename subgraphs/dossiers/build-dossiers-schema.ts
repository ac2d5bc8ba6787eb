import { buildFederatedSchema } from '../shared/index.js';
import { AccessLogResolver } from './access-log-resolver.js';
import { dossierStubs } from './dossier-stubs.js';
import { CitizenDossiersResolver, DossiersQueryResolver } from './dossiers-resolver.js';
import { dossiersReferenceResolvers } from './reference-resolvers.js';

export function buildDossiersSchema() {
  return buildFederatedSchema({
    resolvers: [DossiersQueryResolver, CitizenDossiersResolver, AccessLogResolver],
    orphanedTypes: [...dossierStubs.values()],
    referenceResolvers: dossiersReferenceResolvers,
  });
}

import { buildFederatedSchema } from '../shared/index.js';
import { AccessLogResolver } from './access-log-resolver.js';
import { CompanyAccessLogResolver } from './company-access-log-resolver.js';
import { dossierStubs } from './dossier-stubs.js';
import { CitizenDossiersResolver, DossiersQueryResolver } from './dossiers-resolver.js';
import { dossiersReferenceResolvers } from './reference-resolvers.js';

export function buildDossiersSchema() {
  return buildFederatedSchema({
    resolvers: [DossiersQueryResolver, CitizenDossiersResolver, AccessLogResolver, CompanyAccessLogResolver],
    orphanedTypes: [...dossierStubs.values()],
    referenceResolvers: dossiersReferenceResolvers,
  });
}

import { buildFederatedSchema, legacySystemHealthHubReferenceResolvers } from '../shared/index.js';
import { SupervisionResolver } from './graphql/supervision-resolver.js';

export function buildSupervisionSchema() {
  return buildFederatedSchema({
    resolvers: [SupervisionResolver],
    // The hub of LegacySystemHealth: the ministries' figures come back through `@requires`.
    referenceResolvers: legacySystemHealthHubReferenceResolvers,
  });
}

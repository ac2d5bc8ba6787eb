import { buildFederatedSchema } from '../shared/index.js';
import { CitizenResolver } from './citizen-resolver.js';
import { CivilRegistryResolver } from './civil-registry-resolver.js';
import { Citizen } from './citizen.js';
import { civilRegistryReferenceResolvers } from './reference-resolvers.js';

export function buildCivilRegistrySchema() {
  return buildFederatedSchema({ resolvers: [CivilRegistryResolver, CitizenResolver], orphanedTypes: [Citizen], referenceResolvers: civilRegistryReferenceResolvers, legacySystem: 'rnec' });
}

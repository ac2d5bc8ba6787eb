import { buildMinistrySchema } from '../shared/index.js';
import { CitizenResolver } from './citizen-resolver.js';
import { CivilRegistryResolver } from './civil-registry-resolver.js';
import { Citizen } from './citizen.js';
import { citizenReferenceResolvers } from './reference-resolvers.js';
import { copyRequestView } from './views.js';

export function buildCivilRegistrySchema() {
  return buildMinistrySchema('civil-registry', { resolvers: [CivilRegistryResolver, CitizenResolver], orphanedTypes: [Citizen], referenceResolvers: citizenReferenceResolvers, view: copyRequestView });
}

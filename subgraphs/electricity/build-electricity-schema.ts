import { buildFederatedSchema } from '../shared/index.js';
import { CitizenElectricityResolver, ElectricityResolver } from './electricity-resolver.js';
import { electricityReferenceResolvers } from './reference-resolvers.js';

export function buildElectricitySchema() {
  return buildFederatedSchema({ resolvers: [ElectricityResolver, CitizenElectricityResolver], referenceResolvers: electricityReferenceResolvers, legacySystem: 'ceet' });
}

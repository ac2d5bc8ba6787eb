import { buildFederatedSchema } from '../shared/index.js';
import { CitizenEnergyMinesResolver, EnergyMinesResolver } from './energy-mines-resolver.js';
import { energyMinesReferenceResolvers } from './reference-resolvers.js';

export function buildEnergyMinesSchema() {
  return buildFederatedSchema({ resolvers: [EnergyMinesResolver, CitizenEnergyMinesResolver], referenceResolvers: energyMinesReferenceResolvers, legacySystem: 'mines' });
}

import { buildMinistrySchema } from '../shared/index.js';
import { CitizenEnergyMinesResolver, EnergyMinesResolver } from './energy-mines-resolver.js';

export function buildEnergyMinesSchema() {
  return buildMinistrySchema('energy-mines', { resolvers: [EnergyMinesResolver, CitizenEnergyMinesResolver] });
}

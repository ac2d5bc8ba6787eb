import { buildMinistrySchema } from '../shared/index.js';
import { CitizenElectricityResolver, ElectricityResolver } from './electricity-resolver.js';

export function buildElectricitySchema() {
  return buildMinistrySchema('electricity', { resolvers: [ElectricityResolver, CitizenElectricityResolver] });
}

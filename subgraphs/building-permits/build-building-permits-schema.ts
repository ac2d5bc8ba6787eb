import { buildFederatedSchema } from '../shared/index.js';
import { BuildingPermitsResolver, CitizenBuildingPermitsResolver } from './building-permits-resolver.js';
import { buildingPermitsReferenceResolvers } from './reference-resolvers.js';

export function buildBuildingPermitsSchema() {
  return buildFederatedSchema({ resolvers: [BuildingPermitsResolver, CitizenBuildingPermitsResolver], referenceResolvers: buildingPermitsReferenceResolvers, legacySystem: 'urbanisme' });
}

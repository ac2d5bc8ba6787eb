import { buildMinistrySchema } from '../shared/index.js';
import { BuildingPermitsResolver, CitizenBuildingPermitsResolver } from './building-permits-resolver.js';
import { permitView } from './permit-view.js';

export function buildBuildingPermitsSchema() {
  return buildMinistrySchema('building-permits', { resolvers: [BuildingPermitsResolver, CitizenBuildingPermitsResolver], view: permitView });
}

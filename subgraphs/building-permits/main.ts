import 'reflect-metadata';
import { runMinistrySubgraph } from '../shared/index.js';
import { buildingPermits } from './ministry.js';

await runMinistrySubgraph(buildingPermits);

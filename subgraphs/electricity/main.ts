import 'reflect-metadata';
import { runMinistrySubgraph } from '../shared/index.js';
import { electricity } from './ministry.js';

await runMinistrySubgraph(electricity);

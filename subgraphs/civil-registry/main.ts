import 'reflect-metadata';
import { runMinistrySubgraph } from '../shared/index.js';
import { civilRegistry } from './ministry.js';

await runMinistrySubgraph(civilRegistry);

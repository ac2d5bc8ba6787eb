import 'reflect-metadata';
import { runMinistrySubgraph } from '../shared/index.js';
import { energyMines } from './ministry.js';

await runMinistrySubgraph(energyMines);

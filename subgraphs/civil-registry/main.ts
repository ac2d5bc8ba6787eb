import 'reflect-metadata';
import { runService } from '../../lib/service/index.js';
import { readCivilRegistryConfig } from './config.js';
import { startCivilRegistrySubgraph } from './start-civil-registry-subgraph.js';

await runService({ name: 'subgraph-civil-registry', readConfig: readCivilRegistryConfig, start: startCivilRegistrySubgraph });

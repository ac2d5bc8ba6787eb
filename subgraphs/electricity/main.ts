import 'reflect-metadata';
import { runService } from '../../lib/service/index.js';
import { readElectricityConfig } from './config.js';
import { startElectricitySubgraph } from './start-electricity-subgraph.js';

await runService({ name: 'subgraph-electricity', readConfig: readElectricityConfig, start: startElectricitySubgraph });

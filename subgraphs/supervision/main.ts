import 'reflect-metadata';
import { runService } from '../../lib/service/index.js';
import { readSupervisionConfig } from './config.js';
import { startSupervisionSubgraph } from './start-supervision-subgraph.js';

await runService({ name: 'subgraph-supervision', readConfig: readSupervisionConfig, start: startSupervisionSubgraph });

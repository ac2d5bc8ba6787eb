import 'reflect-metadata';
import { runService } from '../../lib/service/index.js';
import { readDossiersConfig } from './config.js';
import { startDossiersSubgraph } from './start-dossiers-subgraph.js';

await runService({ name: 'subgraph-dossiers', readConfig: readDossiersConfig, start: startDossiersSubgraph });

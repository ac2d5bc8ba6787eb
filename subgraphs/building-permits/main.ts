import 'reflect-metadata';
import { runService } from '../../lib/service/index.js';
import { readBuildingPermitsConfig } from './config.js';
import { startBuildingPermitsSubgraph } from './start-building-permits-subgraph.js';

await runService({ name: 'subgraph-building-permits', readConfig: readBuildingPermitsConfig, start: startBuildingPermitsSubgraph });

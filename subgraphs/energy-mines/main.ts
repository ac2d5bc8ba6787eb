import 'reflect-metadata';
import { runService } from '../../lib/service/index.js';
import { readEnergyMinesConfig } from './config.js';
import { startEnergyMinesSubgraph } from './start-energy-mines-subgraph.js';

await runService({ name: 'subgraph-energy-mines', readConfig: readEnergyMinesConfig, start: startEnergyMinesSubgraph });

import { runService } from '../../lib/service/index.js';
import { readRnecSimulatorConfig } from './config.js';
import { startRnecSimulator } from './start-rnec-simulator.js';

await runService({ name: 'legacy-rnec', readConfig: readRnecSimulatorConfig, start: (config) => startRnecSimulator(config) });

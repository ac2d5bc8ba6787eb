import { runService } from '../../lib/service/index.js';
import { readMinesConfig } from './config.js';
import { startMinesSimulator } from './start-mines-simulator.js';

await runService({ name: 'legacy-mines', readConfig: readMinesConfig, start: startMinesSimulator });

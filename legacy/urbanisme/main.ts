import { runService } from '../../lib/service/index.js';
import { readUrbanismeConfig } from './config.js';
import { startUrbanismeSimulator } from './start-urbanisme-simulator.js';

await runService({ name: 'legacy-urbanisme', readConfig: readUrbanismeConfig, start: startUrbanismeSimulator });

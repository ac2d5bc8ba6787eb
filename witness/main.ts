import { runService } from '../lib/service/index.js';
import { startWitness } from './start-witness.js';
import { readWitnessConfig } from './witness-config.js';

await runService({ name: 'witness', readConfig: readWitnessConfig, start: startWitness });

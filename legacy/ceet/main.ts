import { runService } from '../../lib/service/index.js';
import { readCeetSimulatorConfig } from './config.js';
import { startCeetSimulator } from './start-ceet-simulator.js';

await runService({
  name: 'legacy-ceet',
  readConfig: readCeetSimulatorConfig,
  async start(config, log) {
    const simulator = await startCeetSimulator(config);
    log.info({ requests: simulator.store.size, seed: config.SEED, scale: config.SCALE }, 'seeded');
    return simulator;
  },
});

import cluster from 'node:cluster';
import { runService } from '../lib/service/index.js';
import { readGatewayConfig } from './config.js';
import { startGateway } from './start-gateway.js';
import { runGatewayWorker, startGatewayCluster } from './workers/index.js';

if (cluster.isWorker) {
  await runGatewayWorker();
} else {
  // One process when WORKERS=1 (nothing to share); otherwise a primary and its workers.
  await runService({ name: 'gateway', readConfig: readGatewayConfig, start: (config, log) => (config.workers > 1 ? startGatewayCluster(config, log) : startGateway(config, log)) });
}

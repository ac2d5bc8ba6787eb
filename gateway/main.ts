import { runService } from '../lib/service/index.js';
import { readGatewayConfig } from './config.js';
import { startGateway } from './start-gateway.js';

await runService({ name: 'gateway', readConfig: readGatewayConfig, start: startGateway });

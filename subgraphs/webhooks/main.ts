import 'reflect-metadata';
import { runService } from '../../lib/service/index.js';
import { readWebhooksConfig } from './config.js';
import { startWebhooksSubgraph } from './start-webhooks-subgraph.js';

await runService({ name: 'subgraph-webhooks', readConfig: readWebhooksConfig, start: startWebhooksSubgraph });

import 'reflect-metadata';
import { runService } from '../../lib/service/index.js';
import { readSupervisionConfig } from './config.js';
import { loadFeedSources } from './ingestion/index.js';
import { startSupervisionSubgraph } from './start-supervision-subgraph.js';

const feedSources = await loadFeedSources();
await runService({ name: 'subgraph-supervision', readConfig: (env) => readSupervisionConfig(env, feedSources), start: startSupervisionSubgraph });

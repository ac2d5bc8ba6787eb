import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { createGatewayAuthenticator, startSubgraphServer } from '../shared/index.js';
import { buildSupervisionSchema } from './build-supervision-schema.js';
import type { SupervisionConfig } from './config.js';
import { createSupervisionContext } from './context.js';
import { createFeedIngestor } from './ingestion/index.js';
import { createReadModel } from './read-model/index.js';
import { createSqliteReadModelStore } from './store/index.js';

/**
 * The supervision subgraph: the read model fed by every ministry's change feed (resumed from its store), and the API
 * over it. It serves at once; `/ready` says degraded until every system's initial load is done.
 */
export async function startSupervisionSubgraph(config: SupervisionConfig, log: Logger): Promise<RunningService> {
  const sources = config.feeds.map((feed) => `${feed.system}=${feed.source}`).join(' ');
  const store = createSqliteReadModelStore({ path: config.storePath, sources });
  const model = createReadModel();
  const feeds = config.feeds.map((feed) => feed.open());
  const ingestor = createFeedIngestor({ feeds, store, model, pollIntervalMs: config.pollIntervalMs, overlapMs: config.overlapMs, log });
  const supervision = { model, ingestion: () => ingestor.status(), clock: Date.now };
  try {
    await ingestor.start();
    return await startSubgraphServer({
      name: 'supervision',
      schema: await buildSupervisionSchema(),
      env: config.server,
      log,
      authenticate: createGatewayAuthenticator(config.server.INTERNAL_TOKEN_SECRET),
      context: async (caller) => createSupervisionContext(caller, supervision),
      readiness: async () => {
        const status = ingestor.status();
        return {
          degraded: !status.initialLoadComplete || status.unavailable.length > 0,
          dossiers: model.size,
          asOf: status.asOfMs === null ? null : new Date(status.asOfMs).toISOString(),
          feeds: Object.fromEntries(status.feeds.map((f) => [f.system, { loaded: f.loaded, lastFailureCode: f.lastFailure?.code ?? null }])),
        };
      },
      onClose: async () => {
        await ingestor.close();
        await store.close();
      },
    });
  } catch (error) {
    await ingestor.close();
    await store.close();
    throw error;
  }
}

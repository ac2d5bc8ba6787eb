import { createServer } from 'node:http';
import { closeServer, createRequestListener, listen, sendJson, type RouteHandler } from '../lib/http/index.js';
import type { Logger } from '../lib/log/index.js';
import type { RunningService } from '../lib/service/index.js';
import { createWitness } from './create-witness.js';
import { createCheckpointSigner, loadWitnessKeyring } from './signing/index.js';
import { createPgPool } from '../lib/postgres/index.js';
import { createPostgresCheckpointStore, createSqliteCheckpointStore, type CheckpointStore } from './store/index.js';
import type { WitnessConfig } from './witness-config.js';
import { witnessRoutes } from './witness-routes.js';

/**
 * The audit trail's witness: a process of its own, with its own key and store, that signs the chain tips writers
 * report and refuses any that would take a log back. `GET /ready` answers once its store reads.
 */
export async function startWitness(config: WitnessConfig, log: Logger): Promise<RunningService> {
  const keyring = await loadWitnessKeyring(config.keyPath, { create: config.createKey });
  if (keyring.created) log.info({ kid: keyring.current.kid, path: config.keyPath }, 'signing key created');
  if (keyring.tooOpen) {
    if (config.nodeEnv === 'production') throw new Error(`${config.keyPath} is readable by group or others: chmod 600 it`);
    log.warn({ path: config.keyPath }, 'signing key file is readable by group or others; chmod 600 it');
  }
  if (config.developmentToken) log.warn('writers authenticated with the development token (set WITNESS_TOKEN)');
  const store = await openCheckpointStore(config, log);
  let witness;
  try {
    witness = await createWitness({ store, keyring, signer: createCheckpointSigner(keyring), log });
  } catch (error) {
    await store.close();
    throw error;
  }
  const ready: RouteHandler = async (_req, res) => {
    await witness.latest('ready-probe'); // the store answers
    sendJson(res, 200, { status: 'ready', kid: keyring.current.kid }, { 'cache-control': 'no-store' });
  };
  const routes = { ...witnessRoutes(witness, config.token), 'GET /ready': ready };
  const server = createServer(createRequestListener(routes, (error) => log.error({ err: error }, 'request failed')));
  let url: string;
  try {
    url = await listen(server, config.host, config.port);
  } catch (error) {
    await store.close();
    throw error;
  }
  log.info({ kid: keyring.current.kid, store: config.database ? 'postgres' : config.storePath }, 'witness ready');
  return {
    url,
    close: async () => {
      await closeServer(server, 2_000);
      await store.close();
    },
  };
}

/** Its own PostgreSQL database when `DATABASE_URL` is set (migrated now: a database it cannot use stops the start), else its SQLite file. */
async function openCheckpointStore(config: WitnessConfig, log: Logger): Promise<CheckpointStore> {
  if (config.database === undefined) return createSqliteCheckpointStore({ path: config.storePath });
  const pool = createPgPool({
    url: config.database.url,
    applicationName: 'guichet-witness',
    max: config.database.poolMax,
    onError: (error) => log.warn({ err: error }, 'idle PostgreSQL connection lost'),
  });
  const store = createPostgresCheckpointStore({ pool });
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

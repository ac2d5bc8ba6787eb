import { join } from 'node:path';
import type { PersistedQueryManifest } from '../../gateway/trusted-documents/index.js';
import { buildManifest } from './build-manifest.js';
import { packageRoot, readShippedOperations } from './operation-sources.js';
import { readRelayPersistedQueries } from './relay-persisted-queries.js';

/** Where a Relay app's persisted queries go to be trusted (relay-compiler's `persistConfig.file`), relative to the package root. */
export const relayPersistedQueriesFile = 'clients/relay/persisted-queries.json';

/** The manifest of everything shipped: every operation folder (readShippedOperations) and Relay's persisted queries. */
export function buildShippedManifest(root: string = packageRoot()): Promise<PersistedQueryManifest> {
  return buildManifest(readShippedOperations(root), readRelayPersistedQueries(join(root, relayPersistedQueriesFile)));
}

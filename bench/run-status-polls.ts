import { defaultManifestPath, readManifest } from '../gateway/trusted-documents/index.js';
import type { World } from '../legacy/world/index.js';
import type { BenchOptions } from './bench-options.js';
import { measureStatusPolls, type StatusPollFigures } from './measure-status-polls.js';
import { pickPushCitizens } from './push-citizens.js';
import { setLegacyMode } from './set-legacy-mode.js';
import { benchInternalTokenSecret, type BenchStack } from './start-bench-stack.js';
import { stackGatewayEndpoint } from './start-targets.js';

/** The app's poll interval the figure stands for (issue 16: "phones polling their dossiers every 30 s"). */
export const statusPollAppIntervalS = 30;
/**
 * The bench stack's supervision settings the figure reads against: `SUPERVISION_POLL_MS` and
 * `SUPERVISION_FEED_OVERLAP_MS` at their defaults (subgraphs/supervision/config.ts), and the ministry subgraphs'
 * `DOSSIER_FRESHNESS_MAX_AGE_MS` at its own (subgraphs/shared/freshness).
 */
const stackFeedIntervalMs = 2_000;
const stackFeedOverlapMs = 60_000;
const stackFreshnessMaxAgeMs = 3_000;

/**
 * The status-poll figure on the bench's stack, at the simulators' realistic latency (a feed read and a legacy read
 * take what they take in production), then back to throughput mode. Undefined when the options ask for none.
 */
export async function runStatusPolls(bench: BenchStack, options: BenchOptions, world: World): Promise<StatusPollFigures | undefined> {
  if (options.statusPollPhones === 0) return undefined;
  const query = readManifest(defaultManifestPath()).operations.find((o) => o.name === 'DossierStatus')?.body;
  if (query === undefined) throw new Error('DossierStatus is not in clients/trusted-documents.json: run npm run documents');
  const subgraphUrls = Object.fromEntries([...bench.stack.services].map(([name, service]) => [name, service.url]));
  const legacyUrls = bench.stack.legacyUrls;
  await setLegacyMode(legacyUrls, 'latency');
  try {
    return await measureStatusPolls({
      url: stackGatewayEndpoint(bench).url,
      subgraphUrls,
      internalTokenSecret: benchInternalTokenSecret,
      phones: pickPushCitizens(world, options.statusPollPhones),
      appIntervalS: statusPollAppIntervalS,
      intervalMs: options.statusPollIntervalMs,
      rounds: options.statusPollRounds,
      feedIntervalMs: stackFeedIntervalMs,
      feedOverlapMs: stackFeedOverlapMs,
      maxAgeMs: stackFreshnessMaxAgeMs,
      // A pessimistic mix: a real dossier changes status every few days, not once in a few minutes.
      changeShare: 0.03,
      query,
      idp: bench.idp,
      legacyUrls,
      log: options.log,
    });
  } finally {
    await setLegacyMode(legacyUrls, 'throughput');
  }
}

import type { z } from 'zod';
import { ceetAdapterEnvSchema, ceetAdapterOptionsFromEnv, createCeetAdapter } from '../../../adapters/ceet/index.js';
import { createRnecAdapter, rnecAdapterEnvSchema, rnecAdapterOptionsFromEnv } from '../../../adapters/rnec/index.js';
import type { LegacySystem } from '../../../adapters/shared/index.js';
import { createUrbanismeAdapter, urbanismeAdapterEnvSchema, urbanismeAdapterOptionsFromEnv } from '../../../adapters/urbanisme/index.js';
import { createMinesAdapter, minesAdapterEnvSchema, minesAdapterOptionsFromEnv } from '../../../adapters/mines/index.js';
// new-ministry:feed-imports
import { factOf } from '../read-model/index.js';
import type { ChangeFeed } from './change-feeds.js';

/** A feed call's own budget, in place of the system's per-call ones: an initial load is a whole system in one answer. */
export interface FeedLimits {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
}

/** One system's feed, configured: where it reads from, with which adapter options, and how to open it. */
export interface ConfiguredFeed {
  readonly system: LegacySystem;
  /** Where the feed is read (for the store's `sources` line and logs). */
  readonly source: string;
  readonly options: FeedLimits;
  open(): ChangeFeed;
}

/** How the supervision subgraph reads one ministry's change feed: the ministry adapter's env and its feed call. */
export interface FeedSource {
  readonly system: LegacySystem;
  /** The adapter's environment fragment, merged into the subgraph's own. */
  readonly envSchema: z.ZodObject;
  configure(env: Readonly<Record<string, unknown>>, limits: FeedLimits): ConfiguredFeed;
}

/** Builds a row, keeping the adapter's option types inside it (the env is parsed again by the adapter's own schema). */
function feedSource<S extends z.ZodObject, O extends object>(
  system: LegacySystem,
  envSchema: S,
  optionsFromEnv: (env: z.infer<S>) => O,
  sourceOf: (options: O) => string,
  open: (options: O & FeedLimits) => ChangeFeed['changedSince'],
): FeedSource {
  return {
    system,
    envSchema,
    configure(env, limits) {
      const options = { ...optionsFromEnv(envSchema.parse(env)), ...limits };
      return { system, source: sourceOf(options), options, open: () => ({ system, changedSince: open(options) }) };
    },
  };
}

/**
 * Every ministry's change feed, one row each. None paginates: each answer holds every change since `since`. Where a
 * dossier is: the plot for electricity and permits, the registry office that delivers the copies for RNEC.
 */
export const feedSources: readonly FeedSource[] = [
  feedSource('rnec', rnecAdapterEnvSchema, rnecAdapterOptionsFromEnv, (o) => o.url, (o) => {
    const adapter = createRnecAdapter(o);
    return async (since) => (await adapter.listChangedCopyRequests(since)).map((r) => factOf('rnec', r, r.deliveryCommuneCode));
  }),
  feedSource('ceet', ceetAdapterEnvSchema, ceetAdapterOptionsFromEnv, (o) => o.baseUrl, (o) => {
    const adapter = createCeetAdapter(o);
    return async (since) => (await adapter.listChangedDossiers(since)).map((r) => factOf('ceet', r, r.communeCode));
  }),
  feedSource('urbanisme', urbanismeAdapterEnvSchema, urbanismeAdapterOptionsFromEnv, (o) => o.baseUrl, (o) => {
    const adapter = createUrbanismeAdapter(o);
    return async (since) => (await adapter.listChangedDossiers(since)).map((r) => factOf('urbanisme', r, r.communeCode));
  }),
  feedSource('mines', minesAdapterEnvSchema, minesAdapterOptionsFromEnv, (o) => o.baseUrl, (o) => {
    const adapter = createMinesAdapter(o);
    return async (since) => (await adapter.listChangedDossiers(since)).map((r) => factOf('mines', r, r.communeCode));
  }),
  // new-ministry:feed-sources
];

import type { z } from 'zod';
import type { LegacySystem } from '../../../adapters/shared/index.js';
import { companyAuditSubject, connectedMinistries } from '../../../schema/index.js';
import { factOf } from '../read-model/index.js';
import type { ChangeFeed } from './change-feeds.js';
import { loadAdapterKit, type AnyAdapterKit } from './load-adapter-kit.js';

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

/**
 * Whose a dossier's events are: a company's dossier (a record with `company`) is the company's — `company:<NIF>`, the
 * key its audit records use —, never pushed to the representative who filed it as their own dossier.
 */
export function eventOwnerOf(record: { readonly applicantNiu: string; readonly company?: { readonly nif: string } | null }): string {
  return record.company ? companyAuditSubject(record.company.nif) : record.applicantNiu;
}

/**
 * One ministry's feed through its adapter kit (the env is parsed again by the adapter's own schema). None paginates:
 * each answer holds every change since `since`. Where a dossier is: the kit's `communeOf` (the plot for electricity
 * and permits, the registry office that delivers the copies for RNEC).
 */
export function feedSourceOf(kit: AnyAdapterKit): FeedSource {
  const { system, envSchema } = kit;
  return {
    system,
    envSchema,
    configure(env, limits) {
      const options = { ...kit.optionsFromEnv(envSchema.parse(env)), ...limits };
      const changedSince = (adapter: ReturnType<AnyAdapterKit['create']>) => async (since: string) =>
        (await adapter.listChangedDossiers(since)).map((record) => ({
          fact: factOf(system, record, kit.communeOf(record)),
          ownerNiu: eventOwnerOf(record),
          ministryStatus: record.ministryStatus || null,
        }));
      return { system, source: kit.locationOf(options), options, open: () => ({ system, changedSince: changedSince(kit.create(options)) }) };
    },
  };
}

/** Every connected ministry's change feed, in registry order: one per row of `schema/ministries.ts` with a system. */
export async function loadFeedSources(): Promise<readonly FeedSource[]> {
  return Promise.all(connectedMinistries.map(async (m) => feedSourceOf(await loadAdapterKit(m.system.code))));
}

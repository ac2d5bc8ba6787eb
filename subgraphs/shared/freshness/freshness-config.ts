import { z } from 'zod';
import { FEED_READS_PARAMETER } from '../../../events/index.js';
import { envInt, envUrl } from '../../../lib/config/index.js';

/** A ministry subgraph's variables for answering status polls from the change feeds (docs/performance.md). */
export const freshnessEnvSchema = z.object({
  /** Records kept for proven-unchanged answers, per process; 0 turns the feature off (every poll calls the legacy system). */
  DOSSIER_FRESHNESS_MAX_ENTRIES: envInt(10_000, 0, 10_000_000),
  /** A kept record is served only while the feed read proving it is at most this old: the freshness promised to clients. */
  DOSSIER_FRESHNESS_MAX_AGE_MS: envInt(3_000, 100, 3_600_000),
  /** How far apart this process's and the supervision subgraph's clocks may be (NTP keeps them within milliseconds). */
  DOSSIER_FRESHNESS_CLOCK_SKEW_MS: envInt(50, 0, 60_000),
  /** No byte (event, feed read or heartbeat) on the stream for this long: reconnect. Above the stream's heartbeat period. */
  DOSSIER_FRESHNESS_IDLE_TIMEOUT_MS: envInt(45_000, 100, 3_600_000),
  /** The supervision subgraph's internal dossier-event stream. Default: at SUBGRAPH_SUPERVISION_URL's origin. */
  DOSSIER_EVENTS_URL: envUrl().optional(),
  /** Where the supervision subgraph is (the gateway's variable). */
  SUBGRAPH_SUPERVISION_URL: envUrl('http://127.0.0.1:4105/graphql'),
});

export interface FreshnessConfig {
  readonly maxEntries: number;
  readonly maxAgeMs: number;
  readonly clockSkewMs: number;
  readonly idleTimeoutMs: number;
  /** The stream, asking for feed reads. */
  readonly streamUrl: string;
}

/**
 * What the variables cannot say one by one: a served answer's age is measured across two clocks (this process's and
 * the supervision subgraph's), so the skew allowed between them must be below the age promised. Empty: consistent.
 */
export function freshnessConfigProblems(env: z.output<typeof freshnessEnvSchema>): string[] {
  if (env.DOSSIER_FRESHNESS_MAX_ENTRIES === 0 || env.DOSSIER_FRESHNESS_CLOCK_SKEW_MS < env.DOSSIER_FRESHNESS_MAX_AGE_MS) return [];
  return [
    `DOSSIER_FRESHNESS_CLOCK_SKEW_MS=${env.DOSSIER_FRESHNESS_CLOCK_SKEW_MS}: must be below DOSSIER_FRESHNESS_MAX_AGE_MS (${env.DOSSIER_FRESHNESS_MAX_AGE_MS}), or the age promised to clients cannot be measured`,
  ];
}

/** Null: off (`DOSSIER_FRESHNESS_MAX_ENTRIES=0`). */
export function freshnessConfigFromEnv(env: z.output<typeof freshnessEnvSchema>): FreshnessConfig | null {
  if (env.DOSSIER_FRESHNESS_MAX_ENTRIES === 0) return null;
  const url = new URL(env.DOSSIER_EVENTS_URL ?? new URL('/internal/dossier-events', env.SUBGRAPH_SUPERVISION_URL).href);
  url.searchParams.set(FEED_READS_PARAMETER, '1');
  return {
    maxEntries: env.DOSSIER_FRESHNESS_MAX_ENTRIES,
    maxAgeMs: env.DOSSIER_FRESHNESS_MAX_AGE_MS,
    clockSkewMs: env.DOSSIER_FRESHNESS_CLOCK_SKEW_MS,
    idleTimeoutMs: env.DOSSIER_FRESHNESS_IDLE_TIMEOUT_MS,
    streamUrl: url.href,
  };
}

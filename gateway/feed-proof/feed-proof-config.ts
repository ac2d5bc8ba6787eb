import { z } from 'zod';
import { FEED_READS_PARAMETER } from '../../events/index.js';
import { envInt } from '../../lib/config/index.js';

/** The gateway's variables for serving a citizen's dossiers again while the change feeds prove them unchanged. */
export const feedProofEnvSchema = z.object({
  /** Owners whose last change this process remembers; 0 turns the feature off (a citizen's dossiers are never kept). */
  FEED_PROOF_MAX_OWNERS: envInt(200_000, 0, 10_000_000),
  /** A kept answer is served only while the feed read proving it is at most this old: the freshness promised. */
  FEED_PROOF_MAX_AGE_MS: envInt(3_000, 100, 3_600_000),
  /** How far apart this process's and the supervision subgraph's clocks may be. */
  FEED_PROOF_CLOCK_SKEW_MS: envInt(50, 0, 60_000),
  /** No byte on the stream for this long: reconnect (above the stream's heartbeat period). */
  FEED_PROOF_IDLE_TIMEOUT_MS: envInt(45_000, 100, 3_600_000),
});

export interface FeedProofSettings {
  readonly maxOwners: number;
  readonly maxAgeMs: number;
  readonly clockSkewMs: number;
  readonly idleTimeoutMs: number;
  /** The supervision subgraph's internal stream, asking for feed reads. */
  readonly streamUrl: string;
}

/** Off (undefined) with `FEED_PROOF_MAX_OWNERS=0` or without a dossier-event stream to follow. */
export function feedProofSettingsFromEnv(env: z.output<typeof feedProofEnvSchema>, eventsUrl: string | undefined): FeedProofSettings | undefined {
  if (env.FEED_PROOF_MAX_OWNERS === 0 || eventsUrl === undefined) return undefined;
  const url = new URL(eventsUrl);
  url.searchParams.set(FEED_READS_PARAMETER, '1');
  return {
    maxOwners: env.FEED_PROOF_MAX_OWNERS,
    maxAgeMs: env.FEED_PROOF_MAX_AGE_MS,
    clockSkewMs: env.FEED_PROOF_CLOCK_SKEW_MS,
    idleTimeoutMs: env.FEED_PROOF_IDLE_TIMEOUT_MS,
    streamUrl: url.href,
  };
}

/** The skew must stay below the age promised, or that age cannot be measured. Empty: consistent. */
export function feedProofProblems(env: z.output<typeof feedProofEnvSchema>): string[] {
  if (env.FEED_PROOF_MAX_OWNERS === 0 || env.FEED_PROOF_CLOCK_SKEW_MS < env.FEED_PROOF_MAX_AGE_MS) return [];
  return [`FEED_PROOF_CLOCK_SKEW_MS=${env.FEED_PROOF_CLOCK_SKEW_MS}: must be below FEED_PROOF_MAX_AGE_MS (${env.FEED_PROOF_MAX_AGE_MS}), or the age promised to clients cannot be measured`];
}

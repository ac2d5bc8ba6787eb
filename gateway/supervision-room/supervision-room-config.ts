import { z } from 'zod';
import { envInt, envMs, envString, envUrl } from '../../lib/config/index.js';

export const supervisionRoomEnvSchema = z.object({
  /** Least pause between two reads of the figures for the streams of one token and filter; their pace without events. */
  SUPERVISION_PUSH_MS: envMs(2_000).refine((v) => v >= 250, 'expected at least 250 ms'),
  /**
   * With dossier events heard, how often the room reads the figures when no event concerns the filter (what events do
   * not carry: legacy systems' health, ageing backlogs, `asOf`). Unset: 30000, or SUPERVISION_PUSH_MS when longer.
   */
  SUPERVISION_IDLE_REFRESH_MS: z.coerce
    .number({ error: 'expected a duration in milliseconds' })
    .int('expected whole milliseconds')
    .min(250, 'expected at least 250 ms')
    .max(3_600_000, 'expected at most 3600000 ms (an hour)')
    .optional(),
  /** Open live streams per gateway process; beyond, 503. */
  SUPERVISION_MAX_STREAMS: envInt(200, 1, 100_000),
  /** Open live streams of one principal (subject and client) per gateway process; beyond, 429. */
  SUPERVISION_MAX_STREAMS_PER_PRINCIPAL: envInt(8, 1, 1_000),
  /** The room's public OAuth client at the OIDC provider (authorization code with PKCE, refresh, device grant). */
  SUPERVISION_OIDC_CLIENT_ID: envString('salle-supervision').pipe(z.string().regex(/^[\x21-\x7e]{1,128}$/, 'expected 1 to 128 printable characters without spaces')),
  /** Where supervisors sign in, when not at OIDC_ISSUER (the provider whose tokens the gateway accepts). */
  SUPERVISION_OIDC_ISSUER: envUrl().optional(),
});

export type SupervisionRoomEnv = z.infer<typeof supervisionRoomEnvSchema>;

export interface SupervisionRoomSettings {
  /** Least pause between two reads of the figures per token and filter, their pace without events. Default 2000 (`SUPERVISION_PUSH_MS`). */
  readonly pushIntervalMs: number;
  /** With events heard, the pause between two reads when none concerns the filter. Default 30000, or `pushIntervalMs` when longer (`SUPERVISION_IDLE_REFRESH_MS`). */
  readonly idleRefreshMs: number;
  /** Open live streams per process. Default 200 (`SUPERVISION_MAX_STREAMS`). */
  readonly maxStreams: number;
  /** Open live streams of one principal per process. Default 8 (`SUPERVISION_MAX_STREAMS_PER_PRINCIPAL`). */
  readonly maxStreamsPerPrincipal: number;
  /** The room's client id at the provider. Default `salle-supervision` (`SUPERVISION_OIDC_CLIENT_ID`). */
  readonly oidcClientId: string;
  /** Where supervisors sign in; undefined: the gateway's OIDC_ISSUER (`SUPERVISION_OIDC_ISSUER`). */
  readonly oidcIssuer: string | undefined;
}

/** The idle refresh when SUPERVISION_IDLE_REFRESH_MS is unset. */
const defaultIdleRefreshMs = 30_000;

/** Rules between the room's variables, reported with the gateway's other configuration problems. */
export function supervisionRoomProblems(env: SupervisionRoomEnv): string[] {
  if (env.SUPERVISION_IDLE_REFRESH_MS === undefined || env.SUPERVISION_IDLE_REFRESH_MS >= env.SUPERVISION_PUSH_MS) return [];
  return [`SUPERVISION_IDLE_REFRESH_MS: ${env.SUPERVISION_IDLE_REFRESH_MS} must be at least SUPERVISION_PUSH_MS (${env.SUPERVISION_PUSH_MS})`];
}

export function supervisionRoomSettingsFromEnv(env: SupervisionRoomEnv): SupervisionRoomSettings {
  return {
    pushIntervalMs: env.SUPERVISION_PUSH_MS,
    idleRefreshMs: env.SUPERVISION_IDLE_REFRESH_MS ?? Math.max(defaultIdleRefreshMs, env.SUPERVISION_PUSH_MS),
    maxStreams: env.SUPERVISION_MAX_STREAMS,
    maxStreamsPerPrincipal: env.SUPERVISION_MAX_STREAMS_PER_PRINCIPAL,
    oidcClientId: env.SUPERVISION_OIDC_CLIENT_ID,
    oidcIssuer: env.SUPERVISION_OIDC_ISSUER,
  };
}

import { z } from 'zod';
import { envInt, envMs } from '../../lib/config/index.js';

export const supervisionRoomEnvSchema = z.object({
  /** How often the room reads the figures for the streams of one token and filter. */
  SUPERVISION_PUSH_MS: envMs(2_000).refine((v) => v >= 250, 'expected at least 250 ms'),
  /** Open live streams per gateway process; beyond, 503. */
  SUPERVISION_MAX_STREAMS: envInt(200, 1, 100_000),
  /** Open live streams of one principal (subject and client) per gateway process; beyond, 429. */
  SUPERVISION_MAX_STREAMS_PER_PRINCIPAL: envInt(8, 1, 1_000),
});

export type SupervisionRoomEnv = z.infer<typeof supervisionRoomEnvSchema>;

export interface SupervisionRoomSettings {
  /** Pause between two reads of the figures per token and filter. Default 2000 (`SUPERVISION_PUSH_MS`). */
  readonly pushIntervalMs: number;
  /** Open live streams per process. Default 200 (`SUPERVISION_MAX_STREAMS`). */
  readonly maxStreams: number;
  /** Open live streams of one principal per process. Default 8 (`SUPERVISION_MAX_STREAMS_PER_PRINCIPAL`). */
  readonly maxStreamsPerPrincipal: number;
}

export function supervisionRoomSettingsFromEnv(env: SupervisionRoomEnv): SupervisionRoomSettings {
  return { pushIntervalMs: env.SUPERVISION_PUSH_MS, maxStreams: env.SUPERVISION_MAX_STREAMS, maxStreamsPerPrincipal: env.SUPERVISION_MAX_STREAMS_PER_PRINCIPAL };
}

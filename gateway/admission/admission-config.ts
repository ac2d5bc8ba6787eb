import { z } from 'zod';
import { envInt } from '../../lib/config/index.js';
import type { AdmissionLimiterOptions } from './admission-limiter.js';

export const admissionEnvSchema = z.object({
  /** Requests served at once per process, at most (the static bound). */
  ADMISSION_MAX_IN_FLIGHT: envInt(128, 1, 100_000),
  /** Floor of the adaptive limit (at most the bound; equal to it: a fixed limit). */
  ADMISSION_MIN_IN_FLIGHT: envInt(8, 1, 100_000),
  /** Requests waiting for a slot per process, at most (0 = refuse at once when full). */
  ADMISSION_QUEUE: envInt(256, 0, 100_000),
  /** Longest wait for a slot; default 1000, or a quarter of REQUEST_DEADLINE_MS when that is shorter. */
  ADMISSION_QUEUE_TIMEOUT_MS: z.coerce
    .number({ error: 'expected a duration in milliseconds' })
    .int('expected whole milliseconds')
    .min(1, 'expected at least 1')
    .max(600_000, 'expected at most 600000')
    .optional(),
  /** Mean event loop delay above which the process is saturated: limit cut, queue closed (0 = not watched). */
  ADMISSION_EVENT_LOOP_DELAY_MS: envInt(100, 0, 60_000),
  /** What a refusal's `Retry-After` says. */
  ADMISSION_RETRY_AFTER_S: envInt(1, 1, 3_600),
  /** One deadline per GraphQL request, from its arrival (time queued included) to its last legacy call. */
  REQUEST_DEADLINE_MS: envInt(8_000, 100, 600_000),
  /** Taken off the time a subgraph is told it has, so that its (partial) answer is back before the gateway stops waiting. */
  REQUEST_DEADLINE_MARGIN_MS: envInt(250, 0, 60_000),
});

export type AdmissionEnv = z.infer<typeof admissionEnvSchema>;

/** The limiter's options as the environment sets them (the rest keep their defaults). */
export type AdmissionOptions = Omit<AdmissionLimiterOptions, 'saturatedHoldMs' | 'now'>;

export interface DeadlineOptions {
  readonly requestDeadlineMs: number;
  readonly marginMs: number;
}

/** Cross-variable rules the schema alone cannot say; each problem as `VARIABLE: why`. */
export function admissionProblems(env: AdmissionEnv): string[] {
  const problems: string[] = [];
  // Time queued counts against the deadline: a wait as long as the deadline would leave nothing to serve with.
  if (env.ADMISSION_QUEUE_TIMEOUT_MS !== undefined && env.ADMISSION_QUEUE_TIMEOUT_MS >= env.REQUEST_DEADLINE_MS)
    problems.push(`ADMISSION_QUEUE_TIMEOUT_MS: ${env.ADMISSION_QUEUE_TIMEOUT_MS} must be shorter than REQUEST_DEADLINE_MS (${env.REQUEST_DEADLINE_MS})`);
  if (env.REQUEST_DEADLINE_MARGIN_MS * 2 > env.REQUEST_DEADLINE_MS)
    problems.push(`REQUEST_DEADLINE_MARGIN_MS: ${env.REQUEST_DEADLINE_MARGIN_MS} is more than half of REQUEST_DEADLINE_MS (${env.REQUEST_DEADLINE_MS})`);
  return problems;
}

export function admissionOptionsFromEnv(env: AdmissionEnv): AdmissionOptions {
  return {
    maxInFlight: env.ADMISSION_MAX_IN_FLIGHT,
    minInFlight: env.ADMISSION_MIN_IN_FLIGHT,
    queue: env.ADMISSION_QUEUE,
    queueTimeoutMs: env.ADMISSION_QUEUE_TIMEOUT_MS ?? Math.min(1_000, Math.floor(env.REQUEST_DEADLINE_MS / 4)),
    eventLoopDelayMs: env.ADMISSION_EVENT_LOOP_DELAY_MS,
    retryAfterMs: env.ADMISSION_RETRY_AFTER_S * 1_000,
  };
}

export function deadlineOptionsFromEnv(env: AdmissionEnv): DeadlineOptions {
  return { requestDeadlineMs: env.REQUEST_DEADLINE_MS, marginMs: env.REQUEST_DEADLINE_MARGIN_MS };
}

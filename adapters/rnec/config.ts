import { z } from 'zod';
import { envInt, envMs, envUrl } from '../../lib/config/index.js';
import { adapterEnvOptions, DEFAULT_MAX_RESPONSE_BYTES, resilienceEnv } from '../shared/index.js';
import { defaultV2Url, type RnecAdapterOptions } from './rnec-adapter.js';
import { parseModeOverrides } from './strangler/index.js';

/**
 * `getCitizens:rest,listChangedCopyRequests:shadow`: per-operation modes, every problem named. Kept a string once
 * valid (read into modes by rnecAdapterOptionsFromEnv), so that parsing an already parsed environment again works.
 */
const modeOverrides = z
  .string()
  .default('')
  .superRefine((value, context) => {
    for (const problem of parseModeOverrides(value).problems) context.addIssue({ code: 'custom', message: problem });
  });

/** Environment of a service that talks to RNEC; extend a service's schema with its `.shape`. */
export const rnecAdapterEnvSchema = z.object({
  /** The SOAP endpoint; the WSDL is read from `<RNEC_URL>?wsdl`. */
  RNEC_URL: envUrl('http://127.0.0.1:4201/ws/rnec'),
  /** One attempt (WSDL fetch included), connection to last byte. */
  RNEC_TIMEOUT_MS: envMs(3_000),
  /** Whole call: waiting for a slot, every attempt and backoff (never below RNEC_TIMEOUT_MS). */
  RNEC_DEADLINE_MS: resilienceEnv.deadlineMs(),
  /** Attempts of a safe read, the first included (1: no retry). Writes are never retried. */
  RNEC_RETRY_MAX_ATTEMPTS: resilienceEnv.retryMaxAttempts(),
  /** Scale of the first jittered backoff; a `Retry-After` may ask for longer. */
  RNEC_RETRY_BASE_DELAY_MS: resilienceEnv.retryBaseDelayMs(),
  RNEC_RETRY_MAX_DELAY_MS: resilienceEnv.retryMaxDelayMs(),
  /** Backend failures in a row that open the circuit (0: no breaker). */
  RNEC_BREAKER_THRESHOLD: resilienceEnv.breakerThreshold(),
  /** How long an open circuit refuses calls before letting one probe through. */
  RNEC_BREAKER_HALF_OPEN_AFTER_MS: resilienceEnv.breakerHalfOpenAfterMs(),
  /** Calls in flight to the system at once (0: no bulkhead), and calls waiting beyond them. */
  RNEC_BULKHEAD_LIMIT: resilienceEnv.bulkheadLimit(),
  RNEC_BULKHEAD_QUEUE: resilienceEnv.bulkheadQueue(),
  /** SuivreDemande calls in flight for one batch of references (RNEC has no batch lookup for requests). */
  RNEC_MAX_CONCURRENCY: envInt(8, 1, 64),
  /** Largest RNEC answer read, in bytes (WSDL included); a bigger one is BAD_BACKEND_RESPONSE. */
  RNEC_MAX_RESPONSE_BYTES: envInt(DEFAULT_MAX_RESPONSE_BYTES, 1_024, 1_000_000_000),
  /** RNEC v2 (REST/JSON); default `/v2` on RNEC_URL's origin. */
  RNEC_V2_URL: envUrl().optional(),
  /** Which API answers every operation: soap (v1), rest (v2), or shadow (one answers, the other is compared). */
  RNEC_MODE: z.enum(['soap', 'rest', 'shadow'], { error: 'expected soap, rest or shadow' }).default('soap'),
  /** Per-operation modes over RNEC_MODE, e.g. `getCitizens:rest,listActs:shadow`. */
  RNEC_MODE_OVERRIDES: modeOverrides,
  /** In shadow mode, the API whose answer is returned. */
  RNEC_SHADOW_PRIMARY: z.enum(['soap', 'rest'], { error: 'expected soap or rest' }).default('soap'),
  /** Longest wait for one shadow call (no retry); past it the comparison counts as secondary_error. */
  RNEC_SHADOW_TIMEOUT_MS: envInt(2_000, 1, 60_000),
  /** Shadow calls in flight at once; beyond, comparisons are skipped (and counted). */
  RNEC_SHADOW_MAX_IN_FLIGHT: envInt(16, 0, 1_024),
});

export type RnecAdapterEnv = z.infer<typeof rnecAdapterEnvSchema>;

export function rnecAdapterOptionsFromEnv(env: RnecAdapterEnv): RnecAdapterOptions {
  return {
    url: env.RNEC_URL,
    v2Url: env.RNEC_V2_URL ?? defaultV2Url(env.RNEC_URL),
    routing: {
      mode: env.RNEC_MODE,
      overrides: parseModeOverrides(env.RNEC_MODE_OVERRIDES).overrides,
      shadowPrimary: env.RNEC_SHADOW_PRIMARY,
      shadowTimeoutMs: env.RNEC_SHADOW_TIMEOUT_MS,
      shadowMaxInFlight: env.RNEC_SHADOW_MAX_IN_FLIGHT,
    },
    ...adapterEnvOptions('RNEC', env),
  };
}

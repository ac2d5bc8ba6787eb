import { z } from 'zod';
import { envInt, envUrl } from '../../lib/config/index.js';
import { adapterEnvOptions, adapterEnvShape } from '../shared/index.js';
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
  // The WSDL fetch counts as an attempt and against the answer size; SuivreDemande calls (RNEC has no batch lookup
  // for requests) run 8 at once by default.
  ...adapterEnvShape('RNEC', { maxConcurrency: 8 }),
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
  /**
   * Send pieces over SOAP as MTOM (XOP parts) rather than base64 in the envelope: a third smaller on the wire, and
   * no base64 text for RNEC to parse. Kept a string once valid, like RNEC_MODE_OVERRIDES (parsed again per feed).
   */
  RNEC_PIECES_MTOM: z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' }).default('false'),
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
    piecesMtom: env.RNEC_PIECES_MTOM === 'true' || env.RNEC_PIECES_MTOM === '1' || env.RNEC_PIECES_MTOM === 'yes',
    ...adapterEnvOptions('RNEC', env),
  };
}

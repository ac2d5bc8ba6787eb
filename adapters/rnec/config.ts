import { z } from 'zod';
import { envInt, envMs, envUrl } from '../../lib/config/index.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../shared/index.js';
import type { RnecAdapterOptions } from './rnec-adapter.js';

/** Environment of a service that talks to RNEC; extend a service's schema with its `.shape`. */
export const rnecAdapterEnvSchema = z.object({
  /** The SOAP endpoint; the WSDL is read from `<RNEC_URL>?wsdl`. */
  RNEC_URL: envUrl('http://127.0.0.1:4201/ws/rnec'),
  RNEC_TIMEOUT_MS: envMs(3_000),
  /** SuivreDemande calls in flight for one batch of references (RNEC has no batch lookup for requests). */
  RNEC_MAX_CONCURRENCY: envInt(8, 1, 64),
  /** Largest RNEC answer read, in bytes (WSDL included); a bigger one is BAD_BACKEND_RESPONSE. */
  RNEC_MAX_RESPONSE_BYTES: envInt(DEFAULT_MAX_RESPONSE_BYTES, 1_024, 1_000_000_000),
});

export type RnecAdapterEnv = z.infer<typeof rnecAdapterEnvSchema>;

export function rnecAdapterOptionsFromEnv(env: RnecAdapterEnv): RnecAdapterOptions {
  return { url: env.RNEC_URL, timeoutMs: env.RNEC_TIMEOUT_MS, maxConcurrency: env.RNEC_MAX_CONCURRENCY, maxResponseBytes: env.RNEC_MAX_RESPONSE_BYTES };
}

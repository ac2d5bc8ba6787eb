import {
  DEFAULT_MAX_RESPONSE_BYTES,
  createCallPolicy,
  createHttpClient,
  createLegacyCallEvents,
  createPolicyEvents,
  type CallPolicy,
  type ResilienceOptions,
  type ShadowEvents,
} from '../shared/index.js';
import { createPortAdapter } from './rnec-port-adapter.js';
import type { RnecPort } from './rnec-port.js';
import { createRnecSoapPort } from './rnec-soap-port.js';
import { MAX_DEPOSIT_REQUEST_BYTES } from './rnec-port.js';
import { createRoutedRnecAdapter, defaultRnecRouting, type RnecRouting } from './strangler/index.js';
import type { RnecAdapter } from './types.js';
import { createRnecV2Port } from './v2/index.js';

export interface RnecAdapterOptions {
  /** RNEC's SOAP endpoint (`http://127.0.0.1:4201/ws/rnec`); the WSDL is read from `<url>?wsdl`. */
  readonly url: string;
  /** RNEC v2's base URL (REST/JSON). Default: `/v2` on the SOAP endpoint's origin (`http://127.0.0.1:4201/v2`). */
  readonly v2Url?: string;
  /** Which API answers which operation (soap, rest, shadow). Default: SOAP for everything. */
  readonly routing?: RnecRouting;
  /** Upper bound on one attempt, WSDL fetch included. Default 3000. */
  readonly timeoutMs?: number;
  /** Deadline, retries of reads, circuit breaker, bulkhead (used by the default policy); see ResilienceOptions. */
  readonly resilience?: ResilienceOptions;
  /** Lookups in flight for `getActs`/`getCopyRequests` (RNEC has no batch lookup of acts or requests). Default 8. */
  readonly maxConcurrency?: number;
  /** Largest answer read from RNEC (WSDL included); a bigger one is BAD_BACKEND_RESPONSE. Default 5 MB. */
  readonly maxResponseBytes?: number;
  /** Default: `createCallPolicy({ system: 'rnec', timeoutMs, ...resilience })`. SOAP and REST share it. */
  readonly policy?: CallPolicy;
  /** Where shadow comparisons are reported; default the process-wide `shadowEvents`. */
  readonly shadowEvents?: ShadowEvents;
  /** Send pieces over SOAP as MTOM parts (`multipart/related`, XOP) rather than base64 in the envelope. Default false. */
  readonly piecesMtom?: boolean;
}

/** `http://host:4201/ws/rnec` → `http://host:4201/v2`. */
export function defaultV2Url(soapUrl: string): string {
  return new URL('/v2', soapUrl).href;
}

/**
 * The civil registry (RNEC) behind clean records, over SOAP v1 or REST v2 per operation (see RnecRouting). Absorbs
 * the register's quirks either way: upper-case names, `jj/mm/aaaa` dates with separate `hh:mm` times (v1), commune
 * codes, act kinds, faults, problem documents and errors inside 200s. Both paths share one call policy (timeout,
 * retries of safe reads, breaker, bulkhead) and the same typed errors; malformed keys in the batch lookups
 * (`getCitizens`, `getCopyRequests`) cannot exist at RNEC: they are absent from the map, like unknown ones.
 */
export function createRnecAdapter(options: RnecAdapterOptions): RnecAdapter {
  const { url, timeoutMs = 3_000, maxConcurrency = 8, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES, routing = defaultRnecRouting } = options;
  const v2Url = options.v2Url ?? defaultV2Url(url);
  const policy = options.policy ?? createCallPolicy({ system: 'rnec', timeoutMs, ...options.resilience });
  // Shadow calls get a policy of their own: bounded by the shadow timeout, never retried, with their own breaker,
  // and not reported as the system's calls — a failing candidate must not open the answering path's circuit,
  // take its bulkhead slots or lower RNEC's health figures.
  const shadowTimeoutMs = routing.shadowTimeoutMs ?? 2_000;
  const shadowPolicy = (): CallPolicy =>
    createCallPolicy({
      system: 'rnec',
      timeoutMs: Math.min(timeoutMs, shadowTimeoutMs),
      deadlineMs: shadowTimeoutMs,
      retry: false,
      breaker: options.resilience?.breaker ?? {},
      bulkhead: false,
      events: createPolicyEvents(),
      calls: createLegacyCallEvents(),
    });
  const soapPort = (p: CallPolicy) => createRnecSoapPort({ url, http: createHttpClient({ baseUrl: url, maxResponseBytes }), policy: p, mtom: options.piecesMtom ?? false });
  const restPort = (p: CallPolicy) => {
    const http = () => createHttpClient({ baseUrl: v2Url, headers: { accept: 'application/json' }, maxResponseBytes });
    // Deposits of pieces are far larger than any other request: their own instance, with a cap sized for them.
    const uploadHttp = http();
    uploadHttp.defaults.maxBodyLength = MAX_DEPOSIT_REQUEST_BYTES;
    return createRnecV2Port({ http: http(), uploadHttp, policy: p });
  };
  const adapter = (port: () => RnecPort) => once(() => createPortAdapter(port(), { maxConcurrency }));
  return createRoutedRnecAdapter(
    routing,
    {
      soap: adapter(() => soapPort(policy)),
      rest: adapter(() => restPort(policy)),
      shadowSoap: adapter(() => soapPort(shadowPolicy())),
      shadowRest: adapter(() => restPort(shadowPolicy())),
    },
    options.shadowEvents,
  );
}

/** Built on first use: a path no operation routes to costs nothing. */
function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

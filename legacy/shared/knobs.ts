import { z } from 'zod';
import { envBool, envMs, envNumber, envRate } from '../../lib/config/index.js';

/**
 * Fault knobs of a simulated legacy system. Rates are probabilities per call (0..1), drawn in this order:
 * reset, overload, timeout, error, errorIn200, malformed, truncated. `operations` limits faults to some operations.
 */
export interface FaultSettings {
  /** Every call's socket is destroyed without an answer (the system is down). */
  down: boolean;
  /** Connection reset mid-call. */
  resetRate: number;
  /** HTTP 503 with `Retry-After: retryAfterSeconds`. */
  overloadRate: number;
  retryAfterSeconds: number;
  /** The call hangs for `hangMs` before answering (slower than any sane timeout). */
  timeoutRate: number;
  hangMs: number;
  /** The system's own server error (SOAP Fault over 500, HTTP 500, …). */
  errorRate: number;
  /** An error reported inside an HTTP 200. */
  errorIn200Rate: number;
  /** A syntactically broken body. */
  malformedRate: number;
  /** The body is cut short and the connection closed. */
  truncatedRate: number;
  /** Operation names the faults apply to; empty means every operation. */
  operations: string[];
}

/** A simulator that never fails on purpose: what most tests start with before planting their own faults. */
export const noFaults: FaultSettings = {
  down: false,
  resetRate: 0,
  overloadRate: 0,
  retryAfterSeconds: 2,
  timeoutRate: 0,
  hangMs: 2_000,
  errorRate: 0,
  errorIn200Rate: 0,
  malformedRate: 0,
  truncatedRate: 0,
  operations: [],
};

export interface LatencySettings {
  /** Median added latency; 0 with p95Ms 0 disables it. */
  medianMs: number;
  /** 95th percentile of the added latency (log-normal distribution). */
  p95Ms: number;
}

export const faultSettingsPatch = z
  .object({
    down: z.boolean(),
    resetRate: z.number().min(0).max(1),
    overloadRate: z.number().min(0).max(1),
    retryAfterSeconds: z.number().int().min(0),
    timeoutRate: z.number().min(0).max(1),
    hangMs: z.number().int().min(0),
    errorRate: z.number().min(0).max(1),
    errorIn200Rate: z.number().min(0).max(1),
    malformedRate: z.number().min(0).max(1),
    truncatedRate: z.number().min(0).max(1),
    operations: z.array(z.string()),
  })
  .partial()
  .strict();

export const latencySettingsPatch = z
  .object({ medianMs: z.number().min(0), p95Ms: z.number().min(0) })
  .partial()
  .strict();

/** Environment variables shared by every simulator (FAULT_*, LATENCY_*). */
export const knobsEnvSchema = (defaults: LatencySettings) =>
  z.object({
    FAULT_DOWN: envBool(false),
    FAULT_RESET_RATE: envRate(0),
    FAULT_OVERLOAD_RATE: envRate(0),
    FAULT_RETRY_AFTER_SECONDS: envNumber(2, 0),
    FAULT_TIMEOUT_RATE: envRate(0),
    FAULT_HANG_MS: envMs(30_000),
    FAULT_ERROR_RATE: envRate(0),
    FAULT_ERROR_IN_200_RATE: envRate(0),
    FAULT_MALFORMED_RATE: envRate(0),
    FAULT_TRUNCATED_RATE: envRate(0),
    FAULT_OPERATIONS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    LATENCY_MEDIAN_MS: envMs(defaults.medianMs),
    LATENCY_P95_MS: envMs(defaults.p95Ms),
  });

export type KnobsEnv = z.infer<ReturnType<typeof knobsEnvSchema>>;

export function knobsFromEnv(env: KnobsEnv): { faults: FaultSettings; latency: LatencySettings } {
  return {
    faults: {
      down: env.FAULT_DOWN,
      resetRate: env.FAULT_RESET_RATE,
      overloadRate: env.FAULT_OVERLOAD_RATE,
      retryAfterSeconds: env.FAULT_RETRY_AFTER_SECONDS,
      timeoutRate: env.FAULT_TIMEOUT_RATE,
      hangMs: env.FAULT_HANG_MS,
      errorRate: env.FAULT_ERROR_RATE,
      errorIn200Rate: env.FAULT_ERROR_IN_200_RATE,
      malformedRate: env.FAULT_MALFORMED_RATE,
      truncatedRate: env.FAULT_TRUNCATED_RATE,
      operations: env.FAULT_OPERATIONS,
    },
    latency: { medianMs: env.LATENCY_MEDIAN_MS, p95Ms: env.LATENCY_P95_MS },
  };
}

export type FaultKind = 'reset' | 'overload' | 'timeout' | 'error' | 'errorIn200' | 'malformed' | 'truncated';

/** Draws the fault (if any) for one call of `operation`. */
export function drawFault(faults: FaultSettings, operation: string, random: () => number = Math.random): FaultKind | undefined {
  if (faults.operations.length > 0 && !faults.operations.includes(operation)) return undefined;
  const order: [FaultKind, number][] = [
    ['reset', faults.resetRate],
    ['overload', faults.overloadRate],
    ['timeout', faults.timeoutRate],
    ['error', faults.errorRate],
    ['errorIn200', faults.errorIn200Rate],
    ['malformed', faults.malformedRate],
    ['truncated', faults.truncatedRate],
  ];
  for (const [kind, rate] of order) {
    if (rate > 0 && random() < rate) return kind;
  }
  return undefined;
}

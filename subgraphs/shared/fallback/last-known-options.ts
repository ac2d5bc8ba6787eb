import { isAdapterError, type LegacySystem } from '../../../adapters/shared/index.js';
import { isSystemUnavailable } from './is-system-unavailable.js';
import { lastKnownMetrics, type FallbackSystem, type LastKnownMetrics } from './last-known-metrics.js';

export interface LastKnownOptions {
  /** Which failures may fall back to remembered records (default `isSystemUnavailable`); any other is rethrown. */
  readonly isUnavailable?: (error: unknown) => boolean;
  /** Where fallbacks are counted (default: the process-wide `lastKnownMetrics`). */
  readonly metrics?: LastKnownMetrics;
  /** The system named in the metrics (default: the failing AdapterError's own `system`). */
  readonly system?: LegacySystem;
}

export interface ResolvedLastKnownOptions {
  readonly isUnavailable: (error: unknown) => boolean;
  readonly metrics: LastKnownMetrics;
  readonly systemOf: (error: unknown) => FallbackSystem;
}

export function resolveLastKnownOptions({ isUnavailable = isSystemUnavailable, metrics = lastKnownMetrics, system }: LastKnownOptions): ResolvedLastKnownOptions {
  return { isUnavailable, metrics, systemOf: (error) => system ?? (isAdapterError(error) ? error.system : 'unknown') };
}

/** DataLoader rejects a key whose slot holds an Error: anything thrown that is not one is wrapped. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

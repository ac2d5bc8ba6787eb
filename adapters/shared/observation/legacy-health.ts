import type { LegacySystem } from '../legacy-system.js';
import { legacyCallEvents, type LegacyCallEvent, type LegacyCallEvents } from './legacy-call-events.js';

/** How a legacy system has been doing, as this process saw it over a recent window. */
export interface LegacyCallFigures {
  /** Calls ended within the window. */
  readonly calls: number;
  /** Share of them the system answered (NOT_FOUND and BAD_USER_INPUT are answers); null without calls. */
  readonly successRate: number | null;
  readonly latencyMsP50: number | null;
  readonly latencyMsP95: number | null;
  /** The last call that failed, since the process started (window or not). */
  readonly lastFailureAt: Date | null;
  readonly lastFailureCode: string | null;
}

export interface LegacyHealthOptions {
  /** Calls older than this leave the figures. Default 5 minutes. */
  readonly windowMs?: number;
  /** At most this many recent calls are kept per system (memory stays bounded under load). Default 2048. */
  readonly maxSamples?: number;
  readonly now?: () => number;
}

export interface LegacyHealth {
  figures(system: LegacySystem): LegacyCallFigures;
  /** Stops listening (tests). */
  close(): void;
}

interface Samples {
  /** Ring buffers: end time, duration, success. */
  readonly at: Float64Array;
  readonly durationMs: Float64Array;
  readonly ok: Uint8Array;
  next: number;
  size: number;
  lastFailureAt: number | null;
  lastFailureCode: string | null;
}

/** Success rate and latency percentiles per system over a sliding window, fed by the call policy's events. */
export function createLegacyHealth(events: LegacyCallEvents = legacyCallEvents, { windowMs = 300_000, maxSamples = 2_048, now = Date.now }: LegacyHealthOptions = {}): LegacyHealth {
  const bySystem = new Map<LegacySystem, Samples>();
  const of = (system: LegacySystem): Samples => {
    let samples = bySystem.get(system);
    if (!samples) {
      samples = { at: new Float64Array(maxSamples), durationMs: new Float64Array(maxSamples), ok: new Uint8Array(maxSamples), next: 0, size: 0, lastFailureAt: null, lastFailureCode: null };
      bySystem.set(system, samples);
    }
    return samples;
  };
  const unsubscribe = events.subscribe((event: LegacyCallEvent) => {
    const samples = of(event.system);
    samples.at[samples.next] = event.at;
    samples.durationMs[samples.next] = event.durationMs;
    samples.ok[samples.next] = event.outcome === 'ok' ? 1 : 0;
    samples.next = (samples.next + 1) % maxSamples;
    samples.size = Math.min(samples.size + 1, maxSamples);
    if (event.outcome === 'error') {
      samples.lastFailureAt = event.at;
      samples.lastFailureCode = event.code ?? null;
    }
  });
  return {
    figures(system) {
      const samples = bySystem.get(system);
      if (!samples) return { calls: 0, successRate: null, latencyMsP50: null, latencyMsP95: null, lastFailureAt: null, lastFailureCode: null };
      const since = now() - windowMs;
      const durations: number[] = [];
      let succeeded = 0;
      for (let i = 0; i < samples.size; i += 1) {
        if ((samples.at[i] ?? 0) < since) continue;
        durations.push(samples.durationMs[i] ?? 0);
        succeeded += samples.ok[i] ?? 0;
      }
      durations.sort((a, b) => a - b);
      return {
        calls: durations.length,
        successRate: durations.length === 0 ? null : succeeded / durations.length,
        latencyMsP50: percentile(durations, 0.5),
        latencyMsP95: percentile(durations, 0.95),
        lastFailureAt: samples.lastFailureAt === null ? null : new Date(samples.lastFailureAt),
        lastFailureCode: samples.lastFailureCode,
      };
    },
    close: unsubscribe,
  };
}

/** Nearest-rank percentile of sorted values; null when there are none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] ?? null;
}

/** The process-wide figures, fed by every call policy of this process. */
export const legacyHealth: LegacyHealth = createLegacyHealth();

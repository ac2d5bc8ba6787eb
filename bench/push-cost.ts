import { percentile } from './bench-figures.js';

export const secondsPerHour = 3_600;

/** p50/p95/p99/max of a sample (nearest rank), with its size. */
export interface PushLatency {
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export function summarizeLatency(values: readonly number[]): PushLatency {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95), p99Ms: percentile(sorted, 0.99), maxMs: sorted.at(-1) ?? 0 };
}

/**
 * Legacy calls per citizen per hour when the app polls: each poll costs `callsPerPoll` (measured: every dossier of
 * the citizen asked once), `3600 / pollIntervalS` polls an hour, and nothing is shared between citizens.
 */
export function pollingCallsPerCitizenHour(callsPerPoll: number, pollIntervalS: number): number {
  if (!(pollIntervalS > 0)) throw new RangeError('the poll interval must be positive');
  return callsPerPoll * (secondsPerHour / pollIntervalS);
}

export interface PushCostInputs {
  /** Change-feed calls per second the supervision subgraph made (all systems), measured: the same whoever listens. */
  readonly feedCallsPerSecond: number;
  /** Citizens subscribed: they share the feed polls. */
  readonly citizens: number;
  /** Legacy calls one subscription costs when it opens (measured; 0 for `myDossierEvents`). */
  readonly callsPerOpen: number;
  /** How often a citizen's app opens its subscription again in an hour (an assumption, stated with the figure). */
  readonly opensPerHour: number;
  /** Legacy calls per subscribed citizen per second other than the feeds' (measured while subscribed; expected 0). */
  readonly otherCallsPerCitizenSecond: number;
}

/** Legacy calls per citizen per hour with push: `feed/s × 3600 / K + opens/h × calls/open + other/s × 3600`. */
export function pushCallsPerCitizenHour(inputs: PushCostInputs): number {
  if (!(inputs.citizens > 0)) throw new RangeError('at least one citizen');
  return (inputs.feedCallsPerSecond * secondsPerHour) / inputs.citizens + inputs.opensPerHour * inputs.callsPerOpen + inputs.otherCallsPerCitizenSecond * secondsPerHour;
}

/** A growth from `before` to `after` over `streams`, per 1,000 streams. */
export function perThousandStreams(before: number, after: number, streams: number): number {
  if (!(streams > 0)) throw new RangeError('at least one stream');
  return ((after - before) * 1_000) / streams;
}

/** The value of one unlabelled sample of a Prometheus text exposition (`nodejs_heap_size_used_bytes 1.2e7`), or undefined. */
export function prometheusValue(text: string, name: string): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (!rest.startsWith(' ')) continue;
    const value = Number(rest.trim().split(/\s+/)[0]);
    if (Number.isFinite(value)) return value;
  }
  return undefined;
}

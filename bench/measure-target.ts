import { setTimeout as sleep } from 'node:timers/promises';
import { percentile, type TargetFigures } from './bench-figures.js';
import { askGateway } from './compare-answers.js';
import type { CredentialPool } from './credential-pool.js';
import { addLegacyCalls, noLegacyCalls, readLegacyCalls, resetLegacyCalls, splitFeedCalls, type LegacyCalls, type LegacyUrls } from './legacy-calls.js';
import { runLoad, type LoadFigures } from './run-load.js';
import type { Endpoint } from './start-targets.js';
import { startRssSampler, type RssFigures } from './start-rss-sampler.js';

/** One measured run: the load generator's figures, the target's peak memory and the legacy calls it caused. */
export interface MeasuredRun {
  readonly load: LoadFigures;
  readonly rss?: RssFigures;
  /** The requests' legacy calls. */
  readonly legacyCalls: LegacyCalls;
  /** The supervision read model's change-feed polls during the run (background, not the requests'). */
  readonly feedCalls: LegacyCalls;
  /** Guichet: answers served whole from its private response cache during the run. */
  readonly servedWhole?: number;
  /** Guichet: requests its admission refused (503) during the run, by rule (`queue-full`, `queue-timeout`, `event-loop-delay`). */
  readonly refusedAtDoor?: Readonly<Record<string, number>>;
}

export interface RunSettings {
  readonly connections: number;
  readonly durationS: number;
  readonly offset: number;
  readonly runId: string;
  readonly sendInternalToken: boolean;
  /** Sent with every request (see LoadRunOptions). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * After a run, requests cut off by its end are still being served: wait about as long as the slowest answers took
 * (at least 100 ms, at most 3 s) so that they neither land in the next run nor escape this run's legacy count.
 */
function settle(load: LoadFigures): Promise<void> {
  const sorted = [...load.latenciesMs].sort((a, b) => a - b);
  return sleep(Math.min(3_000, Math.max(100, percentile(sorted, 0.999) * 1.2)));
}

/** One measured run of one endpoint: legacy counters zeroed before, memory sampled throughout, counters read after. */
export async function measureRun(endpoint: Endpoint, credentials: CredentialPool, legacyUrls: LegacyUrls, settings: RunSettings): Promise<MeasuredRun> {
  await credentials.refresh();
  await resetLegacyCalls(legacyUrls);
  const before = await gatewayCounters(endpoint.metricsUrl);
  const sampler = startRssSampler(endpoint.pid);
  const load = await runLoad({ url: endpoint.url, requests: endpoint.requests, credentials, ...settings });
  const rss = sampler.stop();
  // Counted per request sent: those cut off at the end still reach the legacy systems while the run settles.
  await settle(load);
  const { requests, feeds } = splitFeedCalls(await readLegacyCalls(legacyUrls));
  const after = await gatewayCounters(endpoint.metricsUrl);
  const counted = before === undefined || after === undefined ? {} : countersBetween(before, after);
  return { load, legacyCalls: requests, feedCalls: feeds, ...(rss ? { rss } : {}), ...counted };
}

/**
 * An unmeasured run, to let JITs, connection pools and caches reach their steady state. Without one (the quick
 * profile), each connection still sends one request and waits for its answer: a short run then measures the target,
 * not its first request's cold path (query planning, JIT, connection set-up), which can outlast a one-second run.
 */
export async function warmUp(endpoint: Endpoint, credentials: CredentialPool, settings: RunSettings): Promise<void> {
  await credentials.refresh();
  if (settings.durationS <= 0) {
    const source = { target: settings.runId, url: endpoint.url, sendInternalToken: settings.sendInternalToken, requests: endpoint.requests };
    await Promise.all(
      Array.from({ length: Math.min(settings.connections, endpoint.requests.length) }, (_, i) => {
        const request = endpoint.requests[(settings.offset + i) % endpoint.requests.length];
        return request ? askGateway(source, request, credentials, `${settings.runId}-prime-${i}`).catch(() => undefined) : undefined;
      }),
    );
    return;
  }
  await settle(await runLoad({ url: endpoint.url, requests: endpoint.requests, credentials, ...settings }));
}

/** What Guichet's gateways counted so far: answers served whole, and requests refused at the door by rule. */
interface GatewayCounters {
  readonly servedWhole: number;
  readonly refused: Readonly<Record<string, number>>;
}

const refusedPattern = /^guichet_gateway_admission_refused_total\{reason="([^"]+)"\} (\S+)$/;

/** Reads the counters from the gateway's `/metrics` (Prometheus text; its workers' figures already summed). */
export function parseGatewayCounters(text: string): GatewayCounters {
  let servedWhole = 0;
  const refused: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (line.startsWith('guichet_gateway_private_responses_total{result="hit"}')) servedWhole = Number(line.split(' ').at(-1));
    const match = refusedPattern.exec(line);
    if (match?.[1] !== undefined) refused[match[1]] = (refused[match[1]] ?? 0) + Number(match[2]);
  }
  return { servedWhole, refused };
}

async function gatewayCounters(metricsUrl: string | undefined): Promise<GatewayCounters | undefined> {
  if (metricsUrl === undefined) return undefined;
  return parseGatewayCounters(await (await fetch(metricsUrl)).text());
}

/** A run's own counts: what the gateway counted after it, less what it had counted before (refusals that happened only). */
export function countersBetween(before: GatewayCounters, after: GatewayCounters): Pick<MeasuredRun, 'servedWhole' | 'refusedAtDoor'> {
  const refusedAtDoor: Record<string, number> = {};
  for (const [reason, count] of Object.entries(after.refused)) {
    const delta = count - (before.refused[reason] ?? 0);
    if (delta > 0) refusedAtDoor[reason] = delta;
  }
  return { servedWhole: after.servedWhole - before.servedWhole, refusedAtDoor };
}

/** The figures of one target over several measured runs (its rounds). */
export function combineRuns(target: string, runs: readonly MeasuredRun[]): TargetFigures {
  const latencies = runs.flatMap((r) => r.load.latenciesMs).sort((a, b) => a - b);
  const responses = runs.reduce((n, r) => n + r.load.responses, 0);
  const sent = runs.reduce((n, r) => n + r.load.sent, 0);
  const durationS = runs.reduce((n, r) => n + r.load.durationS, 0);
  const rssRuns = runs.flatMap((r) => (r.rss ? [r.rss] : []));
  const perProcess: number[] = [];
  for (const r of rssRuns) r.peakPerProcessMb.forEach((mb, i) => (perProcess[i] = Math.max(perProcess[i] ?? 0, mb)));
  const rss: RssFigures | undefined = rssRuns.length === 0 ? undefined : { peakTotalMb: Math.max(...rssRuns.map((r) => r.peakTotalMb)), peakPerProcessMb: perProcess };
  return {
    target,
    sent,
    responses,
    durationS,
    requestsPerSecond: durationS > 0 ? responses / durationS : 0,
    requestsPerSecondByRound: runs.map((r) => (r.load.durationS > 0 ? r.load.responses / r.load.durationS : 0)),
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    p99Ms: percentile(latencies, 0.99),
    errors: {
      non2xx: runs.reduce((n, r) => n + r.load.non2xx, 0),
      graphql: runs.reduce((n, r) => n + r.load.graphqlErrors, 0),
      transport: runs.reduce((n, r) => n + r.load.transportErrors, 0),
    },
    errorSamples: [...new Set(runs.flatMap((r) => r.load.errorSamples))].slice(0, 4),
    legacyCalls: runs.reduce((sum, r) => addLegacyCalls(sum, r.legacyCalls), noLegacyCalls),
    ...(rss ? { rss } : {}),
    ...(runs.some((r) => r.servedWhole !== undefined) ? { servedWhole: runs.reduce((n, r) => n + (r.servedWhole ?? 0), 0) } : {}),
    ...(runs.some((r) => r.refusedAtDoor !== undefined) ? { refusedAtDoor: sumByKey(runs.map((r) => r.refusedAtDoor ?? {})) } : {}),
  };
}

function sumByKey(counts: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const count of counts) for (const [key, n] of Object.entries(count)) sum[key] = (sum[key] ?? 0) + n;
  return sum;
}

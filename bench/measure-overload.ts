import type { CredentialPool } from './credential-pool.js';
import type { LegacyUrls } from './legacy-calls.js';
import { measureRun } from './measure-target.js';
import type { Scenario } from './scenarios.js';
import type { BenchStack } from './start-bench-stack.js';
import { stackGuichetTarget } from './start-targets.js';

/** What an offered load far beyond capacity got from Guichet's gateway (its admission control and deadline). */
export interface OverloadFigures {
  readonly connections: number;
  readonly durationS: number;
  /** The gateway's request deadline (its default unless `--guichet-env` changed it). */
  readonly requestDeadlineMs: number;
  readonly responses: number;
  readonly answersPerSecond: number;
  /** 2xx answers (data, possibly partial) per second. */
  readonly servedPerSecond: number;
  /** Share of answers that were the early refusal (non-2xx: 503 SERVICE_OVERLOADED). */
  readonly refusedShare: number;
  /** Requests with no answer at all (reset, or none within the load generator's 10 s). */
  readonly noAnswer: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface OverloadOptions {
  readonly connections: number;
  readonly durationS: number;
  readonly credentials: CredentialPool;
  readonly legacyUrls: LegacyUrls;
  readonly log: (line: string) => void;
}

/**
 * `connections` concurrent dashboards on the stack's Guichet gateway for `durationS`, each connection sending its
 * next request as soon as it is answered — refusals included (autocannon does not wait out `Retry-After`: the
 * harshest client). Measures how long any answer took and how many were refused; nothing is asserted.
 */
export async function measureOverload(bench: BenchStack, dashboard: Scenario, options: OverloadOptions): Promise<OverloadFigures | undefined> {
  const endpoint = stackGuichetTarget(bench).endpointFor(dashboard);
  if (!endpoint) return undefined;
  options.log(`overload: ${options.connections} concurrent dashboards for ${options.durationS} s`);
  const { load } = await measureRun(endpoint, options.credentials, options.legacyUrls, {
    connections: options.connections,
    durationS: options.durationS,
    offset: 0,
    sendInternalToken: false,
    runId: 'overload',
  });
  const sorted = [...load.latenciesMs].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
  return {
    connections: options.connections,
    durationS: load.durationS,
    requestDeadlineMs: Number(bench.gatewayEnv.REQUEST_DEADLINE_MS ?? 8_000),
    responses: load.responses,
    answersPerSecond: load.responses / load.durationS,
    servedPerSecond: (load.responses - load.non2xx) / load.durationS,
    refusedShare: load.responses === 0 ? 0 : load.non2xx / load.responses,
    noAnswer: load.transportErrors,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: sorted.at(-1) ?? 0,
  };
}

/** The bound that matters under overload: every answer within the deadline plus this. */
export const overloadMarginMs = 2_000;

export function formatOverload(figures: OverloadFigures): string {
  const bound = figures.requestDeadlineMs + overloadMarginMs;
  const within = figures.maxMs <= bound && figures.noAnswer === 0;
  const verdict = within
    ? `met (slowest ${Math.round(figures.maxMs)} ms, ${Math.round(bound - figures.maxMs)} ms to spare)`
    : `**missed** (slowest ${Math.round(figures.maxMs)} ms, ${figures.noAnswer} without an answer)`;
  return [
    `## Overload: ${figures.connections} concurrent dashboards on Guichet's gateway (throughput mode, default admission limits)`,
    '',
    '| connections | answers/s | served (2xx)/s | refused (503) | no answer | p50 ms | p99 ms | slowest ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${figures.connections} | ${figures.answersPerSecond.toFixed(0)} | ${figures.servedPerSecond.toFixed(0)} | ${(figures.refusedShare * 100).toFixed(1)} % | ${figures.noAnswer} | ${Math.round(figures.p50Ms)} | ${Math.round(figures.p99Ms)} | ${Math.round(figures.maxMs)} |`,
    '',
    `Every answer within REQUEST_DEADLINE_MS + ${overloadMarginMs / 1_000} s (${bound} ms): ${verdict}. The load generator sends again at once after a refusal, without waiting out Retry-After.`,
  ].join('\n');
}

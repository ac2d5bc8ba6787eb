import type { ScalingPoint } from './bench-figures.js';
import type { CredentialPool } from './credential-pool.js';
import type { LegacyUrls } from './legacy-calls.js';
import { combineRuns, measureRun, warmUp } from './measure-target.js';
import type { Scenario } from './scenarios.js';
import type { BenchStack } from './start-bench-stack.js';
import { startGuichetGateway, type BenchTarget } from './start-targets.js';

export interface ScalingOptions {
  /** `WORKERS` values, one gateway each, started in turn beside the stack's. */
  readonly workers: readonly number[];
  readonly connections: number;
  readonly durationS: number;
  readonly warmupS: number;
  readonly credentials: CredentialPool;
  readonly legacyUrls: LegacyUrls;
  /** Every Guichet gateway this starts, so that the caller stops it if a run fails. */
  readonly started: BenchTarget[];
  readonly onLine: (name: string, line: string) => void;
  readonly log: (line: string) => void;
}

/**
 * Requests per second of each scenario as Guichet's WORKERS grows: a gateway of its own per value (the stack's
 * keeps its first environment), a warm-up and one measured run per scenario, its memory per process sampled.
 */
export async function measureScaling(bench: BenchStack, scenarios: readonly Scenario[], options: ScalingOptions): Promise<ScalingPoint[]> {
  const points: ScalingPoint[] = [];
  for (const workers of scenarios.length > 0 ? options.workers : []) {
    const gateway = await startGuichetGateway(bench, `guichet-w${workers}`, { WORKERS: String(workers) }, options.onLine);
    options.started.push(gateway);
    for (const scenario of scenarios) {
      const endpoint = gateway.endpointFor(scenario);
      if (!endpoint) continue;
      options.log(`scaling: ${scenario.name} with WORKERS=${workers}`);
      const settings = { connections: options.connections, offset: 0, sendInternalToken: false };
      await warmUp(endpoint, options.credentials, { ...settings, durationS: options.warmupS, runId: `scaling-w${workers}-${scenario.name}-warmup` });
      const run = await measureRun(endpoint, options.credentials, options.legacyUrls, { ...settings, durationS: options.durationS, runId: `scaling-w${workers}-${scenario.name}` });
      points.push({ scenario: scenario.name, workers, figures: combineRuns(gateway.name, [run]) });
    }
    await gateway.stop();
    options.started.splice(options.started.indexOf(gateway), 1);
  }
  return points;
}

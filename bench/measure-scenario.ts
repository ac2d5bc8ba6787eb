import type { ScenarioFigures } from './bench-figures.js';
import type { BenchMode } from './bench-options.js';
import type { CredentialPool } from './credential-pool.js';
import type { LegacyUrls } from './legacy-calls.js';
import { waitForClosedCircuits } from './wait-for-closed-circuits.js';
import { combineRuns, measureRun, warmUp, type MeasuredRun } from './measure-target.js';
import type { Scenario } from './scenarios.js';
import type { BenchTarget } from './start-targets.js';

export interface ScenarioRunOptions {
  readonly mode: BenchMode;
  readonly connections: number;
  readonly durationS: number;
  readonly warmupS: number;
  readonly rounds: number;
  readonly credentials: CredentialPool;
  readonly legacyUrls: LegacyUrls;
  /** The stack gateway's `/ready`: each measured run starts with every circuit closed. */
  readonly readyUrl: string;
  readonly log: (line: string) => void;
}

/**
 * One scenario on every target that serves it: a warm-up each, then rounds in which the targets take turns
 * (A B C D, then D C B A, …: a drift of the machine over time weighs on every target alike). In each round every
 * target starts from the same point of the rotation, so all get the same bodies.
 */
export async function measureScenario(scenario: Scenario, targets: readonly BenchTarget[], options: ScenarioRunOptions): Promise<ScenarioFigures> {
  const active = targets.flatMap((target) => {
    const endpoint = target.endpointFor(scenario);
    return endpoint ? [{ target, endpoint }] : [];
  });
  const settings = (target: BenchTarget, durationS: number, offset: number, label: string) => ({
    connections: options.connections,
    durationS,
    offset,
    runId: `${scenario.name}-${options.mode}-${target.name}-${label}`,
    sendInternalToken: target.sendInternalToken,
  });
  for (const { target, endpoint } of active) {
    options.log(`${options.mode} ${scenario.name}: warming up ${target.name}`);
    await warmUp(endpoint, options.credentials, settings(target, options.warmupS, 0, 'warmup'));
  }
  const runs = new Map<string, MeasuredRun[]>(active.map(({ target }) => [target.name, []]));
  for (let round = 0; round < options.rounds; round += 1) {
    const order = round % 2 === 0 ? active : [...active].reverse();
    const offset = Math.floor((round * scenario.requests.length) / options.rounds);
    for (const { target, endpoint } of order) {
      const waitedMs = await waitForClosedCircuits(options.readyUrl);
      if (waitedMs === null) options.log(`${options.mode} ${scenario.name}: the stack is still degraded (a circuit open?) before ${target.name}'s run; measuring anyway`);
      else if (waitedMs > 500) options.log(`${options.mode} ${scenario.name}: waited ${(waitedMs / 1000).toFixed(1)} s for the legacy circuits to close before ${target.name}'s run`);
      const run = await measureRun(endpoint, options.credentials, options.legacyUrls, settings(target, options.durationS, offset, `r${round + 1}`));
      runs.get(target.name)?.push(run);
      const errors = run.load.non2xx + run.load.graphqlErrors + run.load.transportErrors;
      options.log(
        `${options.mode} ${scenario.name} round ${round + 1}: ${target.name} ${(run.load.responses / run.load.durationS).toFixed(0)} req/s${errors > 0 ? `, ${errors} errors (${run.load.errorSamples[0] ?? ''})` : ''}`,
      );
    }
  }
  return {
    scenario: scenario.name,
    mode: options.mode,
    targets: active.map(({ target }) => combineRuns(target.name, runs.get(target.name) ?? [])),
    ...(scenario.legacyCallBound ? { legacyCallBound: scenario.legacyCallBound } : {}),
  };
}

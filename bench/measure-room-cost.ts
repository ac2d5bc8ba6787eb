import { setTimeout as sleep } from 'node:timers/promises';
import { supervisionRoomDocument } from '../gateway/supervision-room/supervision-room-document.js';
import { stackServices } from '../scripts/stack/index.js';
import { percentile, type RoomCostFigures, type RoomRunFigures, type LatencySummary } from './bench-figures.js';
import { mintAccessToken, type BenchIdp, type CredentialPool } from './credential-pool.js';
import type { LegacyCalls, LegacyUrls } from './legacy-calls.js';
import { postApplication, startLegacyWriter } from './legacy-writer.js';
import { combineRuns, measureRun, warmUp, type MeasuredRun } from './measure-target.js';
import { cpuMeter } from './process-cpu.js';
import { openRoomStream, type RoomStream } from './room-streams.js';
import type { Scenario } from './scenarios.js';
import type { BenchStack } from './start-bench-stack.js';
import { stackGuichetTarget } from './start-targets.js';

export interface RoomCostOptions {
  /** Room screens open during the "room on" runs, each its own supervisor and filter (so its own read loop). */
  readonly streams: number;
  readonly connections: number;
  readonly durationS: number;
  readonly warmupS: number;
  readonly rounds: number;
  /** Applications written straight into CEET per second, in both arms. */
  readonly writesPerSecond: number;
  /** Applications timed from CEET to a screen. */
  readonly freshnessSamples: number;
  /** Citizens the scenarios never ask about: the writer's applicants. */
  readonly applicants: readonly string[];
  readonly credentials: CredentialPool;
  readonly legacyUrls: LegacyUrls;
  readonly idp: BenchIdp;
  readonly ceetApiKey: string;
  /** What the supervision subgraph logged about its initial load (`change feed: initial load done`). */
  readonly initialLoads: RoomCostFigures['initialLoads'];
  readonly log: (line: string) => void;
}

/** The screens of a supervision room: a wall screen over everything, then one per ministry, then per period. */
const screenFilters = [
  '',
  'ministry=ENERGY',
  'ministry=URBAN_PLANNING',
  'ministry=CIVIL_REGISTRY',
  'from=2026-01-01',
  'from=2026-06-01',
  'ministry=ENERGY&from=2026-01-01',
  'ministry=URBAN_PLANNING&from=2026-01-01',
];

type Arm = 'off' | 'on';

/**
 * What the supervision room costs the graph: the same scenarios with the room off (its read model's process
 * paused with SIGSTOP, so no ingestion, and no screen open) and on (ingestion running, `streams` screens open, each
 * reading the figures through the gateway every push interval), in alternating order round after round, with the
 * same steady writes into CEET in both arms so the change feed has something to ingest. Each run reports the
 * load's req/s and latency and the CPU each group of processes used. First, the same two arms with no load at all:
 * the room's own CPU, which a busy machine's noise does not hide. Then the room's own figures: its read latency idle
 * and under load, how soon a new application shows on a screen, and the initial load.
 */
export async function measureRoomCost(bench: BenchStack, scenarios: readonly Scenario[], options: RoomCostOptions): Promise<RoomCostFigures> {
  const { stack } = bench;
  const pid = (name: string): number => {
    const p = stack.services.get(name)?.child.pid;
    if (p === undefined) throw new Error(`the bench stack has no ${name} process`);
    return p;
  };
  const supervisionPid = pid('supervision');
  const groups = {
    gateway: [pid('gateway')],
    supervision: [supervisionPid],
    'other subgraphs': stackServices.filter((s) => s.tier === 'subgraph' && s.name !== 'supervision').map((s) => pid(s.name)),
    simulators: stackServices.filter((s) => s.tier === 'legacy').map((s) => pid(s.name)),
  };
  const gatewayOrigin = new URL(stack.gatewayUrl).origin;
  const supervisorTokens = await Promise.all(
    Array.from({ length: Math.max(1, options.streams) }, (_, i) => mintAccessToken(options.idp, { role: 'supervisor', subject: `superviseur-bench-${i + 1}` })),
  );
  const target = stackGuichetTarget(bench);
  const streams: RoomStream[] = [];
  let frames = 0;
  const closeStreams = () => {
    for (const s of streams.splice(0)) {
      frames += s.frames;
      s.close();
    }
  };
  let paused = false;
  const setArm = async (arm: Arm) => {
    if (arm === 'off') {
      closeStreams();
      process.kill(supervisionPid, 'SIGSTOP');
      paused = true;
      await sleep(500);
      return;
    }
    if (paused) process.kill(supervisionPid, 'SIGCONT');
    paused = false;
    for (let i = 0; i < options.streams; i += 1) streams.push(await openRoomStream(gatewayOrigin, supervisorTokens[i] as string, screenFilters[i % screenFilters.length] as string));
    // The first poll after a pause catches up on what the feeds changed meanwhile: let it pass.
    await sleep(2_000);
  };
  const roomRead = async (): Promise<number> => {
    const started = performance.now();
    const response = await fetch(`${gatewayOrigin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${supervisorTokens[0]}` },
      body: JSON.stringify({ query: supervisionRoomDocument, variables: { filter: null } }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    if (!response.ok || body.errors) throw new Error(`the room's read failed: HTTP ${response.status} ${JSON.stringify(body.errors ?? '').slice(0, 300)}`);
    return performance.now() - started;
  };

  const writer = startLegacyWriter({ ceetUrl: options.legacyUrls.ceet, apiKey: options.ceetApiKey, applicants: options.applicants, perSecond: options.writesPerSecond });
  const runs: { arm: Arm; scenario: string; run: MeasuredRun; cpuMs: Record<string, number> }[] = [];
  const underLoad: number[] = [];
  let idle: number[] = [];
  const freshness: number[] = [];
  const idleCpu: { seconds: number; off: Record<string, number>; on: Record<string, number> } = { seconds: 0, off: {}, on: {} };
  try {
    // The room alone, no load: what its ingestion and screens cost, without the noise of a saturated machine.
    const idleSeconds = Math.max(3, options.durationS);
    for (const arm of ['off', 'on'] as const) {
      await setArm(arm);
      const meter = cpuMeter(groups);
      await sleep(idleSeconds * 1000);
      idleCpu[arm] = Object.fromEntries(Object.entries(meter()).map(([group, ms]) => [group, ms / idleSeconds / 10]));
    }
    idleCpu.seconds = idleSeconds;
    idle = await repeat(options.streams > 0 ? 20 : 0, roomRead, 100);
    for (const scenario of scenarios) {
      const endpoint = target.endpointFor(scenario);
      if (endpoint)
        await warmUp(endpoint, options.credentials, { connections: options.connections, durationS: options.warmupS, offset: 0, runId: `room-${scenario.name}-warmup`, sendInternalToken: false });
    }
    for (let round = 0; round < options.rounds; round += 1) {
      const arms: Arm[] = round % 2 === 0 ? ['off', 'on'] : ['on', 'off'];
      for (const arm of arms) {
        await setArm(arm);
        for (const scenario of scenarios) {
          const endpoint = target.endpointFor(scenario);
          if (!endpoint) continue;
          const meter = cpuMeter(groups);
          const reads = arm === 'on' && options.streams > 0 ? readWhile(roomRead, 500) : undefined;
          const run = await measureRun(endpoint, options.credentials, options.legacyUrls, {
            connections: options.connections,
            durationS: options.durationS,
            offset: Math.floor((round * scenario.requests.length) / options.rounds),
            runId: `room-${arm}-${scenario.name}-r${round + 1}`,
            sendInternalToken: false,
          });
          const cpuMs = meter();
          if (reads) underLoad.push(...(await reads.stop()));
          runs.push({ arm, scenario: scenario.name, run, cpuMs });
          options.log(
            `room ${arm}, ${scenario.name} round ${round + 1}: ${(run.load.responses / run.load.durationS).toFixed(0)} req/s, gateway ${((cpuMs.gateway ?? 0) / run.load.durationS / 10).toFixed(1)}% of a core, supervision ${((cpuMs.supervision ?? 0) / run.load.durationS / 10).toFixed(1)}%`,
          );
        }
      }
    }
    await writer.stop();
    if (options.streams > 0) {
      await setArm('on');
      freshness.push(...(await measureFreshness(streams[0] as RoomStream, options, options.freshnessSamples)));
    }
  } finally {
    await writer.stop();
    closeStreams();
    if (paused) process.kill(supervisionPid, 'SIGCONT');
  }

  const figuresOf = (arm: Arm, scenario: string): RoomRunFigures => {
    const mine = runs.filter((r) => r.arm === arm && r.scenario === scenario);
    const seconds = mine.reduce((n, r) => n + r.run.load.durationS, 0);
    const cpu: Record<string, number> = {};
    for (const r of mine) for (const [group, ms] of Object.entries(r.cpuMs)) cpu[group] = (cpu[group] ?? 0) + ms;
    return {
      figures: combineRuns(
        `room ${arm}`,
        mine.map((r) => r.run),
      ),
      cpuPercentOfCore: Object.fromEntries(Object.entries(cpu).map(([group, ms]) => [group, seconds > 0 ? ms / seconds / 10 : 0])),
      legacyCallsPerSecond: callsPerSecond(
        mine.flatMap((r) => [r.run.legacyCalls, r.run.feedCalls]),
        seconds,
      ),
    };
  };
  return {
    streams: options.streams,
    writesPerSecond: options.writesPerSecond,
    writes: { written: writer.written, failed: writer.failed },
    framesReceived: frames,
    scenarios: scenarios.map((s) => ({ scenario: s.name, off: figuresOf('off', s.name), on: figuresOf('on', s.name) })),
    idleCpuPercentOfCore: idleCpu,
    roomRead: { idle: summarize(idle), underLoad: summarize(underLoad) },
    freshnessMs: freshness,
    initialLoads: options.initialLoads,
  };
}

async function repeat(times: number, task: () => Promise<number>, pauseMs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i += 1) {
    out.push(await task());
    await sleep(pauseMs);
  }
  return out;
}

/** Reads one after another, `pauseMs` apart, until stopped: a supervisor's view of the room's latency under load. */
function readWhile(task: () => Promise<number>, pauseMs: number): { stop(): Promise<number[]> } {
  const out: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      out.push(await task());
      await sleep(pauseMs);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return out;
    },
  };
}

/** From one application written into CEET to the screen's next `figures` frame counting it, `samples` times. */
async function measureFreshness(stream: RoomStream, options: RoomCostOptions, samples: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    // A random phase against the room's push and the feeds' poll intervals.
    await sleep(Math.random() * 2_000);
    const before = stream.lastTotal ?? 0;
    const started = performance.now();
    const response = await postApplication({ ceetUrl: options.legacyUrls.ceet, apiKey: options.ceetApiKey }, options.applicants[i % options.applicants.length] as string, i);
    if (!response.ok) throw new Error(`CEET refused an application: HTTP ${response.status}`);
    const seen = await Promise.race([stream.nextTotalAbove(before).then(() => true), sleep(30_000).then(() => false)]);
    if (!seen) throw new Error('a new application did not show in the supervision room within 30 s');
    out.push(performance.now() - started);
  }
  return out;
}

function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95), maxMs: sorted.at(-1) ?? 0 };
}

function callsPerSecond(calls: readonly LegacyCalls[], seconds: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of calls) for (const [system, ops] of Object.entries(c)) for (const [op, n] of Object.entries(ops as Record<string, number>)) out[`${system} ${op}`] = (out[`${system} ${op}`] ?? 0) + n;
  for (const key of Object.keys(out)) out[key] = seconds > 0 ? (out[key] ?? 0) / seconds : 0;
  return out;
}

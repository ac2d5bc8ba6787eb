import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentId, type PersistedQueryManifest } from '../gateway/trusted-documents/index.js';
import { spawnService } from '../scripts/stack/spawn-service.js';
import { stackServices, type SpawnedService } from '../scripts/stack/index.js';
import type { TargetName } from './bench-options.js';
import { compareAnswers, type AnswerComparison } from './compare-answers.js';
import type { CredentialPool } from './credential-pool.js';
import { packageRoot } from './ensure-peers.js';
import { nestedQuery } from './nested-subgraphs.js';
import { writeNestedSupergraph } from './nested-supergraph.js';
import { cpuMeter } from './process-cpu.js';
import { runLoad } from './run-load.js';
import { summarizeCpuProfile, type CpuProfileSummary } from './summarize-cpu-profile.js';
import type { Scenario, ScenarioRequest } from './scenarios.js';
import type { BenchStack } from './start-bench-stack.js';
import { startApolloTarget, startGuichetGateway, startHiveTarget, type BenchTarget } from './start-targets.js';

/** The figure's scenarios: the stack's `status` and `dashboard`, and the bench-only `nested`. */
export type GatewayCpuScenario = 'status' | 'dashboard' | 'nested';

/** One gateway's CPU per request on one scenario of the figure, over all its measured rounds. */
export interface GatewayCpuRow {
  readonly scenario: GatewayCpuScenario;
  readonly target: string;
  readonly responses: number;
  readonly errors: number;
  readonly requestsPerSecond: number;
  /** CPU (user + system) of the gateway's process tree during the measured runs, per response, ms. */
  readonly cpuMsPerRequest: number;
  /** Each round's own figure: how much the machine drifted. */
  readonly cpuMsPerRequestByRound: readonly number[];
  /**
   * On the stack's scenarios: CPU per response of every process the request went through, by process (the gateway
   * measured, each subgraph of the stack, the legacy simulators together), over the same runs.
   */
  readonly cpuMsPerRequestByProcess?: Readonly<Record<string, number>>;
}

export interface GatewayCpuFigures {
  readonly rows: readonly GatewayCpuRow[];
  /** The nested answer's size as the stock gateway sends it (bytes, uncompressed). */
  readonly nestedAnswerBytes?: number;
  /** Every gateway's nested answers against Guichet's. */
  readonly nestedAnswers: readonly AnswerComparison[];
  readonly connections: number;
  readonly durationS: number;
  readonly rounds: number;
  /** With `--cpu-profile`: Guichet's gateway profiled (node --cpu-prof) through each scenario's warm-up and rounds. */
  readonly profiles?: readonly { readonly scenario: GatewayCpuScenario; readonly summary: CpuProfileSummary }[];
}

export interface MeasureGatewayCpuOptions {
  readonly targets: readonly TargetName[];
  readonly workers: number;
  readonly connections: number;
  readonly durationS: number;
  readonly warmupS: number;
  readonly rounds: number;
  readonly credentials: CredentialPool;
  /**
   * Profile Guichet's gateway into this folder (`node --cpu-prof`): on `status` and `dashboard`, a run of its own on a
   * fresh, profiled gateway of the stack's supergraph after the counted ones (the figures stay the warm stack
   * gateway's, without the profiler); on `nested`, the counted gateway itself (its figure includes the profiler).
   */
  readonly cpuProfileDir?: string;
  readonly onLine: (name: string, line: string) => void;
  readonly log: (line: string) => void;
}

interface CpuSubject {
  readonly target: BenchTarget;
  readonly url: string;
  readonly pid: number;
  readonly requests: readonly ScenarioRequest[];
}

/** The processes behind the gateway on the stack's scenarios: each subgraph, and the simulators as one group. */
export type BackendProcesses = Readonly<Record<string, readonly number[]>>;

const loadSettings = (scenario: GatewayCpuScenario, subject: CpuSubject, options: MeasureGatewayCpuOptions, durationS: number, label: string) => ({
  url: subject.url,
  requests: subject.requests,
  offset: 0,
  credentials: options.credentials,
  sendInternalToken: subject.target.sendInternalToken,
  connections: options.connections,
  durationS,
  runId: `cpu-${scenario}-${subject.target.name}-${label}`,
});

/**
 * Warm-up each, then `rounds` rounds with the subjects taking turns; CPU of each one's process tree per response, and
 * of each group of `backends` over the same runs (only this subject's requests reach them while it runs).
 */
async function measureCpu(scenario: GatewayCpuScenario, subjects: readonly CpuSubject[], options: MeasureGatewayCpuOptions, backends: BackendProcesses = {}): Promise<GatewayCpuRow[]> {
  const settings = (subject: CpuSubject, durationS: number, label: string) => loadSettings(scenario, subject, options, durationS, label);
  for (const subject of subjects) if (options.warmupS > 0) await runLoad(settings(subject, options.warmupS, 'warmup'));
  const tallies = new Map(subjects.map((s) => [s.target.name, { responses: 0, errors: 0, durationS: 0, cpuMs: 0, byRound: [] as number[], byProcess: {} as Record<string, number> }]));
  for (let round = 0; round < options.rounds; round += 1) {
    for (const subject of round % 2 === 0 ? subjects : [...subjects].reverse()) {
      await options.credentials.refresh();
      const meter = cpuMeter({ ...backends, gateway: [subject.pid] });
      const load = await runLoad(settings(subject, options.durationS, `r${round + 1}`));
      const used = meter();
      const cpuMs = used.gateway ?? 0;
      const tally = tallies.get(subject.target.name);
      if (!tally) continue;
      for (const [name, ms] of Object.entries(used)) tally.byProcess[name] = (tally.byProcess[name] ?? 0) + ms;
      tally.responses += load.responses;
      tally.errors += load.non2xx + load.graphqlErrors + load.transportErrors;
      tally.durationS += load.durationS;
      tally.cpuMs += cpuMs;
      tally.byRound.push(load.responses > 0 ? cpuMs / load.responses : 0);
      options.log(`gateway CPU, ${scenario} round ${round + 1}: ${subject.target.name} ${(load.responses > 0 ? cpuMs / load.responses : 0).toFixed(2)} ms per request (${load.responses} responses)`);
    }
  }
  return subjects.map(({ target }) => {
    const t = tallies.get(target.name) ?? { responses: 0, errors: 0, durationS: 0, cpuMs: 0, byRound: [], byProcess: {} };
    const byProcess = Object.fromEntries(Object.entries(t.byProcess).map(([name, ms]) => [name, t.responses > 0 ? ms / t.responses : 0]));
    return {
      scenario,
      target: target.name,
      responses: t.responses,
      errors: t.errors,
      requestsPerSecond: t.durationS > 0 ? t.responses / t.durationS : 0,
      cpuMsPerRequest: t.responses > 0 ? t.cpuMs / t.responses : 0,
      cpuMsPerRequestByRound: t.byRound,
      ...(Object.keys(backends).length > 0 ? { cpuMsPerRequestByProcess: byProcess } : {}),
    };
  });
}

const subjectOf = (target: BenchTarget, scenario: Scenario): CpuSubject | undefined => {
  const endpoint = target.endpointFor(scenario);
  return endpoint ? { target, url: endpoint.url, pid: endpoint.pid, requests: endpoint.requests } : undefined;
};

/** The nested scenario's bench-only subgraphs (one process), with each one's URL. */
async function startNestedSubgraphs(onLine: (name: string, line: string) => void): Promise<{ readonly service: SpawnedService; readonly urls: Readonly<Record<string, string>> }> {
  let urls: Record<string, string> | undefined;
  const service = await spawnService({
    name: 'nested-subgraphs',
    entryPath: join(packageRoot, 'dist', 'bench', 'serve-nested-subgraphs.js'),
    env: { ...process.env, NODE_ENV: 'production' },
    onLine: (name, line) => {
      if (line.startsWith('{"msg":"listening"')) urls = (JSON.parse(line) as { subgraphs: Record<string, string> }).subgraphs;
      onLine(name, line);
    },
  });
  if (!urls) throw new Error('the nested subgraphs did not say where they listen');
  return { service, urls };
}

/**
 * Issue 16's target 5: the gateway's own CPU per request, on `status` (the stack's gateways, already running) and on
 * the nested scenario (four bench-only subgraphs of the public federation gateway benchmark's shape, a query five
 * entity levels deep, about 80 KB per answer), each gateway measured alone in turn. Guichet runs the nested
 * supergraph from a file (`SUPERGRAPH_PATH`) with the query as a trusted document of its own manifest
 * (`TRUSTED_DOCUMENTS_PATH`): production settings otherwise, anonymous caller.
 */
export async function measureGatewayCpu(bench: BenchStack, stackScenarios: readonly Scenario[], stackTargets: readonly BenchTarget[], options: MeasureGatewayCpuOptions): Promise<GatewayCpuFigures> {
  const rows: GatewayCpuRow[] = [];
  const profiles: { scenario: GatewayCpuScenario; summary: CpuProfileSummary }[] = [];
  // Node flags, not NODE_OPTIONS: Node 20 refuses --cpu-prof there.
  const profilerArgs = (scenario: GatewayCpuScenario): string[] => {
    if (options.cpuProfileDir === undefined) return [];
    const dir = join(options.cpuProfileDir, scenario);
    mkdirSync(dir, { recursive: true });
    return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
  };
  // From the first request of the load on: the start-up before it (module loading, planning set-up) is not a request's.
  const summarize = (scenario: GatewayCpuScenario, spawnedAt: number, loadFrom: number) => {
    if (options.cpuProfileDir === undefined) return;
    const dir = join(options.cpuProfileDir, scenario);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) profiles.push({ scenario, summary: summarizeCpuProfile(join(dir, file), 15, loadFrom - spawnedAt) });
  };
  const backends = stackBackends(bench);
  for (const name of ['status', 'dashboard'] as const) {
    const scenario = stackScenarios.find((s) => s.name === name);
    if (!scenario) continue;
    // The counted runs: the stack's own gateways, warm from the scenarios' runs, without a profiler.
    const subjects = stackTargets.filter((t) => (t.kind === 'guichet' && t.name === 'guichet') || t.kind === 'apollo').flatMap((t) => subjectOf(t, scenario) ?? []);
    options.log(`gateway CPU per request, ${name}: ${subjects.map((s) => s.target.name).join(', ')}`);
    rows.push(...(await measureCpu(name, subjects, options, backends)));
    if (options.cpuProfileDir === undefined) continue;
    // The profile: a fresh gateway (its profile is written when it exits), warmed up, then as many seconds of the same
    // load as the counted rounds; not counted.
    const spawnedAt = Date.now();
    const profiled = await startGuichetGateway(bench, 'guichet', {}, options.onLine, profilerArgs(name));
    let loadFrom = Date.now();
    try {
      const subject = subjectOf(profiled, scenario);
      if (subject) {
        options.log(`gateway CPU profile, ${name}: a profiled Guichet gateway, ${options.warmupS} s of warm-up, then ${options.durationS * options.rounds} s`);
        if (options.warmupS > 0) await runLoad(loadSettings(name, subject, options, options.warmupS, 'profile-warmup'));
        loadFrom = Date.now();
        await runLoad(loadSettings(name, subject, options, options.durationS * options.rounds, 'profile'));
      }
    } finally {
      await profiled.stop();
    }
    summarize(name, spawnedAt, loadFrom);
  }
  const started: BenchTarget[] = [];
  const subgraphs = await startNestedSubgraphs(options.onLine);
  try {
    const supergraphPath = writeNestedSupergraph(subgraphs.urls, bench.dataDir);
    const manifest: PersistedQueryManifest = {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: documentId(nestedQuery), name: 'NestedBench', type: 'query', body: nestedQuery }],
    };
    const manifestPath = join(bench.dataDir, 'nested-trusted-documents.json');
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const env = { SUPERGRAPH_PATH: supergraphPath, SUPERGRAPH_WATCH: 'false', TRUSTED_DOCUMENTS_PATH: manifestPath, WORKERS: String(options.workers) };
    const spawnedAt = Date.now();
    const starting = options.targets.flatMap((name): Promise<BenchTarget>[] => {
      if (name === 'guichet') return [startGuichetGateway(bench, 'guichet', env, options.onLine, profilerArgs('nested'))];
      if (name === 'apollo') return [startApolloTarget(supergraphPath, options.workers, options.onLine)];
      if (name === 'hive' || name === 'hive-rust') return [startHiveTarget(supergraphPath, options.workers, options.onLine, name)];
      return [];
    });
    const settled = await Promise.allSettled(starting);
    for (const r of settled) if (r.status === 'fulfilled') started.push(r.value);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    // A gateway target's endpoint takes only the requests of the scenario it is given; the name is not read.
    const nested: Scenario = { name: 'status', operationName: 'NestedBench', requests: [{ body: Buffer.from(JSON.stringify({ query: nestedQuery })), caller: 0 }] };
    const subjects = started.flatMap((t) => subjectOf(t, nested) ?? []);
    const sources = subjects.map((s) => ({ target: s.target.name, url: s.url, sendInternalToken: s.target.sendInternalToken, requests: s.requests }));
    const nestedAnswers = await compareAnswers('nested', sources, options.credentials, 3);
    const apollo = sources.find((s) => s.target === 'apollo');
    const nestedAnswerBytes = apollo ? await answerBytes(apollo.url, nested.requests[0]?.body ?? Buffer.alloc(0)) : undefined;
    const loadFrom = Date.now();
    options.log(`gateway CPU per request, nested (${nestedAnswerBytes ?? '?'} B per answer): ${subjects.map((s) => s.target.name).join(', ')}`);
    rows.push(...(await measureCpu('nested', subjects, options)));
    // The profile is written when the process exits.
    await Promise.all(started.splice(0).map((t) => t.stop()));
    summarize('nested', spawnedAt, loadFrom);
    return {
      rows,
      nestedAnswers,
      ...(nestedAnswerBytes === undefined ? {} : { nestedAnswerBytes }),
      connections: options.connections,
      durationS: options.durationS,
      rounds: options.rounds,
      ...(profiles.length > 0 ? { profiles } : {}),
    };
  } finally {
    await Promise.all(started.map((t) => t.stop()));
    await subgraphs.service.stop();
  }
}

/** The stack's processes behind a gateway: each subgraph, the witness and the IdP by name, the simulators as one group. */
function stackBackends(bench: BenchStack): BackendProcesses {
  const pidOf = (name: string): number[] => {
    const pid = bench.stack.services.get(name)?.child.pid;
    return pid === undefined ? [] : [pid];
  };
  const named = stackServices.filter((s) => s.tier !== 'legacy' && s.tier !== 'gateway').map((s) => [s.name, pidOf(s.name)] as const);
  return { ...Object.fromEntries(named), simulators: stackServices.filter((s) => s.tier === 'legacy').flatMap((s) => pidOf(s.name)) };
}

async function answerBytes(url: string, body: Buffer): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array(body) });
  return (await response.arrayBuffer()).byteLength;
}

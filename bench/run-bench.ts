import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { BenchFigures, ScenarioFigures } from './bench-figures.js';
import { defaultBenchOptions, type BenchOptions } from './bench-options.js';
import { pickBenchKeys, type BenchKeys } from './bench-world.js';
import { createCredentialPool, type CredentialPool } from './credential-pool.js';
import { ensurePeers } from './ensure-peers.js';
import { machineInfo } from './machine-info.js';
import { measureDashboardRound } from './measure-dashboard-round.js';
import { heavyCitizenCounts, measureDossierCounts } from './measure-dossier-counts.js';
import { measureRoomCost } from './measure-room-cost.js';
import { measureGatewayCpu } from './measure-gateway-cpu.js';
import { measureScenario } from './measure-scenario.js';
import { measureOverload } from './measure-overload.js';
import { measureReloadMemory } from './measure-reload-memory.js';
import { measureScaled } from './measure-scaled.js';
import { measureScaling } from './measure-scaling.js';
import { measureDefer, type DeferFigures, type MeasureDeferOptions } from './measure-defer.js';
import { measurePush, type PushFigures } from './measure-push.js';
import { runStatusPolls } from './run-status-polls.js';
import { slow3g, startThrottlingProxy } from './throttling-proxy.js';
import { measureWireBytes } from './measure-wire-bytes.js';
import { compareAnswers, type AnswerComparison } from './compare-answers.js';
import { buildScenarios, type Scenario } from './scenarios.js';
import { describeLegacyLatency, setLegacyMode } from './set-legacy-mode.js';
import { benchCeetApiKey, benchInternalTokenSecret, startBenchStack, type BenchStack } from './start-bench-stack.js';
import { directTarget, stackGatewayEndpoint, stackGuichetTarget, startApolloTarget, startGuichetGateway, startHiveTarget, type BenchTarget } from './start-targets.js';
import { writePeerSupergraph } from './write-peer-supergraph.js';
import { warmIdentityCache, type IdentityWarmup } from './warm-identity-cache.js';
import type { LegacyUrls } from './legacy-calls.js';

/**
 * One bench run on a stack of its own: the peers installed if needed, every scenario on every target in both
 * modes (warm-up, then alternating rounds), then the scaling and dossier-count figures on Guichet alone.
 * Resolves with the figures; rejects when the stack or a target cannot run.
 */
export async function runBench(overrides: Partial<BenchOptions> = {}): Promise<BenchFigures> {
  const options: BenchOptions = { ...defaultBenchOptions, ...overrides };
  const { log } = options;
  const startedAt = new Date();
  // Other work on the machine weighs on every figure: the load around the run says how much.
  const loadAtStart = describeLoad();
  const recentLines: string[] = [];
  const initialLoads: { system: string; dossiers: number; durationMs: number }[] = [];
  const onLine = (service: string, line: string) => {
    if (service === 'supervision' && line.includes('change feed: initial load done')) initialLoads.push(...initialLoadOf(line));
    recentLines.push(`[${service}] ${line}`);
    if (recentLines.length > 60) recentLines.shift();
    options.onServiceLine?.(service, line);
  };
  const needsPeers = !options.pushOnly && !options.statusPollsOnly && options.targets.some((t) => t === 'apollo' || t === 'hive' || t === 'hive-rust');
  const installMs = needsPeers ? await ensurePeers(log) : undefined;
  const keys = pickBenchKeys(options.scale, options.citizens);
  const { scenarios, callers } = buildScenarios(keys, options.scenarios);

  log(`starting a stack of its own (scale ${options.scale}, ${callers.length - 2} citizens, Guichet WORKERS=${options.workers})`);
  const heavy: Record<string, string> = options.dossierCounts.length > 0 ? { HEAVY_CITIZENS: heavyCitizenCounts(options.dossierCounts).join(',') } : {};
  const bench = await startBenchStack({
    scale: options.scale,
    worldEnv: heavy,
    gatewayEnv: { WORKERS: String(options.workers), ...options.guichetEnv },
    onLine,
  });
  const { stack } = bench;
  const started: BenchTarget[] = [];
  try {
    const legacyUrls = stack.legacyUrls;
    const realisticLatency = await describeLegacyLatency(legacyUrls);
    const runPush = () => runPushSection(bench, options, keys, onLine);
    if (options.pushOnly || options.statusPollsOnly) {
      const statusPolls = options.statusPollsOnly ? await runStatusPolls(bench, options, keys.world) : undefined;
      const push = options.pushOnly ? await runPush() : undefined;
      return {
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        machine: { ...machineInfo(), 'load average (1/5/15 min) at start / end': `${loadAtStart} / ${describeLoad()}` },
        parameters: describePushParameters(options),
        realisticLatency,
        scenarios: [],
        scaling: [],
        dossierCounts: [],
        skipped: [],
        ...(statusPolls ? { statusPolls } : {}),
        ...(push ? { push } : {}),
      };
    }
    const credentials = await createCredentialPool({ idp: bench.idp, internalTokenSecret: benchInternalTokenSecret, callers });
    const supergraphPath = writePeerSupergraph(new Map([...stack.services].map(([name, s]) => [name, s.url])), bench.dataDir);
    const own = async (target: Promise<BenchTarget>) => {
      const t = await target;
      started.push(t);
      return t;
    };
    // Started together (each takes seconds), then listed in the canonical order.
    const starting = options.targets.flatMap((name): Promise<BenchTarget>[] => {
      if (name === 'guichet') return [Promise.resolve(stackGuichetTarget(bench)), ...options.variants.map((v) => own(startGuichetGateway(bench, `guichet-${v.name}`, v.env, onLine)))];
      if (name === 'apollo') return [own(startApolloTarget(supergraphPath, options.workers, onLine))];
      if (name === 'hive' || name === 'hive-rust') return [own(startHiveTarget(supergraphPath, options.workers, onLine, name))];
      return [Promise.resolve(directTarget(bench))];
    });
    // All settled before any failure is thrown, so that every process started is known to the cleanup.
    const settled = await Promise.allSettled(starting);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const targets = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    log(`targets: ${targets.map((t) => t.name).join(', ')}`);

    // The same answers first, on a fresh world and before any load (issue 16, target 4).
    await setLegacyMode(legacyUrls, 'throughput');
    const answers = await compareGatewayAnswers(scenarios, targets, credentials, options.quick ? 10 : 50, log);
    const identityWarmup = await warmDashboardIdentities(scenarios, targets, credentials, legacyUrls, log);

    const scenarioFigures: ScenarioFigures[] = [];
    for (const mode of options.modes) {
      await setLegacyMode(legacyUrls, mode);
      for (const scenario of scenarios) {
        const settings = {
          mode,
          connections: options.connections,
          durationS: options.durationS,
          warmupS: options.warmupS,
          rounds: options.rounds,
          credentials,
          legacyUrls,
          readyUrl: `${new URL(bench.stack.gatewayUrl).origin}/ready`,
          log,
        };
        scenarioFigures.push(await measureScenario(scenario, targets, settings));
      }
    }
    // Issue 16, targets 5 and 2: with the stack's gateways still up for `status` and `dashboard` (CPU of every process
    // per request), then the nested scenario's own.
    await setLegacyMode(legacyUrls, 'throughput');
    const gatewayCpu = options.gatewayCpu
      ? await measureGatewayCpu(bench, scenarios, targets, {
          targets: options.targets,
          workers: options.workers,
          // A cost figure, not a saturation one: at 50 connections on a loaded machine Guichet's admission control
          // answered most nested requests with a fast 503, which says nothing of a request's CPU.
          connections: Math.min(options.connections, gatewayCpuConnections),
          durationS: options.durationS,
          warmupS: options.warmupS,
          rounds: options.rounds,
          credentials,
          ...(options.cpuProfileDir === undefined ? {} : { cpuProfileDir: options.cpuProfileDir }),
          onLine,
          log,
        })
      : undefined;

    // The peers have had their turn: their memory and timers leave the machine to Guichet alone.
    await Promise.all(started.splice(0).map((t) => t.stop()));

    await setLegacyMode(legacyUrls, 'throughput');
    const roomScenarios = scenarios.filter((s) => s.name === 'status' || s.name === 'dashboard');
    let roomCost: BenchFigures['roomCost'];
    if (options.roomStreams > 0 && roomScenarios.length > 0) {
      log(`the supervision room's cost: ${roomScenarios.map((s) => s.name).join(', ')} with the room off and on (${options.roomStreams} screens)`);
      roomCost = await measureRoomCost(bench, roomScenarios, {
        streams: options.roomStreams,
        connections: options.connections,
        durationS: options.durationS,
        warmupS: options.warmupS,
        rounds: options.rounds,
        writesPerSecond: options.roomWritesPerSecond,
        freshnessSamples: options.quick ? 1 : 5,
        applicants: roomApplicants(keys, 200),
        credentials,
        legacyUrls,
        idp: bench.idp,
        ceetApiKey: benchCeetApiKey,
        initialLoads,
        log,
      });
    }
    const scaling = await measureScaling(
      bench,
      scenarios.filter((s) => s.name === 'status' || s.name === 'dashboard'),
      { workers: options.scalingWorkers, connections: options.connections, durationS: options.scalingDurationS, warmupS: options.warmupS, credentials, legacyUrls, started, onLine, log },
    );

    const wireBytes = await measureWireBytes({ gateway: stackGatewayEndpoint(bench), scenarios, callers, idp: bench.idp, log });

    // Run on the stack's own gateway, last among the throughput figures: its admission control at default settings.
    const dashboard = scenarios.find((s) => s.name === 'dashboard');
    const overload =
      options.overloadConnections > 0 && dashboard !== undefined && options.targets.includes('guichet')
        ? // At least 5 s: at that concurrency each dashboard takes seconds on two cores, so a one-second window (the quick
          // profile) can end before the first answer.
          await measureOverload(bench, dashboard, { connections: options.overloadConnections, durationS: Math.max(5, options.durationS), credentials, legacyUrls, log })
        : undefined;

    // On a gateway and a subgraph of its own in this process: the stack is idle meanwhile.
    const reloadMemory = options.reloads > 0 ? await measureReloadMemory({ reloads: options.reloads, connections: 4, log }) : undefined;

    // @defer: the dashboard's first part against its whole answer, on the stack's gateway (realistic latencies), on
    // loopback and as a phone on 3G sees it (a throttling proxy in front of the same gateway).
    const defer = options.targets.includes('guichet')
      ? await measureDeferOnLinks(stackGatewayEndpoint(bench).url, { idp: bench.idp, legacyUrls, citizens: keys.dashboard, quick: options.quick, log })
      : undefined;

    // Issue 16, target 1: one dashboard at a time, realistic latency, against the one-round floor.
    const dashboardRound =
      dashboard !== undefined && options.targets.includes('guichet')
        ? await measureDashboardRound({
            gateway: stackGatewayEndpoint(bench),
            dashboard,
            credentials,
            legacyUrls,
            // One dashboard at a time takes a few hundred ms: enough of them for a p90 (quick: a smoke).
            durationS: options.quick ? 6 : 40,
            warmupS: Math.max(1, options.warmupS),
            log,
          })
        : undefined;

    // Phones polling their dossiers' status (issue 16, target 3), then push against polling: before the scaled
    // figure, which stops this stack.
    const statusPolls = await runStatusPolls(bench, options, keys.world);
    const push = await runPush();

    const skipped: string[] = [];
    let dossierCounts: BenchFigures['dossierCounts'] = [];
    if (options.dossierCounts.length > 0) {
      const result = await measureDossierCounts({
        counts: options.dossierCounts,
        gateway: stackGatewayEndpoint(bench),
        idp: bench.idp,
        internalTokenSecret: benchInternalTokenSecret,
        legacyUrls,
        connections: options.dossierConnections,
        durationS: options.scalingDurationS,
        warmupS: options.warmupS,
        log,
      });
      dossierCounts = result.points;
      if (result.skipped) {
        skipped.push(`latency vs dossier count — ${result.skipped}`);
        log(`skipping the dossier-count figure: ${result.skipped}`);
      }
    }
    // Last: it stops the embedded stack once its own rows are taken, so that the scaled stack runs alone.
    const scaled =
      options.scaledGateways.length > 0
        ? await measureScaled(bench, scenarios, {
            gatewayCounts: options.scaledGateways,
            connections: options.connections,
            durationS: options.scalingDurationS,
            warmupS: options.warmupS,
            submissions: options.scaledSubmissions,
            submissionConcurrency: Math.min(options.connections, 8),
            embeddedWorkers: options.workers,
            credentials,
            callers,
            persons: keys.world.persons,
            legacyUrls,
            onLine,
            log,
          })
        : undefined;
    return {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: { ...machineInfo(), 'load average (1/5/15 min) at start / end': `${loadAtStart} / ${describeLoad()}` },
      parameters: describeParameters(options, keys),
      realisticLatency,
      scenarios: scenarioFigures,
      scaling,
      dossierCounts,
      skipped,
      ...(answers.length > 0 ? { answers } : {}),
      ...(gatewayCpu ? { gatewayCpu } : {}),
      ...(roomCost ? { roomCost } : {}),
      wireBytes,
      ...(overload ? { overload } : {}),
      ...(reloadMemory ? { reloadMemory } : {}),
      ...(defer ? { defer } : {}),
      ...(dashboardRound ? { dashboardRound } : {}),
      ...(identityWarmup ? { identityWarmup } : {}),
      ...(statusPolls ? { statusPolls } : {}),
      ...(push ? { push } : {}),
      ...(scaled ? { scaled } : {}),
      ...(installMs === undefined ? {} : { peersInstallS: installMs / 1000 }),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\nLast service lines:\n${recentLines.slice(-30).join('\n')}`, { cause: error });
  } finally {
    await Promise.all(started.map((t) => t.stop()));
    await stack.stop();
    rmSync(bench.dataDir, { recursive: true, force: true });
  }
}

/** Connections of the gateway CPU figure at most (fewer if the run has fewer). */
const gatewayCpuConnections = 16;

/** The identity cache warmed by every dashboard of the rotation once through Guichet (undefined without both). */
async function warmDashboardIdentities(
  scenarios: readonly Scenario[],
  targets: readonly BenchTarget[],
  credentials: CredentialPool,
  legacyUrls: LegacyUrls,
  log: (line: string) => void,
): Promise<IdentityWarmup | undefined> {
  const dashboard = scenarios.find((s) => s.name === 'dashboard');
  const guichet = targets.find((t) => t.kind === 'guichet');
  const endpoint = dashboard && guichet?.endpointFor(dashboard);
  if (!endpoint || !guichet) return undefined;
  log(`warming civil-registry's identity cache: every dashboard citizen once through ${guichet.name}`);
  const warmup = await warmIdentityCache({ target: guichet.name, url: endpoint.url, sendInternalToken: guichet.sendInternalToken, requests: endpoint.requests }, credentials, legacyUrls);
  log(`identity cache warm: ${warmup.dashboards} dashboards (${warmup.withErrors} with errors)`);
  return warmup;
}

/** Answers of every gateway target to `status` and `dashboard`, against Guichet's (the first target when it runs). */
async function compareGatewayAnswers(
  scenarios: readonly Scenario[],
  targets: readonly BenchTarget[],
  credentials: CredentialPool,
  samples: number,
  log: (line: string) => void,
): Promise<AnswerComparison[]> {
  const gateways = targets.filter((t) => t.kind !== 'direct');
  if (gateways[0]?.kind !== 'guichet' || gateways.length < 2) return [];
  const rows: AnswerComparison[] = [];
  for (const scenario of scenarios.filter((s) => s.name === 'status' || s.name === 'dashboard')) {
    const sources = gateways.flatMap((t) => {
      const endpoint = t.endpointFor(scenario);
      return endpoint ? [{ target: t.name, url: endpoint.url, sendInternalToken: t.sendInternalToken, requests: endpoint.requests }] : [];
    });
    const compared = await compareAnswers(scenario.name, sources, credentials, samples);
    for (const row of compared)
      if (row.target !== row.reference)
        log(`same answers, ${scenario.name}: ${row.target} ${row.mismatches} of ${row.compared} differ from ${row.reference}'s${row.samples[0] ? ` (${row.samples[0]})` : ''}`);
    rows.push(...compared);
  }
  return rows;
}

/**
 * The push section (issue 15's figures) at the simulators' realistic latencies — a feed read takes what it takes in
 * production — then back to throughput mode for the figures after it. Undefined when the options ask for none of it.
 */
async function runPushSection(bench: BenchStack, options: BenchOptions, keys: BenchKeys, onLine: (service: string, line: string) => void): Promise<PushFigures | undefined> {
  if (options.pushPolls.length === 0 && options.pushStreams.length === 0) return undefined;
  const legacyUrls = bench.stack.legacyUrls;
  await setLegacyMode(legacyUrls, 'latency');
  try {
    return await measurePush(bench, {
      pollIntervals: options.pushPolls,
      citizens: options.pushCitizens,
      wsShare: 0.2,
      changes: options.pushChanges,
      changesPerSecond: 10,
      // Polling is only compared with push: without a latency figure there is no feed rate to compare it with.
      pollingRounds: options.pushPolls.length === 0 ? 0 : options.quick ? 2 : 5,
      pollingRoundIntervalMs: 300,
      streamLevels: options.pushStreams,
      ...(options.pushStreamsHeapMb === undefined ? {} : { streamsHeapMb: options.pushStreamsHeapMb }),
      streamCitizens: Math.min(1_000, Math.max(1, Math.ceil((options.pushStreams.at(-1) ?? 0) / 10))),
      idleS: options.quick ? 5 : 30,
      burstChanges: options.quick ? 10 : 100,
      world: keys.world,
      idp: bench.idp,
      legacyUrls,
      onLine,
      log: options.log,
    });
  } finally {
    await setLegacyMode(legacyUrls, 'throughput');
  }
}

function describePushParameters(options: BenchOptions): Record<string, string> {
  return {
    profile: `${options.statusPollsOnly ? 'status-poll' : 'push'} section only${options.quick ? ' (quick: a smoke, figures too short to compare)' : ''}`,
    ...(options.statusPollsOnly ? { 'status polls': describeStatusPolls(options) } : { 'push against polling': describePush(options) }),
    world: `SEED 20261123, SCALE ${options.scale}`,
  };
}

function describePush(options: BenchOptions): string {
  if (options.pushPolls.length === 0 && options.pushStreams.length === 0) return 'not measured';
  const heap = options.pushStreamsHeapMb === undefined ? 'production heap cap' : `--max-old-space-size=${options.pushStreamsHeapMb}`;
  return `latency at SUPERVISION_POLL_MS ${options.pushPolls.join(', ') || 'none'} (${options.pushCitizens} citizens, ${options.pushChanges} changes each); streams ${options.pushStreams.join(', ') || 'none'} (${heap}); realistic legacy latency`;
}

/** The read model's initial load of one system, from the supervision subgraph's JSON log line. */
function initialLoadOf(line: string): { system: string; dossiers: number; durationMs: number }[] {
  try {
    const entry = JSON.parse(line) as { system?: unknown; dossiers?: unknown; durationMs?: unknown };
    return typeof entry.system === 'string' && typeof entry.dossiers === 'number' && typeof entry.durationMs === 'number'
      ? [{ system: entry.system, dossiers: entry.dossiers, durationMs: entry.durationMs }]
      : [];
  } catch {
    return [];
  }
}

/** Citizens no scenario asks about, evenly spread: the room figure's writes grow nobody's measured dossier list. */
function roomApplicants(keys: BenchKeys, count: number): string[] {
  const asked = new Set([...keys.status.map((k) => k.niu), ...keys.dashboard]);
  const free = keys.world.persons.map((p) => p.niu).filter((niu) => !asked.has(niu));
  const step = Math.max(1, Math.floor(free.length / count));
  return free.filter((_, i) => i % step === 0).slice(0, count);
}

const describeLoad = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function describeParameters(options: BenchOptions, keys: BenchKeys): Record<string, string> {
  const statusCitizens = new Set(keys.status.map((k) => k.niu)).size;
  return {
    profile: options.quick ? 'quick (a smoke: figures too short to compare)' : 'full',
    connections: String(options.connections),
    'measured run': `${options.durationS} s per target per round, ${options.rounds} round(s), targets alternating; warm-up ${options.warmupS} s per target`,
    'gateway workers (all gateways)': String(options.workers),
    scenarios: options.scenarios.join(', '),
    targets:
      options.targets.join(', ') +
      (options.variants.length > 0
        ? ` + variants ${options.variants
            .map(
              (v) =>
                `guichet-${v.name} (${Object.entries(v.env)
                  .map(([k, v2]) => `${k}=${v2}`)
                  .join(' ')})`,
            )
            .join(', ')}`
        : ''),
    "Guichet's extra environment":
      Object.entries(options.guichetEnv)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ') || 'none',
    world: `SEED 20261123, SCALE ${options.scale}; status over ${keys.status.length} CEET dossiers of ${statusCitizens} citizens, dashboard over ${keys.dashboard.length} citizens, agent-list over ${keys.agentPages} pages of 100`,
    scaling: `${options.scalingWorkers.join(', ') || 'none'} worker(s), ${options.scalingDurationS} s each`,
    'gateway CPU per request': options.gatewayCpu
      ? `status and nested, ${options.rounds} round(s) of ${options.durationS} s per gateway at ${Math.min(options.connections, gatewayCpuConnections)} connections, throughput mode`
      : 'not measured',
    'supergraph reloads': options.reloads > 0 ? `${options.reloads} (alternating two supergraphs, 4 clients querying)` : 'not measured',
    overload: options.overloadConnections > 0 ? `${options.overloadConnections} concurrent dashboards for ${Math.max(5, options.durationS)} s on Guichet's gateway, throughput mode` : 'not measured',
    'supervision room cost':
      options.roomStreams > 0
        ? `${options.roomStreams} screen(s), ${options.roomWritesPerSecond} CEET writes/s, status and dashboard, room off vs on, ${options.rounds} round(s) of ${options.durationS} s`
        : 'not measured',
    'embedded vs scaled':
      options.scaledGateways.length > 0
        ? `embedded (gateway WORKERS=${options.workers}) vs \`start:scaled\`'s stack through HAProxy with ${options.scaledGateways.join(', ')} gateway process(es), throughput mode, ${options.connections} connections, ${options.scalingDurationS} s per run after ${options.warmupS} s of warm-up; ${options.scaledSubmissions} submissions ${Math.min(options.connections, 8)} at a time per deployment`
        : 'not measured',
    'dossier counts': `${options.dossierCounts.join(', ') || 'none'} (${options.dossierConnections} connection(s), ${options.scalingDurationS} s each)`,
    'push against polling': describePush(options),
    'status polls': describeStatusPolls(options),
  };
}

function describeStatusPolls(options: BenchOptions): string {
  if (options.statusPollPhones === 0) return 'not measured';
  return `${options.statusPollPhones} phones every ${options.statusPollIntervalMs} ms, ${options.statusPollRounds} counted rounds after the warm-up; realistic legacy latency`;
}

/** The @defer figure on loopback, then through a simulated 3G link to the same gateway (fewer samples: seconds each). */
async function measureDeferOnLinks(url: string, options: Pick<MeasureDeferOptions, 'idp' | 'legacyUrls' | 'citizens' | 'log'> & { readonly quick: boolean }): Promise<DeferFigures[]> {
  const loopback = await measureDefer({ ...options, url, samples: options.quick ? 4 : 40 });
  const gateway = new URL(url);
  const proxy = await startThrottlingProxy(gateway, slow3g);
  try {
    const link = `a simulated 3G link (${slow3g.bitsPerSecond / 1_000} kbit/s each way, ${slow3g.rttMs} ms round trip)`;
    const mobile = await measureDefer({ ...options, url: `${proxy.origin}${gateway.pathname}`, link, samples: options.quick ? 2 : 15 });
    return [loopback, mobile];
  } finally {
    await proxy.close();
    // The figures after this one (dossier counts) are throughput ones: leave the simulators as they were.
    await setLegacyMode(options.legacyUrls, 'throughput');
  }
}

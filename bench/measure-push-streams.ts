import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSimulatorAdmin } from '../legacy/shared/index.js';
import type { SpawnedService } from '../scripts/stack/index.js';
import { mintAccessToken, type BenchIdp } from './credential-pool.js';
import type { LegacyUrls } from './legacy-calls.js';
import { mapLimit } from './measure-push-latency.js';
import { createSseStreams } from './open-sse-streams.js';
import { createStatusCycler, expectedEventTypes, type MovableDossier } from './push-changes.js';
import type { PushCitizen } from './push-citizens.js';
import { perThousandStreams, prometheusValue } from './push-cost.js';
import { cpuMeter } from './process-cpu.js';

/** The gateway process at one moment: resident memory (/proc) and V8 heap in use (its /metrics). */
export interface GatewayMemory {
  readonly rssMb: number;
  readonly heapUsedMb: number;
}

/** One gateway process holding `streams` open SSE subscriptions. */
export interface StreamLevelFigures {
  readonly streams: number;
  /** Streams open when the level was measured (below `streams` when some were refused or ended). */
  readonly open: number;
  readonly refused: number;
  readonly ended: number;
  /** Seconds to open the level's new streams. */
  readonly openS: number;
  readonly memory: GatewayMemory;
  /** Growth over the gateway with no stream, per 1,000 open streams, MB. */
  readonly rssPerThousandMb: number;
  readonly heapPerThousandMb: number;
  /** Gateway CPU with the streams open and no event (heartbeats only), % of one core. */
  readonly idleCpuPercent: number;
  readonly burst: BurstFigures;
}

/** Status changes made at once, fanned out to every stream of their owners. */
export interface BurstFigures {
  readonly changes: number;
  readonly expectedDeliveries: number;
  readonly delivered: number;
  /** From the first change to the last delivery (or the time-out), s: includes the wait for the feeds' poll. */
  readonly seconds: number;
  readonly cpuPercent: number;
  /** Gateway CPU above its idle rate over the window, ms per 1,000 events delivered. */
  readonly cpuMsPerThousandDeliveries: number;
}

export interface PushStreamsFigures {
  readonly citizens: number;
  readonly perPrincipalCap: number;
  readonly maxStreamsCap: number;
  /** The gateway process's open-file limit (soft), from /proc/<pid>/limits. */
  readonly fileLimit: number | undefined;
  /** The gateway's V8 heap limit, as started. */
  readonly heapLimit: string;
  readonly idleS: number;
  readonly pollMs: number;
  readonly baseline: GatewayMemory & { readonly idleCpuPercent: number };
  readonly levels: readonly StreamLevelFigures[];
  /** Why the largest level asked for was not reached, if it was not. */
  readonly stoppedBecause?: string;
  readonly failureSamples: readonly string[];
}

export interface MeasurePushStreamsOptions {
  readonly gateway: SpawnedService;
  readonly pollMs: number;
  readonly levels: readonly number[];
  readonly citizens: readonly PushCitizen[];
  readonly perPrincipalCap: number;
  readonly maxStreamsCap: number;
  readonly idleS: number;
  readonly burstChanges: number;
  readonly heapLimit: string;
  /** The gateway's last log lines (why it exited, if it did). */
  readonly lastLines: () => readonly string[];
  readonly query: string;
  readonly idp: BenchIdp;
  readonly legacyUrls: LegacyUrls;
  readonly log: (line: string) => void;
}

const mbOf = (bytes: number) => bytes / (1024 * 1024);

/**
 * Opens SSE subscriptions on one gateway process level after level (1,000, then up to 10,000…), spread over many
 * citizens' tokens; at each level: its memory, its CPU while idle (the streams' heartbeats only, over `idleS`), and
 * its CPU during a burst of status changes fanned out to the owners' streams.
 */
export async function measurePushStreams(options: MeasurePushStreamsOptions): Promise<PushStreamsFigures> {
  const { gateway, log } = options;
  const pid = processId(gateway);
  const files = fileLimit(pid);
  const exitReason = () => {
    const signal = gateway.child.signalCode ?? `code ${gateway.child.exitCode}`;
    const fatal = options.lastLines().find((line) => /FATAL|heap out of memory|Reached heap limit|EMFILE/i.test(line));
    return fatal === undefined ? signal : `${signal}: ${fatal.trim()}`;
  };
  const origin = new URL(gateway.url).origin;
  const alive = () => gateway.child.exitCode === null && gateway.child.signalCode === null;
  // The heap in use includes garbage not yet collected (nothing forces a collection from outside): the lowest of
  // three readings a second apart is the closest to what the streams keep alive.
  const memory = async (): Promise<GatewayMemory> => {
    const heaps: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      if (i > 0) await sleep(1_000);
      const heap = prometheusValue(await (await fetch(`${origin}/metrics`)).text(), 'nodejs_heap_size_used_bytes');
      if (heap !== undefined) heaps.push(heap);
    }
    return { rssMb: mbOf(rssBytes(pid)), heapUsedMb: heaps.length === 0 ? Number.NaN : mbOf(Math.min(...heaps)) };
  };
  const idleCpu = async (): Promise<number> => {
    const meter = cpuMeter({ gateway: [pid] });
    await sleep(options.idleS * 1000);
    return (meter().gateway ?? 0) / options.idleS / 10;
  };
  const tokens = await mapLimit(options.citizens, 16, (c) => mintAccessToken(options.idp, { role: 'citizen', niu: c.niu }));
  const admins = Object.fromEntries(Object.entries(options.legacyUrls).map(([system, url]) => [system, createSimulatorAdmin(url, system)]));
  const setStatus = (d: MovableDossier, code: string) => admins[d.system]!.setDossierStatus(d.legacyNumber, code);
  const cycler = createStatusCycler();
  const burstDossiers = options.citizens.slice(0, options.burstChanges).flatMap((c) => c.dossiers.slice(0, 1));

  await sleep(2_000);
  const baselineMemory = await memory();
  const baseline = { ...baselineMemory, idleCpuPercent: await idleCpu() };
  log(`push streams: gateway with no stream: RSS ${baseline.rssMb.toFixed(0)} MB, heap ${baseline.heapUsedMb.toFixed(0)} MB, ${baseline.idleCpuPercent.toFixed(1)}% of a core idle`);

  const streams = createSseStreams(origin, options.query);
  const levels: StreamLevelFigures[] = [];
  let stoppedBecause: string | undefined;
  try {
    for (const level of options.levels) {
      const started = performance.now();
      const toOpen = level - (streams.open + streams.refused + streams.ended);
      await streams.add(Math.max(0, toOpen), (i) => tokens[i % tokens.length]!);
      const openS = (performance.now() - started) / 1000;
      if (!alive()) {
        stoppedBecause = `the gateway exited while opening ${level} streams (${exitReason()})`;
        break;
      }
      log(`push streams: ${streams.open} open (${streams.refused} refused, ${streams.ended} ended) in ${openS.toFixed(1)} s`);
      // The burst's dossiers at their start status (their events go out now), then quiet before measuring.
      await mapLimit(burstDossiers, 16, (d) => setStatus(d, cycler.start(d).code));
      await sleep(options.pollMs * 2 + 3_000);
      const levelMemory = await memory();
      const idleCpuPercent = await idleCpu();
      const { cpuMs: burstCpuMs, ...burst } = await runBurst(level);
      if (!alive()) {
        stoppedBecause = `the gateway exited during the burst at ${level} streams (${exitReason()})`;
        break;
      }
      const open = streams.open;
      levels.push({
        streams: level,
        open,
        refused: streams.refused,
        ended: streams.ended,
        openS,
        memory: levelMemory,
        rssPerThousandMb: perThousandStreams(baseline.rssMb, levelMemory.rssMb, Math.max(1, open)),
        heapPerThousandMb: perThousandStreams(baseline.heapUsedMb, levelMemory.heapUsedMb, Math.max(1, open)),
        idleCpuPercent,
        burst: { ...burst, cpuMsPerThousandDeliveries: burst.delivered === 0 ? 0 : ((burstCpuMs - idleCpuPercent * 10 * burst.seconds) * 1000) / burst.delivered },
      });
      log(
        `push streams: ${open} open: RSS ${levelMemory.rssMb.toFixed(0)} MB, heap ${levelMemory.heapUsedMb.toFixed(0)} MB, idle ${idleCpuPercent.toFixed(1)}% of a core; burst ${burst.delivered}/${burst.expectedDeliveries} events in ${burst.seconds.toFixed(1)} s at ${burst.cpuPercent.toFixed(0)}%`,
      );
      if (open < level) {
        stoppedBecause = `${level} streams asked, ${open} open: ${streams.failureSamples.join('; ') || 'no reason given'}`;
        break;
      }
    }
  } finally {
    streams.closeAll();
  }
  return {
    citizens: options.citizens.length,
    perPrincipalCap: options.perPrincipalCap,
    maxStreamsCap: options.maxStreamsCap,
    fileLimit: files,
    heapLimit: options.heapLimit,
    idleS: options.idleS,
    pollMs: options.pollMs,
    baseline,
    levels,
    ...(stoppedBecause === undefined ? {} : { stoppedBecause }),
    failureSamples: streams.failureSamples,
  };

  async function runBurst(level: number): Promise<Omit<BurstFigures, 'cpuMsPerThousandDeliveries'> & { readonly cpuMs: number }> {
    // Stream i belongs to citizen i mod C: how many streams each burst owner has at this level.
    const streamsOf = (citizenIndex: number) => Math.floor(level / tokens.length) + (citizenIndex < level % tokens.length ? 1 : 0);
    const steps = burstDossiers.map((d) => ({ d, step: cycler.next(d) }));
    const ownerIndex = new Map(options.citizens.map((c, i) => [c.niu, i]));
    const expected = steps.reduce((n, { d, step }) => n + streamsOf(ownerIndex.get(d.niu) ?? 0) * expectedEventTypes(step.status).length, 0);
    const before = streams.events;
    const meter = cpuMeter({ gateway: [pid] });
    const started = performance.now();
    await mapLimit(steps, 16, ({ d, step }) => setStatus(d, step.code));
    const deadline = started + options.pollMs * 4 + 15_000;
    while (streams.events - before < expected && performance.now() < deadline) await sleep(20);
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = meter().gateway ?? 0;
    return { changes: steps.length, expectedDeliveries: expected, delivered: streams.events - before, seconds, cpuPercent: cpuMs / seconds / 10, cpuMs };
  }
}

function processId(service: SpawnedService): number {
  const pid = service.child.pid;
  if (pid === undefined) throw new Error(`${service.name} has no process`);
  return pid;
}

function rssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match?.[1] === undefined ? Number.NaN : Number(match[1]) * 1024;
}

function fileLimit(pid: number): number | undefined {
  try {
    const match = /^Max open files\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}

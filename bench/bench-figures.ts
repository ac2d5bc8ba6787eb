import type { AnswerComparison } from './compare-answers.js';
import type { DeferFigures } from './measure-defer.js';
import type { GatewayCpuFigures } from './measure-gateway-cpu.js';
import type { DashboardRoundFigures } from './measure-dashboard-round.js';
import type { PushFigures } from './measure-push.js';
import type { BenchMode, ScenarioName } from './bench-options.js';
import { legacySystems, type LegacyCalls } from './legacy-calls.js';
import type { OverloadFigures } from './measure-overload.js';
import type { ReloadMemoryFigures } from './measure-reload-memory.js';
import type { ScaledFigures } from './measure-scaled.js';
import type { RssFigures } from './start-rss-sampler.js';
import type { WireBytesFigures } from './measure-wire-bytes.js';
import type { StatusPollFigures } from './measure-status-polls.js';
import type { IdentityWarmup } from './warm-identity-cache.js';

/** One target's figures for one scenario in one mode, over all its measured rounds. */
export interface TargetFigures {
  readonly target: string;
  /** Requests written (the legacy calls are counted per request sent: cut-off ones reach the systems too). */
  readonly sent: number;
  readonly responses: number;
  readonly durationS: number;
  readonly requestsPerSecond: number;
  /** Each measured run's own req/s, in round order: how much the machine drifted under the figure. */
  readonly requestsPerSecondByRound: readonly number[];
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  /** Non-2xx answers, 2xx answers with GraphQL `errors`, and requests with no answer (refused, reset, timed out). */
  readonly errors: { readonly non2xx: number; readonly graphql: number; readonly transport: number };
  readonly errorSamples: readonly string[];
  /** Peak RSS of the process tree that served the scenario (undefined off Linux). */
  readonly rss?: RssFigures;
  /** Legacy calls counted by the simulators during the measured runs, all operations. */
  readonly legacyCalls: LegacyCalls;
  /** Guichet: answers served whole from its private response cache (a repeated query its sources prove unchanged). */
  readonly servedWhole?: number;
  /** Guichet: requests its admission refused with 503, by rule (from its `/metrics`): which rule shed the load. */
  readonly refusedAtDoor?: Readonly<Record<string, number>>;
}

export interface ScenarioFigures {
  readonly scenario: ScenarioName;
  readonly mode: BenchMode;
  readonly targets: readonly TargetFigures[];
  /** The scenario's bound on legacy calls per operation per system, if it has one. */
  readonly legacyCallBound?: Readonly<Partial<Record<keyof LegacyCalls, number>>>;
}

/** Requests per second of `status`/`dashboard` as Guichet's WORKERS grows, with its memory per worker. */
export interface ScalingPoint {
  readonly scenario: ScenarioName;
  readonly workers: number;
  readonly figures: TargetFigures;
}

/** Latency of CitizenDashboard for a citizen with about `dossiers` dossiers. */
export interface DossierCountPoint {
  readonly dossiers: number;
  /** Citizens with that many dossiers the requests rotated over. */
  readonly citizens: number;
  readonly figures: TargetFigures;
}

export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

/** One arm (room off or on) of one scenario in the room's cost figure, over its rounds. */
export interface RoomRunFigures {
  readonly figures: TargetFigures;
  /** CPU used per group of processes while the load ran, in % of one core (100 = one core busy all along). */
  readonly cpuPercentOfCore: Readonly<Record<string, number>>;
  /** Legacy calls per second during the runs, by `<system> <operation>`. */
  readonly legacyCallsPerSecond: Readonly<Record<string, number>>;
}

/** What the supervision room costs the graph, and how it behaves under that load. */
export interface RoomCostFigures {
  readonly streams: number;
  readonly writesPerSecond: number;
  readonly writes: { readonly written: number; readonly failed: number };
  readonly framesReceived: number;
  readonly scenarios: readonly { readonly scenario: ScenarioName; readonly off: RoomRunFigures; readonly on: RoomRunFigures }[];
  /** CPU per group of processes with no load at all, room off and on (% of one core): the room's own cost, alone. */
  readonly idleCpuPercentOfCore: { readonly seconds: number; readonly off: Readonly<Record<string, number>>; readonly on: Readonly<Record<string, number>> };
  /** The room's own read (SupervisionRoom through the gateway): idle, and while the scenarios ran. */
  readonly roomRead: { readonly idle: LatencySummary; readonly underLoad: LatencySummary };
  /** From an application written into CEET to the screen's frame that counts it, ms. */
  readonly freshnessMs: readonly number[];
  /** The read model's initial load per system at the stack's start, from the supervision subgraph's log. */
  readonly initialLoads: readonly { readonly system: string; readonly dossiers: number; readonly durationMs: number }[];
}

/** Everything one bench run measured, with what it ran on. */
export interface BenchFigures {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: Readonly<Record<string, string>>;
  readonly parameters: Readonly<Record<string, string>>;
  /** The simulators' realistic latency (median/p95 ms per system), as used by the latency mode. */
  readonly realisticLatency: Readonly<Record<string, string>>;
  readonly scenarios: readonly ScenarioFigures[];
  readonly scaling: readonly ScalingPoint[];
  readonly dossierCounts: readonly DossierCountPoint[];
  /** The supervision room's cost (undefined when not measured: `--room-streams none`). */
  readonly roomCost?: RoomCostFigures;
  /** Guichet's gateway offered far more dashboards than it can serve (undefined: `--overload-connections none`). */
  readonly overload?: OverloadFigures;
  /** Bytes per answer by content coding, and a 304 poll's cost (bench/measure-wire-bytes.ts). */
  readonly wireBytes?: WireBytesFigures;
  /** The dashboard at one connection, realistic latency, against the one-round floor (undefined: no dashboard on guichet). */
  readonly dashboardRound?: DashboardRoundFigures;
  /** The pass that warmed civil-registry's identity cache: a first visit's legacy calls per dashboard. */
  readonly identityWarmup?: IdentityWarmup;
  /** Heap across supergraph hot reloads (undefined: `--reloads none`). */
  readonly reloadMemory?: ReloadMemoryFigures;
  /** The dashboard with its civil acts and dossiers deferred: time to the first part against the whole answer. */
  readonly defer?: readonly DeferFigures[];
  /** Push against polling: latency to the app, legacy calls per citizen, open streams' cost (undefined: not measured). */
  readonly push?: PushFigures;
  /** Phones polling their dossiers' status: legacy calls per poll and freshness (undefined: `--status-poll-phones none`). */
  readonly statusPolls?: StatusPollFigures;
  /** Embedded vs scaled, and what PostgreSQL and Redis cost per request (undefined: `--scaled none`). */
  readonly scaled?: ScaledFigures;
  /** Each gateway's answers to the same requests compared with Guichet's (undefined: fewer than two gateways). */
  readonly answers?: readonly AnswerComparison[];
  /** Gateway CPU per request on `status` and the nested scenario (undefined: `--gateway-cpu none`). */
  readonly gatewayCpu?: GatewayCpuFigures;
  /** Why a figure was not measured (e.g. the world has no heavy citizens), printed as is. */
  readonly skipped: readonly string[];
  /** How long installing the peers took, when this run had to. */
  readonly peersInstallS?: number;
}

/** `q` in [0, 1] of sorted values (nearest rank); 0 for none. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** Legacy calls per operation of a target, per system (all that system's operations together). */
export function callsPerOperation(figures: TargetFigures): Record<keyof LegacyCalls, number> {
  const per = (calls: Readonly<Record<string, number>>) => (figures.sent === 0 ? 0 : Object.values(calls).reduce((a, b) => a + b, 0) / figures.sent);
  return Object.fromEntries(legacySystems.map((s) => [s, per(figures.legacyCalls[s])])) as Record<keyof LegacyCalls, number>;
}

export const totalErrors = (figures: TargetFigures): number => figures.errors.non2xx + figures.errors.graphql + figures.errors.transport;

/** A row whose answers are more than 1% errors measures failing fast, not serving: no ratio is drawn from it. */
export const servesScenario = (figures: TargetFigures): boolean => figures.responses > 0 && totalErrors(figures) <= figures.responses * 0.01;

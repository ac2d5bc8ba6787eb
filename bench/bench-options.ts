import { availableParallelism } from 'node:os';

export const scenarioNames = ['status', 'dashboard', 'agent-list', 'catalogue'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

/**
 * `guichet` is the stack's gateway; `apollo` stock @apollo/gateway; `hive` Hive Gateway (default runtime); `hive-rust`
 * Hive Gateway with its Rust query planner (@graphql-hive/router-runtime); `direct` the owning subgraph.
 */
export const targetNames = ['guichet', 'apollo', 'hive', 'hive-rust', 'direct'] as const;
export type TargetName = (typeof targetNames)[number];

/** `throughput`: legacy latency at zero; `latency`: the simulators' realistic distributions. */
export const benchModes = ['throughput', 'latency'] as const;
export type BenchMode = (typeof benchModes)[number];

/** A Guichet gateway started beside the stack's with extra environment (a switch turned off, for before/after). */
export interface GuichetVariant {
  /** Shown as a target name (`guichet-<name>`). */
  readonly name: string;
  readonly env: Readonly<Record<string, string>>;
}

/** What one bench run does; `defaultBenchOptions` and `quickBenchOptions` give every field. */
export interface BenchOptions {
  readonly quick: boolean;
  /** One measured run of one target, in seconds. Default 8. */
  readonly durationS: number;
  /** Warm-up of each target before the rounds, in seconds. Default 3. */
  readonly warmupS: number;
  /** Concurrent client connections. Default 50. */
  readonly connections: number;
  /** Rounds: each target runs once per round, targets alternating. Default 2. */
  readonly rounds: number;
  readonly scenarios: readonly ScenarioName[];
  readonly targets: readonly TargetName[];
  readonly modes: readonly BenchMode[];
  /**
   * Gateway processes of every gateway in the comparison, so that ratios are at equal workers: Guichet's `WORKERS`,
   * Hive Gateway's `--fork`, node:cluster around the stock gateway. Default 1.
   */
  readonly workers: number;
  /** Guichet's `WORKERS` values for the scaling figure (empty: none). Default 1 to the cores available. */
  readonly scalingWorkers: readonly number[];
  /** Measured seconds per point of the scaling and dossier-count figures. Default 8. */
  readonly scalingDurationS: number;
  /** Dossier counts of the latency-vs-dossiers figure (empty: none). Default 10, 100, 1000. */
  readonly dossierCounts: readonly number[];
  /** Connections of the dossier-count figure (a latency figure, not a saturation one). Default 1. */
  readonly dossierConnections: number;
  /**
   * Supervision-room screens open during the room's cost figure (status and dashboard, room off vs on, throughput
   * mode); 0 skips the figure. Default 4: a wall screen and three ministry screens.
   */
  readonly roomStreams: number;
  /** Applications written straight into CEET per second during that figure, in both arms. Default 5. */
  readonly roomWritesPerSecond: number;
  /**
   * Concurrent dashboards offered to Guichet's gateway in the overload figure (throughput mode, `durationS` long),
   * far beyond what the stack serves; 0 skips it. Default 500.
   */
  readonly overloadConnections: number;
  /**
   * Gateway processes behind HAProxy in the embedded-vs-scaled figure (`npm run start:scaled`'s stack: PostgreSQL,
   * Redis, two replicas of every subgraph), one measured set per value, with what PostgreSQL and Redis cost per
   * request at the largest; empty skips it (and its stack). Default 1, 2.
   */
  readonly scaledGateways: readonly number[];
  /** Electricity connection requests filed per deployment in that figure (0: no submission row). Default 300. */
  readonly scaledSubmissions: number;
  /**
   * The gateway CPU figure (issue 16, target 5): CPU per request of each gateway on `status` and on the nested
   * scenario (bench-only subgraphs of the public federation gateway benchmark's shape). Default true; `--gateway-cpu none`.
   */
  readonly gatewayCpu: boolean;
  /** `--cpu-profile DIR`: Guichet's gateway profiled (node --cpu-prof) during the gateway CPU figure, summarised in the report. */
  readonly cpuProfileDir?: string;
  /** Supergraph hot reloads in the reload-memory figure (heap before and after, in the bench's process); 0 skips it. Default 100. */
  readonly reloads: number;
  /** Citizens whose dossiers `status` and dashboards `dashboard` rotate over (each with its own token). Default 2000. */
  readonly citizens: number;
  /** World of the simulators (1 ≈ 20,000 citizens). Default 1. */
  readonly scale: number;
  /** Extra environment of the stack's Guichet gateway (e.g. a switch for a before/after run). */
  readonly guichetEnv: Readonly<Record<string, string>>;
  readonly variants: readonly GuichetVariant[];
  /**
   * Only the push section (`--push`): the stack, then push against polling, nothing else (no peers, no scenario).
   * Default false: the section is part of the full run.
   */
  readonly pushOnly: boolean;
  /** `SUPERVISION_POLL_MS` values of the push latency figure, one supervision subgraph each; empty skips it. Default 2000, 250. */
  readonly pushPolls: readonly number[];
  /** Citizens subscribed in the latency figure and polling in the cost figure. Default 100. */
  readonly pushCitizens: number;
  /** Status changes timed per poll interval. Default 300. */
  readonly pushChanges: number;
  /** Open SSE streams of the memory and CPU figure, in increasing order; empty skips it. Default 1000, 10000. */
  readonly pushStreams: readonly number[];
  /**
   * `--max-old-space-size` of the streams figure's gateway, MB; undefined: the production cap of every gateway
   * (scripts/stack's gatewayNodeOptions), which is what a deployment runs with.
   */
  readonly pushStreamsHeapMb?: number;
  /** Only the status-poll section (`--status-polls`): the stack, then phones polling, nothing else. Default false. */
  readonly statusPollsOnly: boolean;
  /** Phones of the status-poll figure (issue 16, target 3); 0 skips it. Default 300 (quick: 0; `--quick --status-polls`: 30). */
  readonly statusPollPhones: number;
  /** Counted rounds of the status-poll figure, after its warm-up. Default 6. */
  readonly statusPollRounds: number;
  /** The phones' poll interval the figure runs at, ms; the app's is 30 s (below it: compressed time, said so). Default 30,000. */
  readonly statusPollIntervalMs: number;
  /** Markdown report. Default bench/results.md (`--quick`: .data/bench-quick.md). */
  readonly out: string;
  /** Every figure as JSON. Default .data/bench-results.json (`--quick`: .data/bench-quick.json). */
  readonly json: string;
  /** Progress lines (English). */
  readonly log: (line: string) => void;
  /** Every line every service prints (debugging). */
  readonly onServiceLine?: (service: string, line: string) => void;
}

const startedAt = Date.now();
const toStderr = (line: string) => {
  process.stderr.write(`[bench +${((Date.now() - startedAt) / 1000).toFixed(0)}s] ${line}\n`);
};

const cores = availableParallelism();

export const defaultBenchOptions: BenchOptions = {
  quick: false,
  durationS: 8,
  warmupS: 3,
  connections: 50,
  rounds: 2,
  scenarios: scenarioNames,
  targets: targetNames,
  modes: benchModes,
  workers: 1,
  scalingWorkers: Array.from({ length: cores }, (_, i) => i + 1),
  scalingDurationS: 8,
  dossierCounts: [10, 100, 1_000],
  dossierConnections: 1,
  citizens: 2_000,
  roomStreams: 4,
  roomWritesPerSecond: 5,
  overloadConnections: 500,
  reloads: 100,
  gatewayCpu: true,
  scaledGateways: [1, 2],
  scaledSubmissions: 300,
  scale: 1,
  pushOnly: false,
  pushPolls: [2_000, 250],
  pushCitizens: 100,
  pushChanges: 300,
  pushStreams: [1_000, 10_000],
  statusPollsOnly: false,
  statusPollPhones: 300,
  statusPollRounds: 6,
  statusPollIntervalMs: 30_000,
  guichetEnv: {},
  variants: [],
  out: 'bench/results.md',
  json: '.data/bench-results.json',
  log: toStderr,
};

/** The smoke `npm test` runs: every scenario, target and mode for about a second each, a tiny scaling figure. */
export const quickBenchOptions: BenchOptions = {
  ...defaultBenchOptions,
  quick: true,
  durationS: 1,
  // No warm-up run: the smoke proves the harness, and a warm-up per target would double its time (each connection
  // still sends one request first, so that a one-second run is not spent on a target's cold path).
  warmupS: 0,
  connections: 8,
  rounds: 1,
  scalingWorkers: [1],
  scalingDurationS: 1,
  dossierCounts: [10],
  citizens: 100,
  roomStreams: 2,
  overloadConnections: 40,
  reloads: 10,
  // The scaled stack (PostgreSQL, Redis, HAProxy, two of everything) would add a minute to npm test's smoke; the
  // scaled soak and tests/integration/scaled already start it there. `--quick --scaled 1` runs this figure quickly.
  scaledGateways: [],
  scaledSubmissions: 40,
  // The push figures wait for the feeds' polls and hold thousands of streams: minutes that npm test's smoke must not
  // pay. `--quick --push` runs them on the quick world.
  pushPolls: [],
  pushStreams: [],
  // Its warm-up outlasts the feeds' one-minute overlap: `--quick --status-polls` runs a small one.
  statusPollPhones: 0,
  scale: 0.05,
  out: '.data/bench-quick.md',
  json: '.data/bench-quick.json',
};

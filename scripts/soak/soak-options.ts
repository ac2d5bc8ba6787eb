/** What one soak run does; every field has a default (`defaultSoakOptions`), `--quick` picks `quickSoakOptions`. */
export interface SoakOptions {
  /** Submissions planned (the count bound), spread evenly over the three systems. Default 600. */
  readonly submissions: number;
  /** Clients submitting at once. Default 16. */
  readonly concurrency: number;
  /**
   * Time bound of the chaos phase, in seconds: submissions start in waves over its first three quarters, and none
   * starts or retries after it. Default 180.
   */
  readonly durationS: number;
  /** SIGKILLs during the chaos phase, a third of them (rounded) of the gateway, the rest of ministry subgraphs. Default 6. */
  readonly kills: number;
  /** Seeds every random choice (systems, citizens, inputs, faults, kill order). Default 20261123. */
  readonly seed: number;
  /** How long the outboxes may take to drain once the faults stop, in seconds. Default 120. */
  readonly drainTimeoutS: number;
  /** A client gives up one submission after this long without an answer carrying a reference. Default 120000. */
  readonly clientGiveUpMs: number;
  /** One HTTP request of a client (a mutation or a status read). Default 20000. */
  readonly requestTimeoutMs: number;
  /** Pause between two fault changes on the simulators: drawn in [min, max]. Default 1000–3000. */
  readonly faultIntervalMs: readonly [number, number];
  /** How long a killed service stays down before its restart: drawn in [min, max]. Default 300–1500. */
  readonly downtimeMs: readonly [number, number];
  /** Distinct citizens filing. Default 60. */
  readonly citizens: number;
  /** World scale of the simulators (1 ≈ 20,000 citizens). Default 0.05. */
  readonly scale: number;
  /** Added legacy latency (median, p95), so that kills land on calls in flight. Default 15 / 120 ms. */
  readonly latencyMs: readonly [number, number];
  /** How long a `timeout` fault hangs a legacy call: drawn in [min, max]. Default 1500–4000 (see start-fault-injector.ts). */
  readonly hangMs: readonly [number, number];
  /** Extra environment for every service, over the soak's own settings: to try the guarantees under other settings. */
  readonly stackEnv?: NodeJS.ProcessEnv;
  /**
   * The scaled stack (`--scaled`): PostgreSQL, Redis, HAProxy, two gateway processes and two replicas of every
   * subgraph; kills then also take replicas, Redis (SIGKILL) and PostgreSQL (fast shutdown), and the run checks that
   * the rate limit held across gateways and that the shared audit trail verifies. Default false.
   */
  readonly scaled: boolean;
  /** Keep the run's data folder (outboxes, audit log, IdP key) even when the run passes. Default false. */
  readonly keepData: boolean;
  /** Progress lines (English). Default: to stderr. */
  readonly log: (line: string) => void;
  /** Every line every service prints, for debugging. Default: none. */
  readonly onServiceLine?: (service: string, line: string) => void;
}

const toStderr = (line: string) => {
  process.stderr.write(`[soak] ${line}\n`);
};

export const defaultSoakOptions: SoakOptions = {
  submissions: 600,
  concurrency: 16,
  durationS: 180,
  kills: 6,
  seed: 20_261_123,
  drainTimeoutS: 120,
  clientGiveUpMs: 120_000,
  requestTimeoutMs: 20_000,
  faultIntervalMs: [1_000, 3_000],
  downtimeMs: [300, 1_500],
  citizens: 60,
  scale: 0.05,
  latencyMs: [15, 120],
  hangMs: [1_500, 4_000],
  scaled: false,
  keepData: false,
  log: toStderr,
};

/** The short version `npm test` runs: well under a minute, still with kills of both kinds and faults. */
export const quickSoakOptions: SoakOptions = {
  ...defaultSoakOptions,
  submissions: 60,
  concurrency: 8,
  durationS: 30,
  kills: 2,
  drainTimeoutS: 45,
  clientGiveUpMs: 30_000,
  faultIntervalMs: [500, 1_500],
  downtimeMs: [200, 600],
  citizens: 12,
};

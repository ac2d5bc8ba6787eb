export interface FetchBudgetInput {
  /** What is left of the request's deadline. */
  readonly remainingMs: number;
  /** The request's whole deadline. */
  readonly totalMs: number;
  /** Stages of the plan still to run after this fetch (see `planStages`). */
  readonly stagesAfter: number;
  /** The gateway's own ceiling on one subgraph call (`SUBGRAPH_TIMEOUT_MS`). */
  readonly subgraphTimeoutMs: number;
  /** Taken off what the subgraph is told, so that its answer is back in time (`REQUEST_DEADLINE_MARGIN_MS`). */
  readonly marginMs: number;
}

export interface FetchBudget {
  /** How long the gateway waits for this fetch. */
  readonly timeoutMs: number;
  /** What the subgraph is told it has (`x-guichet-deadline-ms`): its legacy calls end by then. */
  readonly subgraphDeadlineMs: number;
}

/** Each later stage of the plan keeps this share of the request's deadline (1 s of the default 8). */
const reservePerStage = 1 / 8;

/**
 * The time one subgraph fetch may take, from what is left of its request. A fetch leaves every later stage of its
 * plan an eighth of the request's deadline — a slow ministry early in the plan must not starve the stages that
 * build the rest of the answer (the dashboard's `dossiers` and owners' fetches) — but never takes less than an equal
 * share of what is left. Never more than `SUBGRAPH_TIMEOUT_MS`. Undefined: no time left, send nothing.
 */
export function fetchBudget({ remainingMs, totalMs, stagesAfter, subgraphTimeoutMs, marginMs }: FetchBudgetInput): FetchBudget | undefined {
  if (remainingMs < 1) return undefined;
  const equalShare = remainingMs / (stagesAfter + 1);
  const afterReserves = remainingMs - stagesAfter * totalMs * reservePerStage;
  const timeoutMs = Math.max(1, Math.floor(Math.min(subgraphTimeoutMs, Math.max(equalShare, afterReserves))));
  // A short budget keeps most of itself: the margin never takes more than a quarter.
  const margin = Math.min(marginMs, Math.floor(timeoutMs / 4));
  return { timeoutMs, subgraphDeadlineMs: timeoutMs - margin };
}

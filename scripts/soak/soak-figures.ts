import type { SoakSystem } from './plan-submissions.js';
import type { FaultKind } from './start-fault-injector.js';
import type { ServiceLogTally } from './create-log-tallier.js';
import type { RateLimitCheck } from './check-global-rate-limit.js';

export interface SystemFigures {
  readonly attempted: number;
  readonly accepted: number;
  readonly queuedAtAcceptance: number;
  readonly lost: number;
  readonly duplicated: number;
}

/** Filed documents: how many a system must hold, held exactly once, held by no copy, held twice or more. */
export interface PiecesFigures {
  readonly expected: number;
  readonly received: number;
  readonly lost: number;
  readonly duplicated: number;
}

/** Everything a soak run measured; `passed` is the verdict, `failures` says why not. */
export interface SoakFigures {
  readonly seed: number;
  readonly submissions: {
    readonly planned: number;
    /** Sent at least once. */
    readonly attempted: number;
    /** An answer with a reference came back. */
    readonly accepted: number;
    /** Accepted with the ministry's own reference: delivered inline. */
    readonly acceptedDelivered: number;
    /** Accepted as QUEUED, with a Guichet reference: held by an outbox. */
    readonly acceptedQueued: number;
    readonly refused: number;
    /** No answer with a reference within the client's bound. */
    readonly abandoned: number;
    readonly notAttempted: number;
    /** Accepted and found in their legacy system. */
    readonly delivered: number;
    readonly abandonedButFiled: number;
  };
  readonly bySystem: Readonly<Record<SoakSystem, SystemFigures>>;
  readonly faults: Readonly<Record<FaultKind, number>>;
  readonly kills: Readonly<Record<string, number>>;
  /** Client attempts beyond the first, and why they happened. */
  readonly clientRetries: number;
  readonly retryCauses: Readonly<Record<string, number>>;
  readonly outbox: ServiceLogTally;
  readonly drain: { readonly watched: number; readonly drained: boolean; readonly pending: readonly string[]; readonly durationMs: number };
  readonly lost: number;
  readonly duplicated: number;
  readonly ghosts: number;
  readonly mismatched: number;
  /** Records in the filing citizens' lists that neither the seeded world nor a soak submission accounts for. */
  readonly strayRecords: number;
  /** Supporting documents filed with submissions that reached SIGEM: each must be held there exactly once. */
  /** Filed documents held exactly once at their systems: in all, and per system that takes documents. */
  readonly pieces: PiecesFigures & { readonly bySystem: Readonly<Partial<Record<SoakSystem, PiecesFigures>>> };
  /** One line per wrong submission (first 20), with its key and references: a reproduction starts there. */
  readonly findings: readonly string[];
  readonly phasesMs: { readonly startup: number; readonly chaos: number; readonly drain: number; readonly verify: number };
  readonly durationMs: number;
  readonly passed: boolean;
  readonly failures: readonly string[];
  /** Scaled runs only: the shared rate limit's burst check and the shared audit trail's verification. */
  readonly scaled?: {
    readonly rateLimit: RateLimitCheck;
    readonly trail: { readonly records: number; readonly verified: boolean; readonly detail: string };
  };
  /** The run's data folder, when kept (`--keep-data`, or a failed run). */
  readonly dataDir?: string;
}

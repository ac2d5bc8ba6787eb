/** The figures the room receives: the `SupervisionRoom` operation's data (see the supervision API contract). */

export interface StatusCount {
  readonly status: string;
  readonly count: number;
}

export interface ProcessingFigures {
  readonly total: number;
  readonly byStatus: readonly StatusCount[];
  readonly processingDaysP50: number | null;
  readonly processingDaysP90: number | null;
  readonly backlog: number;
  readonly backlogAgeDaysP50: number | null;
  readonly backlogAgeDaysMax: number | null;
  readonly beyondLegalDelayShare: number;
  readonly beyondLegalDelay: number;
  readonly overdueBacklog: number;
  readonly waitingOnCitizen: number;
}

export interface AlertThresholds {
  readonly beyondLegalDelayShare: number;
  readonly overdueBacklog: number;
}

export interface PreviousPeriod {
  readonly from: string;
  readonly to: string;
  readonly belowFloor: boolean;
  readonly totals: ProcessingFigures;
}

export interface LegacySystemHealth {
  readonly system: string;
  readonly name: string | null;
  readonly successRate: number | null;
  readonly latencyMsP50: number | null;
  readonly latencyMsP95: number | null;
  readonly calls: number | null;
  readonly circuit: string | null;
  readonly lastFailureAt: string | null;
  readonly lastFailureCode: string | null;
}

export interface SupervisionOverview {
  readonly asOf: string;
  /** Some system's feed is not loaded yet, or its last read failed: its figures are partial or old. */
  readonly incomplete: boolean;
  readonly unavailableSystems: readonly string[];
  /** The aggregation floor: no group of fewer dossiers is listed. */
  readonly minGroupSize: number;
  /** The filter selects fewer dossiers than the floor: no figure. */
  readonly belowFloor: boolean;
  readonly withheldGroups: number;
  readonly alertThresholds: AlertThresholds;
  readonly previousPeriod: PreviousPeriod | null;
  readonly totals: ProcessingFigures;
  readonly byMinistry: readonly { readonly ministry: string; readonly figures: ProcessingFigures }[];
  readonly byProcedure: readonly { readonly procedure: { readonly code: string }; readonly figures: ProcessingFigures }[];
  readonly byCommune: readonly { readonly commune: string; readonly figures: ProcessingFigures }[];
  readonly submittedPerDay: readonly { readonly day: string; readonly count: number }[];
  readonly legacySystems: readonly LegacySystemHealth[];
}

export interface CatalogueProcedure {
  readonly code: string;
  readonly title: string;
  /** The ministry's full name. */
  readonly ministry: string;
  readonly ministryCode: string;
  readonly legalDelayDays: number;
  readonly handlingBody: { readonly code: string; readonly name: string } | null;
}

/** One `figures` frame of the live channel. */
export interface FiguresMessage {
  readonly data: { readonly supervision: SupervisionOverview; readonly procedures: readonly CatalogueProcedure[] | null };
  /** Error codes beside the data: a part of the answer is missing. */
  readonly partial: readonly string[];
  /** When the server read these figures. */
  readonly readAt: string;
}

/** The filter, as the live channel's parameters name it. */
export interface RoomFilter {
  readonly ministry?: string;
  readonly procedure?: string;
  readonly from?: string;
  readonly to?: string;
  readonly commune?: string;
}

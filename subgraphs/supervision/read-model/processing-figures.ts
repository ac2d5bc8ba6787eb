import { DossierStatus, dossierStatuses } from '../../../schema/index.js';
import { DurationHistogram } from './duration-histogram.js';

export const DAY_MS = 86_400_000;

export interface StatusCount {
  readonly status: DossierStatus;
  readonly count: number;
}

/** The processing figures of a set of dossiers (a ministry, a procedure, a commune, or all of them). */
export interface ProcessingFigures {
  readonly total: number;
  /** Statuses with at least one dossier, in the order of the normalized statuses. */
  readonly byStatus: readonly StatusCount[];
  /** Submission → decision, in days (see DurationHistogram for the precision), over the decided dossiers; null when none is decided. */
  readonly processingDaysP50: number | null;
  readonly processingDaysP90: number | null;
  /** Open dossiers (not yet decided) and their age at `asOf`, in days. */
  readonly backlog: number;
  readonly backlogAgeDaysP50: number | null;
  readonly backlogAgeDaysMax: number | null;
  /** Share (0..1, four decimals) of the dossiers, open or decided, that took or have taken longer than the legal delay. */
  readonly beyondLegalDelayShare: number;
  /** The same dossiers counted: open or decided, past their procedure's legal delay. */
  readonly beyondLegalDelay: number;
  /** Open dossiers already older than their procedure's legal delay at `asOf`: the late work still to do. */
  readonly overdueBacklog: number;
  /** Dossiers waiting on the citizen (ACTION_REQUIRED). */
  readonly waitingOnCitizen: number;
}

export const statusIndex: ReadonlyMap<DossierStatus, number> = new Map(dossierStatuses.map((s, i) => [s, i]));
const waitingIndex = statusIndex.get(DossierStatus.ACTION_REQUIRED) ?? -1;

const oneDecimal = (days: number | null) => (days === null ? null : Math.round(days * 10) / 10);

/** Adds dossiers one at a time, then gives their figures. */
export class FiguresAccumulator {
  private total = 0;
  private readonly statusCounts: number[] = dossierStatuses.map(() => 0);
  private readonly processingDays = new DurationHistogram();
  private readonly backlogAges = new DurationHistogram();
  private beyond = 0;
  private overdue = 0;

  /**
   * One dossier: open (its age at asOf) or decided (its processing time), in days with their histogram bin, and
   * whether that went past its procedure's legal delay — computed once per dossier, added to each of its groups.
   */
  add(status: number, open: boolean, days: number, bin: number, beyondDelay: boolean): void {
    this.total += 1;
    this.statusCounts[status] = (this.statusCounts[status] ?? 0) + 1;
    (open ? this.backlogAges : this.processingDays).add(days, bin);
    if (beyondDelay) this.beyond += 1;
    if (beyondDelay && open) this.overdue += 1;
  }

  /** Dossiers added so far. */
  get count(): number {
    return this.total;
  }

  figures(): ProcessingFigures {
    const { processingDays, backlogAges } = this;
    return {
      total: this.total,
      byStatus: dossierStatuses.flatMap((status, i) => ((this.statusCounts[i] ?? 0) > 0 ? [{ status, count: this.statusCounts[i] ?? 0 }] : [])),
      processingDaysP50: oneDecimal(processingDays.percentile(0.5)),
      processingDaysP90: oneDecimal(processingDays.percentile(0.9)),
      backlog: backlogAges.count,
      backlogAgeDaysP50: oneDecimal(backlogAges.percentile(0.5)),
      backlogAgeDaysMax: oneDecimal(backlogAges.maximum()),
      beyondLegalDelayShare: this.total === 0 ? 0 : Math.round((this.beyond / this.total) * 10_000) / 10_000,
      beyondLegalDelay: this.beyond,
      overdueBacklog: this.overdue,
      waitingOnCitizen: this.statusCounts[waitingIndex] ?? 0,
    };
  }
}

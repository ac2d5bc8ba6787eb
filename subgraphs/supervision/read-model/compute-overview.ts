import type { MinistryCode } from '../../../schema/index.js';
import type { FactTable } from './fact-table.js';
import { DurationHistogram } from './duration-histogram.js';
import { DAY_MS, FiguresAccumulator, type ProcessingFigures } from './processing-figures.js';

/** Which dossiers a view counts; every criterion is optional. */
export interface OverviewQuery {
  readonly ministry?: MinistryCode | null;
  /** A procedure code of the catalogue. */
  readonly procedure?: string | null;
  /** Submitted on or after this day (`YYYY-MM-DD`, Lomé = UTC). */
  readonly from?: string | null;
  /** Submitted on or before this day. */
  readonly to?: string | null;
  /** Commune code (`GOLFE1`). */
  readonly commune?: string | null;
}

export interface DayCount {
  readonly day: string;
  readonly count: number;
}

/**
 * The aggregation floor: no group (a ministry, a procedure, a commune) of fewer dossiers than this is listed, so
 * that no figure describes a handful of applicants someone could name. 1 lists every group.
 */
export interface OverviewOptions {
  readonly minGroupSize: number;
}

export interface Overview {
  readonly asOfMs: number;
  /** The filter selects some dossiers, but fewer than the floor: no figure is given (totals are zeros, no group). */
  readonly belowFloor: boolean;
  readonly totals: ProcessingFigures;
  readonly byMinistry: readonly { readonly ministry: MinistryCode; readonly figures: ProcessingFigures }[];
  readonly byProcedure: readonly { readonly procedure: string; readonly figures: ProcessingFigures }[];
  readonly byCommune: readonly { readonly commune: string; readonly figures: ProcessingFigures }[];
  /** Groups left out because they hold fewer dossiers than the floor (their dossiers still count in `totals`). */
  readonly withheldGroups: number;
  /** Every day of the period, days without a submission included (at most `maxDays`, the latest ones). */
  readonly submittedPerDay: readonly DayCount[];
}

/** Longest series of days a view returns: ten years. */
export const MAX_PERIOD_DAYS = 3_660;

const dayNumber = (ms: number) => Math.floor(ms / DAY_MS);
const dayText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * The figures of the dossiers a query selects, in one pass over the table's number columns. Ages and delays are
 * measured at `asOfMs`. The period selects dossiers by their submission day: the backlog of a period is what is
 * still open among the dossiers submitted in it.
 */
export function computeOverview(table: FactTable, query: OverviewQuery, asOfMs: number, options: OverviewOptions = { minGroupSize: 1 }): Overview {
  const selected = table.procedures.map((p) => (!query.procedure || p.code === query.procedure) && (!query.ministry || p.ministry === query.ministry));
  // -2 matches no row: a commune nobody has filed in.
  const commune = query.commune ? (table.indexOfCommune(query.commune) ?? -2) : null;
  const fromMs = query.from ? Date.parse(query.from) : -Infinity;
  const toMs = query.to ? Date.parse(query.to) + DAY_MS : Infinity;
  const ministries = [...new Set(table.procedures.map((p) => p.ministry))];
  const ministryOfProcedure = table.procedures.map((p) => ministries.indexOf(p.ministry));
  const totals = new FiguresAccumulator();
  // Groups by index (ministry, procedure, commune), created when a first dossier falls in them.
  const byMinistry: (FiguresAccumulator | undefined)[] = [];
  const byProcedure: (FiguresAccumulator | undefined)[] = [];
  const byCommune: (FiguresAccumulator | undefined)[] = [];
  // Submissions per day, indexed from the table's first day.
  const perDay = new Uint32Array(table.size > 0 ? table.lastDay - table.firstDay + 1 : 0);
  let firstSelectedDay = Infinity;
  const { procedureCol, communeCol, statusCol, submittedCol, decidedCol } = table;
  for (let row = 0; row < procedureCol.length; row += 1) {
    const procedure = procedureCol[row] as number;
    if (!selected[procedure]) continue;
    const rowCommune = communeCol[row] as number;
    if (commune !== null && rowCommune !== commune) continue;
    const submitted = submittedCol[row] as number;
    if (submitted < fromMs || submitted >= toMs) continue;
    const status = statusCol[row] as number;
    const decided = decidedCol[row] as number;
    const open = Number.isNaN(decided);
    const elapsedMs = Math.max(0, (open ? asOfMs : decided) - submitted);
    const days = elapsedMs / DAY_MS;
    const bin = DurationHistogram.binOf(days);
    const beyond = elapsedMs > (table.procedures[procedure] as { legalDelayMs: number }).legalDelayMs;
    totals.add(status, open, days, bin, beyond);
    // Each group counts its own dossiers: a ministry's percentiles are not an average of its procedures'.
    accumulatorOf(byMinistry, ministryOfProcedure[procedure] as number).add(status, open, days, bin, beyond);
    accumulatorOf(byProcedure, procedure).add(status, open, days, bin, beyond);
    if (rowCommune >= 0) accumulatorOf(byCommune, rowCommune).add(status, open, days, bin, beyond);
    const day = dayNumber(submitted);
    const index = day - table.firstDay;
    perDay[index] = (perDay[index] ?? 0) + 1;
    if (day < firstSelectedDay) firstSelectedDay = day;
  }
  const floor = Math.max(1, options.minGroupSize);
  // A whole selection below the floor (a narrow filter) is withheld like a small group: its totals would describe
  // the few applicants in it.
  if (totals.count > 0 && totals.count < floor) {
    const none = new FiguresAccumulator().figures();
    const days = daySeries(new Uint32Array(0), table.firstDay, query.from ? dayNumber(fromMs) : firstSelectedDay, Math.min(dayNumber(asOfMs), query.to ? dayNumber(toMs) - 1 : Infinity));
    return { asOfMs, belowFloor: true, totals: none, byMinistry: [], byProcedure: [], byCommune: [], withheldGroups: 0, submittedPerDay: days };
  }
  let withheldGroups = 0;
  /** The groups that have dossiers, by index (catalogue order for ministries and procedures), above the floor. */
  const present = (groups: readonly (FiguresAccumulator | undefined)[]) =>
    groups.flatMap((acc, i) => {
      if (!acc) return [];
      if (acc.count < floor) {
        withheldGroups += 1;
        return [];
      }
      return [[i, acc] as const];
    });
  const ministryRows = present(byMinistry).map(([i, acc]) => ({ ministry: ministries[i] as MinistryCode, figures: acc.figures() }));
  const procedureRows = present(byProcedure).map(([i, acc]) => ({ procedure: table.procedures[i]?.code ?? '', figures: acc.figures() }));
  const communeRows = present(byCommune)
    .map(([i, acc]) => ({ commune: table.communes[i] ?? '', figures: acc.figures() }))
    .sort((a, b) => a.commune.localeCompare(b.commune));
  return {
    asOfMs,
    belowFloor: false,
    totals: totals.figures(),
    byMinistry: ministryRows,
    byProcedure: procedureRows,
    byCommune: communeRows,
    withheldGroups,
    submittedPerDay: daySeries(perDay, table.firstDay, query.from ? dayNumber(fromMs) : firstSelectedDay, Math.min(dayNumber(asOfMs), query.to ? dayNumber(toMs) - 1 : Infinity)),
  };
}

function accumulatorOf(groups: (FiguresAccumulator | undefined)[], index: number): FiguresAccumulator {
  return (groups[index] ??= new FiguresAccumulator());
}

/** Every day from `fromDay` to `toDay`, zeros included, at most the latest MAX_PERIOD_DAYS. */
function daySeries(perDay: Uint32Array, offset: number, fromDay: number, toDay: number): DayCount[] {
  if (!Number.isFinite(fromDay) || fromDay > toDay) return [];
  const start = Math.max(fromDay, toDay - MAX_PERIOD_DAYS + 1);
  const series: DayCount[] = [];
  for (let day = start; day <= toDay; day += 1) series.push({ day: dayText(day), count: perDay[day - offset] ?? 0 });
  return series;
}

/**
 * The period of the same length just before the query's (`from`…`to`, `to` defaulting to the day of `asOfMs`), with
 * the query's other criteria; null without a `from` (an open period has nothing before it to compare with).
 */
export function previousPeriodOf(query: OverviewQuery, asOfMs: number): OverviewQuery | null {
  if (!query.from) return null;
  const fromDay = dayNumber(Date.parse(query.from));
  const toDay = query.to ? dayNumber(Date.parse(query.to)) : dayNumber(asOfMs);
  if (toDay < fromDay) return null;
  const length = toDay - fromDay + 1;
  return { ...query, from: dayText(fromDay - length), to: dayText(fromDay - 1) };
}

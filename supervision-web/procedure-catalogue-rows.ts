import type { CatalogueProcedure, ProcessingFigures, RoomFilter, SupervisionOverview } from './overview.js';

/** A procedure of the catalogue with its figures: null when it has no dossier, or fewer than the aggregation floor. */
export interface CatalogueRow {
  readonly procedure: CatalogueProcedure;
  readonly figures: ProcessingFigures | null;
}

/** Every procedure of the catalogue the filter covers (its ministry, or the one procedure), figures or not. */
export function catalogueRows(overview: SupervisionOverview, catalogue: readonly CatalogueProcedure[], filter: RoomFilter): CatalogueRow[] {
  const figures = new Map(overview.byProcedure.map((p) => [p.procedure.code, p.figures]));
  return catalogue
    .filter((p) => (!filter.ministry || p.ministryCode === filter.ministry) && (!filter.procedure || p.code === filter.procedure))
    .map((procedure) => ({ procedure, figures: figures.get(procedure.code) ?? null }));
}

/** Whether a procedure's figures pass one of the room's alert thresholds. */
export function inAlert(figures: ProcessingFigures | null, thresholds: SupervisionOverview['alertThresholds']): boolean {
  return figures !== null && (figures.beyondLegalDelayShare > thresholds.beyondLegalDelayShare || figures.overdueBacklog >= thresholds.overdueBacklog);
}
